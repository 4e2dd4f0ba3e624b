/** Downloading a material through the app, hashing as it streams (upload-memory.ts, load.ts). */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { sha256OfStream } from './test-file';

/**
 * GET /materials/<id>/download, following the redirect to the presigned URL (S3) or reading the app's own
 * response (local disk), hashing as it streams.
 */
export async function downloadSha256(
  origin: string,
  id: string,
  cookie: string,
): Promise<{ sha256: string; bytes: number; seconds: number; redirected: boolean }> {
  const started = performance.now();
  let response = await fetch(`${origin}/materials/${id}/download`, { redirect: 'manual', headers: { cookie } });
  let redirected = false;
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location');
    await response.arrayBuffer();
    if (!location) throw new Error(`download answered ${response.status} without a Location`);
    const target = new URL(location, origin);
    if (target.hostname !== '127.0.0.1') throw new Error(`download redirected off the loopback: ${target.host}`);
    redirected = true;
    response = await fetch(target);
  }
  if (!response.ok || !response.body) throw new Error(`download answered ${response.status}`);
  const result = await sha256OfStream(Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>));
  return { ...result, seconds: (performance.now() - started) / 1000, redirected };
}

