import 'server-only';
import { resolveLimits, type ExtractionLimits } from '@/lib/extract/limits';
import type { FailureReason } from '@/lib/extract/result';
import type { Services } from '@/lib/services';

export type StoredBytes = { ok: true; bytes: Buffer } | { ok: false; reason: FailureReason; message: string };

/**
 * A stored file's bytes, for checking or cleaning it: at most the checks' input limit (a bigger file
 * is not read at all), so memory stays bounded. Throws only when storage cannot be read.
 */
export async function readStoredBytes(services: Services, storageKey: string, sizeBytes: number, limits?: Partial<ExtractionLimits>): Promise<StoredBytes> {
  const { maxInputBytes } = resolveLimits(limits);
  if (sizeBytes > maxInputBytes) {
    return { ok: false, reason: 'too_large', message: 'The file is too big to check. Check it yourself before you publish it.' };
  }
  const { body } = await services.storage.get(storageKey);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      total += buffer.length;
      if (total > maxInputBytes) {
        return { ok: false, reason: 'too_large', message: 'The file is too big to check. Check it yourself before you publish it.' };
      }
      chunks.push(buffer);
    }
  } finally {
    body.destroy();
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}
