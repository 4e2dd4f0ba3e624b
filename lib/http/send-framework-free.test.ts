import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendFrameworkFree } from './send-framework-free';

/**
 * A real HTTP server whose handler answers the way Next.js does (headers set, then flushHeaders, then
 * the page in several writes, then end), with sendFrameworkFree in front, as lib/cli/web-server.ts has it.
 * What Next.js itself sends through it is covered by the browser tests, which run `npm start`.
 */
const script = '<script src="/_next/static/chunks/app.js" async=""></script>';
const pageParts = ['<!DOCTYPE html><html><head>', script, '</head><body><main>', 'Consent form '.repeat(200), '</main>', '<script>self.__next_f.push([1,"data"])</script></body></html>'];
const seenAcceptEncoding: (string | undefined)[] = [];

const server = http.createServer((request, response) => {
  sendFrameworkFree(request, response);
  seenAcceptEncoding.push(request.headers['accept-encoding']);
  if (request.url === '/redirect') {
    response.writeHead(307, { Location: '/elsewhere' });
    response.end();
    return;
  }
  if (request.url === '/rewritten') {
    // How Next.js answers a page rewritten to "Page not found": the headers given all at once, chunked.
    response.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'transfer-encoding': 'chunked', vary: 'rsc' });
    for (const part of pageParts) response.write(part);
    response.end();
    return;
  }
  if (request.url === '/data') {
    response.setHeader('Content-Type', 'text/x-component');
    response.end('0:["not html", "<script src=\\"/_next/x.js\\"></script>"]');
    return;
  }
  response.statusCode = request.url === '/missing' ? 404 : 200;
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader('Vary', 'rsc');
  response.flushHeaders();
  for (const part of pageParts) response.write(part);
  response.end();
});
let origin = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** node:http's own client: fetch would decompress silently and hide the Content-Encoding and length. */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(`${origin}${path}`, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('sendFrameworkFree', () => {
  it('sends the page without the scripts, compressed for a browser that accepts gzip, with its true length', async () => {
    const answer = await get('/', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.headers.vary).toBe('rsc, Accept-Encoding');
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    const html = gunzipSync(answer.body).toString('utf8');
    expect(html).toContain('<main>Consent form');
    expect(html).not.toContain('<script');
    // The page's own renderer was asked for an uncompressed page, so that it could be edited.
    expect(seenAcceptEncoding.at(-1)).toBeUndefined();
  });

  it('sends it uncompressed to a client that does not ask for gzip, with the status unchanged', async () => {
    const answer = await get('/missing');
    expect(answer.status).toBe(404);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    expect(answer.body.toString('utf8')).toBe(pageParts.filter((part) => !part.includes('<script')).join('') + '</body></html>');
  });

  it('sends a page whose headers came all at once, chunked, with its length instead (never both)', async () => {
    const answer = await get('/rewritten', { 'Accept-Encoding': 'gzip' });
    expect(answer.status).toBe(404);
    expect(answer.headers['transfer-encoding']).toBeUndefined();
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    expect(answer.headers.vary).toBe('rsc, Accept-Encoding');
    expect(gunzipSync(answer.body).toString('utf8')).not.toContain('<script');
  });

  it('passes redirects and anything that is not HTML through untouched', async () => {
    const redirect = await get('/redirect', { 'Accept-Encoding': 'gzip' });
    expect(redirect.status).toBe(307);
    expect(redirect.headers.location).toBe('/elsewhere');
    const data = await get('/data', { 'Accept-Encoding': 'gzip' });
    expect(data.headers['content-encoding']).toBeUndefined();
    expect(data.body.toString('utf8')).toContain('<script src=\\"/_next/x.js\\"></script>');
  });
});
