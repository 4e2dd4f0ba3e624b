import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { withoutFrameworkScripts } from './framework-free-pages';

/** Below this size compressing gains less than its header costs. */
const MIN_GZIP_BYTES = 1024;

/**
 * Lets Next.js answer the request as usual, but holds the whole answer back, and if it is an HTML page
 * sends it without the framework's scripts (framework-free-pages.ts): compressed when the browser
 * accepts it, with its true length. Call before handing the request to Next.js.
 *
 * Next.js compresses its own answers; it is asked not to here (the browser's Accept-Encoding is taken
 * off the request), because a compressed page cannot be edited. The page is compressed afterwards.
 * The pages concerned are rendered in full before anything is sent (they have no streamed parts), so
 * holding the answer back delays nothing the browser could have used.
 */
export function sendFrameworkFree(request: IncomingMessage, response: ServerResponse): void {
  const acceptsGzip = /\bgzip\b/i.test(String(request.headers['accept-encoding'] ?? ''));
  delete request.headers['accept-encoding'];

  const original = { writeHead: response.writeHead, write: response.write, end: response.end, flushHeaders: response.flushHeaders };
  const chunks: Buffer[] = [];
  let heldHead: { statusCode: number; statusMessage?: string; headers?: OutgoingHttpHeaders } | undefined;

  const toBuffer = (chunk: unknown, encoding?: unknown): Buffer =>
    Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array);

  response.flushHeaders = () => {};
  response.writeHead = function writeHead(statusCode: number, ...rest: unknown[]) {
    const [first, second] = rest;
    const statusMessage = typeof first === 'string' ? first : undefined;
    const headers = (typeof first === 'string' ? second : first) as OutgoingHttpHeaders | undefined;
    if (Array.isArray(headers)) throw new Error('sendFrameworkFree: Next.js is not expected to pass writeHead a list of headers');
    heldHead = { statusCode, statusMessage, headers };
    return response;
  } as ServerResponse['writeHead'];
  response.write = function write(chunk: unknown, encoding?: unknown, callback?: unknown) {
    chunks.push(toBuffer(chunk, encoding));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done as () => void);
    return true;
  } as ServerResponse['write'];
  response.end = function end(chunk?: unknown, encoding?: unknown, callback?: unknown) {
    if (typeof chunk === 'function') callback = chunk;
    else if (chunk !== undefined && chunk !== null) chunks.push(toBuffer(chunk, encoding));
    if (typeof encoding === 'function') callback = encoding;
    Object.assign(response, original);

    let body = Buffer.concat(chunks);
    const headers: OutgoingHttpHeaders = { ...heldHead?.headers };
    const contentType = String(headerIn(headers, 'content-type') ?? response.getHeader('content-type') ?? '');
    if (contentType.startsWith('text/html')) {
      // The page goes in one piece with its own length: any length or chunking Next.js chose is dropped
      // (a page rewritten to "Page not found" arrives with `Transfer-Encoding: chunked`; a response
      // carrying both that and a length is refused by strict clients).
      for (const name of Object.keys(headers)) if (/^(content-length|transfer-encoding)$/i.test(name)) delete headers[name];
      response.removeHeader('transfer-encoding');
      body = Buffer.from(withoutFrameworkScripts(body.toString('utf8')), 'utf8');
      if (acceptsGzip && body.length >= MIN_GZIP_BYTES) {
        body = gzipSync(body);
        response.setHeader('Content-Encoding', 'gzip');
      }
      response.setHeader('Vary', varyWithAcceptEncoding(headerIn(headers, 'vary') ?? response.getHeader('vary')));
      for (const name of Object.keys(headers)) if (/^vary$/i.test(name)) delete headers[name];
      response.setHeader('Content-Length', body.length);
    }
    if (heldHead) {
      if (heldHead.statusMessage !== undefined) response.writeHead(heldHead.statusCode, heldHead.statusMessage, headers);
      else response.writeHead(heldHead.statusCode, headers);
    }
    return response.end(body, callback as () => void);
  } as ServerResponse['end'];
}

function varyWithAcceptEncoding(vary: OutgoingHttpHeaders[string]): string {
  const names = (Array.isArray(vary) ? vary.join(',') : String(vary ?? '')).split(',').map((name) => name.trim()).filter(Boolean);
  if (!names.some((name) => name.toLowerCase() === 'accept-encoding')) names.push('Accept-Encoding');
  return names.join(', ');
}

function headerIn(headers: OutgoingHttpHeaders, name: string): OutgoingHttpHeaders[string] {
  const key = Object.keys(headers).find((each) => each.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}
