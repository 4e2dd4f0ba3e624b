import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureProcessLogs, type LogLine } from '@/lib/logging/testing/capture-logs';
import { hubMetrics } from '@/lib/metrics';
import { observeRequest } from './observe-request';
import { recordServerRequest } from './record-server-request';
import {
  announceWebServerLogsRequests,
  installServerRequestRecorder,
  REQUEST_ID_HEADER,
  trackServerRequest,
  type ServerRequestLine,
} from './server-request-log';

/**
 * The production web server's line per request (lib/cli/web-server.ts): a real Node HTTP server that
 * tracks its requests as the web server does, answering like a page, a slow download and a failure.
 */
describe("the web server's line for every request, pages included", () => {
  let server: Server;
  let base: string;
  let recorded: ServerRequestLine[];

  beforeAll(async () => {
    server = createServer((request, response) => {
      trackServerRequest(request, response);
      if (request.url?.startsWith('/broken')) {
        response.statusCode = 500;
        response.end('sorry');
      } else if (request.url?.startsWith('/slow-download')) {
        response.writeHead(200, { 'content-length': '1000000' });
        response.write(Buffer.alloc(1000)); // then never finishes: the client gives up
      } else {
        response.setHeader('content-type', 'text/html');
        response.end(`<p>page for ${request.headers[REQUEST_ID_HEADER] as string}</p>`);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    recorded = [];
    installServerRequestRecorder((line) => recorded.push(line));
  });
  afterEach(() => installServerRequestRecorder(undefined));

  /** Lines arrive when the server sees the answer finish, a moment after the client has read it. */
  async function lines(count: number): Promise<ServerRequestLine[]> {
    while (recorded.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
    return recorded;
  }

  it('records method, path without its query, status and time, and gives the page the id it sends back', async () => {
    const response = await fetch(`${base}/search?q=garden+waste&token=s3cret`);
    const body = await response.text();
    const [line] = await lines(1);
    expect(line).toMatchObject({ method: 'GET', path: '/search', status: 200, aborted: false });
    expect(line!.durationMs).toEqual(expect.any(Number));
    expect(line!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get(REQUEST_ID_HEADER)).toBe(line!.requestId);
    // The page (and so the proxy and route handlers, which read the same header) saw the same id.
    expect(body).toContain(line!.requestId);
    expect(JSON.stringify(line)).not.toMatch(/garden|s3cret/);
  });

  it("keeps a reverse proxy's well-formed id and replaces one that is not plain", async () => {
    await fetch(`${base}/`, { headers: { [REQUEST_ID_HEADER]: 'nginx-0123456789abcdef' } });
    await fetch(`${base}/`, { headers: { [REQUEST_ID_HEADER]: 'x"; drop table' } });
    const [kept, replaced] = await lines(2);
    expect(kept!.requestId).toBe('nginx-0123456789abcdef');
    expect(replaced!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records failures with their status, and a client that went away part-way as aborted, once each', async () => {
    await (await fetch(`${base}/broken`)).text();
    const controller = new AbortController();
    const response = await fetch(`${base}/slow-download`, { signal: controller.signal });
    expect(response.status).toBe(200);
    controller.abort();
    const [broken, cut] = await lines(2);
    expect(broken).toMatchObject({ path: '/broken', status: 500, aborted: false });
    expect(cut).toMatchObject({ path: '/slow-download', status: 200, aborted: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(recorded).toHaveLength(2);
  });

  it('drops lines, and answers as usual, before the hub has installed its recorder', async () => {
    installServerRequestRecorder(undefined);
    expect((await fetch(`${base}/`)).status).toBe(200);
  });
});

describe("the hub's half: a redacted log line and a count", () => {
  let logs: LogLine[];
  let restore: () => void;
  beforeEach(() => {
    ({ lines: logs, restore } = captureProcessLogs('debug'));
  });
  afterEach(() => {
    restore();
    announceWebServerLogsRequests(false);
  });

  const line = (fields: Partial<ServerRequestLine>): ServerRequestLine => ({
    requestId: 'b7c1d2e3-0000-4000-8000-000000000001',
    method: 'GET',
    path: '/materials/abc',
    status: 200,
    durationMs: 12,
    aborted: false,
    ...fields,
  });

  it('logs pages at info, failures at error, and health checks, scrapes and static files at debug', async () => {
    const { values: before } = await hubMetrics().serverRequests.get();
    const served = (statusClass: string, values = before) => values.find((v) => v.labels.status_class === statusClass)?.value ?? 0;
    recordServerRequest(line({}));
    recordServerRequest(line({ path: '/search', status: 503 }));
    recordServerRequest(line({ path: '/readyz' }));
    recordServerRequest(line({ path: '/_next/static/chunks/app.js' }));
    expect(logs.map((l) => [l.level, l.path, l.msg])).toEqual([
      ['info', '/materials/abc', 'request'],
      ['error', '/search', 'request failed'],
      ['debug', '/readyz', 'request'],
      ['debug', '/_next/static/chunks/app.js', 'request'],
    ]);
    expect(logs[0]).toMatchObject({ component: 'http', requestId: 'b7c1d2e3-0000-4000-8000-000000000001', status: 200, durationMs: 12 });
    const { values: after } = await hubMetrics().serverRequests.get();
    expect(served('2xx', after)).toBe(served('2xx') + 3);
    expect(served('5xx', after)).toBe(served('5xx') + 1);
  });

  it('scrubs an address that reached a path', () => {
    recordServerRequest(line({ path: '/people/sam@bristol.gov.uk' }));
    expect(JSON.stringify(logs)).not.toContain('sam@bristol.gov.uk');
  });

  it("under the web server, a route handler's own line moves to debug: one line per request at info", async () => {
    announceWebServerLogsRequests();
    await observeRequest('form', async () => new Response('ok'))(new Request('https://hub.test/feedback/send', { method: 'POST' }));
    expect(logs[0]).toMatchObject({ level: 'debug', routeKind: 'form', status: 200 });
  });
});
