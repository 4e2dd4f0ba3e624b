import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureProcessLogs, type LogLine } from '@/lib/logging/testing/capture-logs';
import { hubMetrics } from '@/lib/metrics';
import { observeRequest } from './observe-request';
import { REQUEST_ID_HEADER } from './request-id';

/** The count of requests so far for a kind of route and status class, in this process's metrics. */
async function requestsCounted(routeKind: string, statusClass: string): Promise<number> {
  const { values } = await hubMetrics().requests.get();
  return values.find((v) => v.labels.route_kind === routeKind && v.labels.status_class === statusClass)?.value ?? 0;
}

describe('one log line and a count per request a route handler answers', () => {
  let lines: LogLine[];
  let restore: () => void;
  beforeEach(() => {
    ({ lines, restore } = captureProcessLogs('debug'));
  });
  afterEach(() => restore());

  it('logs the request id, method, path without its query, status and duration, and sends the id back', async () => {
    const before = await requestsCounted('download', '3xx');
    const handler = observeRequest('download', async () => new Response(null, { status: 303, headers: { location: '/x' } }));
    const response = await handler(new Request('https://hub.test/materials/abc/download?q=garden+waste&token=s3cret', { method: 'GET' }));

    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatchObject({ level: 'info', component: 'http', msg: 'request', method: 'GET', path: '/materials/abc/download', routeKind: 'download', status: 303 });
    expect(line.durationMs).toEqual(expect.any(Number));
    expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get(REQUEST_ID_HEADER)).toBe(line.requestId);
    expect(JSON.stringify(line)).not.toMatch(/garden|s3cret|q=/);
    expect(await requestsCounted('download', '3xx')).toBe(before + 1);
  });

  it('keeps the id the proxy gave the request, and replaces one that is not plain', async () => {
    const handler = observeRequest('form', async () => new Response('ok'));
    await handler(new Request('https://hub.test/feedback/send', { method: 'POST', headers: { [REQUEST_ID_HEADER]: 'b7c1d2e3-0000-4000-8000-000000000001' } }));
    await handler(new Request('https://hub.test/feedback/send', { method: 'POST', headers: { [REQUEST_ID_HEADER]: '<script>alert(1)</script>' } }));
    expect(lines[0]!.requestId).toBe('b7c1d2e3-0000-4000-8000-000000000001');
    expect(lines[1]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs a handler that throws as a failed request (500, with the error redacted) and lets the error through', async () => {
    const before = await requestsCounted('form', '5xx');
    const handler = observeRequest('form', async () => {
      throw new Error('could not save for sam@bristol.gov.uk');
    });
    await expect(handler(new Request('https://hub.test/account/name/save', { method: 'POST' }))).rejects.toThrow('could not save');
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'request failed', status: 500, err: { message: 'could not save for [email]' } });
    expect(await requestsCounted('form', '5xx')).toBe(before + 1);
  });

  it('logs health checks and metrics scrapes only at debug: counted, not noisy', async () => {
    const handler = observeRequest('operations', () => Response.json({ status: 'ok' }));
    await handler(new Request('https://hub.test/healthz'));
    expect(lines[0]).toMatchObject({ level: 'debug', path: '/healthz', status: 200 });
  });

  it('answers even when the response headers cannot be changed (Response.redirect)', async () => {
    const handler = observeRequest('auth', async () => Response.redirect('https://hub.test/sign-in', 302));
    const response = await handler(new Request('https://hub.test/api/auth/signin'));
    expect(response.status).toBe(302);
    expect(lines[0]).toMatchObject({ status: 302, routeKind: 'auth' });
  });
});
