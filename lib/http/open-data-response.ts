import 'server-only';
import { PUBLIC_PAGE_CACHE_CONTROL } from './cache-policy';

/**
 * The answer of an open interface (feeds, sitemap, catalogue): a document that is the same for
 * everyone, since it holds public materials only. Cached like a public page (checked with the server
 * before each reuse, never kept by a shared cache), so a material withdrawn or made private leaves
 * it on the very next request.
 */
export function openDataResponse(body: string | ReadableStream<Uint8Array>, contentType: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    headers: { 'content-type': contentType, 'cache-control': PUBLIC_PAGE_CACHE_CONTROL, 'x-content-type-options': 'nosniff', ...headers },
  });
}

/** Not found, for an open interface of something that does not exist (a council's feed). */
export function openDataNotFound(): Response {
  return new Response('Page not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });
}

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

/**
 * A body written piece by piece as the pieces are asked for (a large catalogue), so memory stays flat
 * and a slow reader slows the database reads instead of filling a buffer. A failure half-way ends the
 * body early; the status was already sent, so readers see a document cut short, never a wrong one.
 */
export function streamOfText(pieces: AsyncIterator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await pieces.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await pieces.return?.(undefined);
    },
  });
}
