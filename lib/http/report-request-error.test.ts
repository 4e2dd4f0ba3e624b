import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureProcessLogs, type LogLine } from '@/lib/logging/testing/capture-logs';
import { hubMetrics } from '@/lib/metrics';
import { reportRequestError } from './report-request-error';

describe('an error Next.js reports (instrumentation.ts onRequestError)', () => {
  let lines: LogLine[];
  let restore: () => void;
  beforeEach(() => {
    ({ lines, restore } = captureProcessLogs('info'));
  });
  afterEach(() => restore());

  it('is one redacted error line with the request id, path without its query, route and digest, and is counted', async () => {
    const counted = async () => (await hubMetrics().requestErrors.get()).values.find((v) => v.labels.route_type === 'render')?.value ?? 0;
    const before = await counted();
    const error = Object.assign(new Error('relation "materials" does not exist, for sam@bristol.gov.uk'), { digest: '2841957236' });
    reportRequestError(
      error,
      { path: '/search?q=garden+waste', method: 'GET', headers: { 'x-request-id': 'b7c1d2e3-0000-4000-8000-000000000001', cookie: 'session=abc' } },
      { routePath: '/search', routeType: 'render', renderSource: 'react-server-components' },
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'error',
      msg: 'request error',
      requestId: 'b7c1d2e3-0000-4000-8000-000000000001',
      method: 'GET',
      path: '/search',
      route: '/search',
      routeType: 'render',
      digest: '2841957236',
      err: { message: 'relation "materials" does not exist, for [email]' },
    });
    expect(JSON.stringify(lines[0])).not.toMatch(/garden|session=abc|bristol/);
    expect(await counted()).toBe(before + 1);
  });
});
