import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as healthz } from '@/app/healthz/route';
import { anonymous, type Actor } from '@/lib/auth/viewer';
import { parseConfig } from '@/lib/config';
import { docx } from '@/lib/extract/testing/test-files';
import { openJobQueue, type OpenedQueue } from '@/lib/jobs/queue';
import { startWorker, type RunningWorker } from '@/lib/jobs/worker';
import { captureProcessLogs } from '@/lib/logging/testing/capture-logs';
import { createMaterial } from '@/lib/materials/create-material';
import { parsePrometheusText, sampleValue } from '@/lib/metrics/testing/prometheus-text';
import { searchMaterials } from '@/lib/search';
import { createMeilisearchEngine } from '@/lib/search/meilisearch';
import { parseSearchParams } from '@/lib/search/search-params';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { metricsAnswer } from './index';

/**
 * /metrics's answer against a real hub on both drivers, with the real job queue and worker: only
 * operators get it, it is the Prometheus text format, and its figures move when this process answers
 * a request, runs a job, falls back from Meilisearch or has jobs waiting.
 */

const token = 'operations-token-for-tests-0123456789abcdef';
const operatorSettings = parseConfig({ NODE_ENV: 'test', OPERATIONS_TOKEN: token });
const asOperator = () => new Request('http://hub.test/metrics', { headers: { authorization: `Bearer ${token}` } });
const importer: Actor = { kind: 'system', label: 'metrics test' };

describe.each(testDrivers)('/metrics on %s', (driver) => {
  let hub: TestHub;
  let queue: OpenedQueue;
  let worker: RunningWorker | undefined;
  let restoreLogs: () => void;

  beforeAll(async () => {
    // The worker's and the requests' log lines go to memory, not the test output.
    restoreLogs = captureProcessLogs('info').restore;
    hub = await createTestHub(driver);
    queue = await openJobQueue(hub.database, { maintain: true });
    hub.services.jobs = queue.jobs;
  });
  afterAll(async () => {
    await worker?.stop();
    await queue?.stop();
    await hub?.close();
    restoreLogs();
  });

  async function scrape() {
    const answer = await metricsAnswer(asOperator(), async () => hub.services, operatorSettings);
    expect(answer.status).toBe(200);
    return parsePrometheusText(answer.body);
  }

  it('is "not found", with nothing about metrics, without the operators\' token', async () => {
    const noTokenSet = parseConfig({ NODE_ENV: 'test' });
    const callers = [
      [asOperator(), noTokenSet],
      [new Request('http://hub.test/metrics'), operatorSettings],
      [new Request('http://hub.test/metrics', { headers: { authorization: `Bearer ${token}x` } }), operatorSettings],
      [new Request('http://hub.test/metrics', { headers: { authorization: token } }), operatorSettings],
    ] as const;
    for (const [request, settings] of callers) {
      const answer = await metricsAnswer(request, async () => hub.services, settings);
      expect(answer).toEqual({ status: 404, contentType: 'text/plain; charset=utf-8', body: 'Not found' });
    }
  });

  it('gives operators the Prometheus text format, with every family the hub keeps', async () => {
    const answer = await metricsAnswer(asOperator(), async () => hub.services, operatorSettings);
    expect(answer.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const { types } = parsePrometheusText(answer.body);
    expect(Object.fromEntries([...types].filter(([name]) => name.startsWith('hub_')))).toEqual({
      hub_http_requests_total: 'counter',
      hub_http_server_requests_total: 'counter',
      hub_http_server_request_duration_seconds: 'histogram',
      hub_http_request_duration_seconds: 'histogram',
      hub_request_errors_total: 'counter',
      hub_jobs_total: 'counter',
      hub_job_duration_seconds: 'histogram',
      hub_jobs_queued: 'gauge',
      hub_search_fallbacks_total: 'counter',
    });
    // Node's own figures too (memory, event loop, CPU).
    expect(types.get('process_cpu_user_seconds_total')).toBe('counter');
  });

  it('reads the queue depth from the database when asked, and says NaN when the database does not answer', async () => {
    // No worker yet: the job waits.
    await queue.jobs.extractText([randomUUID()]);
    expect(sampleValue((await scrape()).samples, 'hub_jobs_queued')).toBeGreaterThanOrEqual(1);

    const down = await metricsAnswer(asOperator(), () => Promise.reject(new Error('connect ECONNREFUSED')), operatorSettings);
    expect(sampleValue(parsePrometheusText(down.body).samples, 'hub_jobs_queued')).toBeNaN();
  });

  it('counts a request this process answered', async () => {
    const labels = { route_kind: 'operations', status_class: '2xx' };
    const before = (await scrape()).samples;
    expect((await healthz(new Request('http://hub.test/healthz'))).status).toBe(200);
    const after = (await scrape()).samples;
    expect(sampleValue(after, 'hub_http_requests_total', labels)).toBe((sampleValue(before, 'hub_http_requests_total', labels) ?? 0) + 1);
    const count = (samples: typeof before) => sampleValue(samples, 'hub_http_request_duration_seconds_count', { route_kind: 'operations' }) ?? 0;
    expect(count(after)).toBe(count(before) + 1);
  });

  it('counts the jobs the worker ran, by name and outcome', async () => {
    const labels = { job: 'extract-text', outcome: 'done' };
    const before = sampleValue((await scrape()).samples, 'hub_jobs_total', labels) ?? 0;
    worker = await startWorker(hub.services, queue, { concurrency: 1, searchSync: null });
    await createMaterial(hub.services, {
      actor: importer,
      fields: { title: 'Bin collection research', summary: 'What we learned.', phases: ['discovery'], artefactType: 'discussion-guide', kind: 'template', topics: 'waste-recycling', licence: 'OGL-UK-3.0', council: 'bristol' },
      file: { fileName: 'guide.docx', stream: Readable.from([docx(['Residents told us about missed bin collections.'])]) },
    });
    // The waiting job from the test above and this upload's: at least two extract-text jobs done.
    const until = Date.now() + 30_000;
    let done = before;
    while (done < before + 2 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      done = sampleValue((await scrape()).samples, 'hub_jobs_total', labels) ?? 0;
    }
    expect(done).toBeGreaterThanOrEqual(before + 2);
    expect(sampleValue((await scrape()).samples, 'hub_job_duration_seconds_count', { job: 'extract-text' })).toBeGreaterThanOrEqual(2);
  });

  it('counts a search Meilisearch could not answer, answered from Postgres instead', async () => {
    const before = sampleValue((await scrape()).samples, 'hub_search_fallbacks_total', { engine: 'meilisearch' }) ?? 0;
    // A real Meilisearch client pointed at a port where nothing listens: refused at once.
    const search = createMeilisearchEngine({ engine: 'meilisearch', host: 'http://127.0.0.1:9', index: 'materials' }, hub.services.db);
    const results = await searchMaterials({ ...hub.services, search }, anonymous, parseSearchParams({ q: 'bins' }));
    expect(results.fallback).toBe(true);
    expect(sampleValue((await scrape()).samples, 'hub_search_fallbacks_total', { engine: 'meilisearch' })).toBe(before + 1);
  });
});
