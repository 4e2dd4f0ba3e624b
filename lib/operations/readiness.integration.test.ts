import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { openJobQueue, type OpenedQueue } from '@/lib/jobs/queue';
import type { Services } from '@/lib/services';
import { S3Store } from '@/lib/storage/s3-store';
import { testDrivers } from '@/lib/testing/databases';
import { startS3Server, type S3TestServer } from '@/lib/testing/s3-server';
import { startSmtpSink, type SmtpSink } from '@/lib/testing/smtp-sink';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { readinessAnswer } from './index';

/**
 * /readyz's answer against real parts: Postgres and PGlite, an S3-protocol server (s3rver), an SMTP
 * server (the test sink) and the real job queue; then each part taken away in turn.
 */

const token = 'operations-token-for-tests-0123456789abcdef';
const closedPort = 9; // discard: nothing listens on it here, so connections are refused at once

function settingsFor(options: { smtpPort: number; maxQueuedJobs?: number; token?: string }) {
  return parseConfig({
    NODE_ENV: 'test',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(options.smtpPort),
    SMTP_FROM: 'Discovery Commons <no-reply@hub.test>',
    ...(options.token === undefined ? {} : { OPERATIONS_TOKEN: options.token }),
    READY_MAX_QUEUED_JOBS: String(options.maxQueuedJobs ?? 100),
  });
}

const asOperator = new Request('http://hub.test/readyz', { headers: { authorization: `Bearer ${token}` } });
const anonymousCaller = new Request('http://hub.test/readyz');
const wrongToken = new Request('http://hub.test/readyz', { headers: { authorization: `Bearer ${token}x` } });

describe.each(testDrivers)('readiness on %s', (driver) => {
  let hub: TestHub;
  let s3: S3TestServer;
  let smtp: SmtpSink;
  let queue: OpenedQueue;
  let services: Services;

  beforeAll(async () => {
    s3 = await startS3Server();
    smtp = await startSmtpSink();
    hub = await createTestHub(driver, { storage: new S3Store(s3.storageConfig) });
    queue = await openJobQueue(hub.database, { maintain: false });
    services = hub.services;
  });
  afterAll(async () => {
    await queue?.stop();
    await hub?.close();
    await smtp?.stop();
    await s3?.stop();
  });

  it('is ready when every part answers, and tells only operators which parts it checked', async () => {
    const settings = settingsFor({ smtpPort: smtp.port, token });
    const operator = await readinessAnswer(asOperator, async () => services, settings);
    expect(operator.status).toBe(200);
    expect(operator.body).toMatchObject({ status: 'ready' });
    const checks = (operator.body as { checks: { name: string; ok: boolean }[] }).checks;
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ['database', true],
      ['storage', true],
      ['jobs', true],
      ['mail', true],
    ]);

    for (const caller of [anonymousCaller, wrongToken]) {
      expect(await readinessAnswer(caller, async () => services, settings)).toEqual({ status: 200, body: { status: 'ready' } });
    }
    // With no token configured, nobody sees the details, whatever they send.
    const noToken = settingsFor({ smtpPort: smtp.port });
    expect((await readinessAnswer(asOperator, async () => services, noToken)).body).toEqual({ status: 'ready' });
  });

  it('is unavailable when storage or the mail server does not answer, saying which to operators only', async () => {
    const settings = settingsFor({ smtpPort: closedPort, token });
    const brokenStorage = new S3Store({ ...s3.storageConfig, endpoint: `http://127.0.0.1:${closedPort}` });
    const open = async () => ({ ...services, storage: brokenStorage });

    const operator = await readinessAnswer(asOperator, open, settings);
    expect(operator.status).toBe(503);
    const checks = (operator.body as { checks: { name: string; ok: boolean; problem?: string }[] }).checks;
    expect(Object.fromEntries(checks.map((c) => [c.name, c.ok]))).toEqual({ database: true, storage: false, jobs: true, mail: false });
    expect(checks.find((c) => c.name === 'mail')!.problem).toMatch(/ECONNREFUSED/);
    expect(checks.every((c) => !c.problem?.includes('    at '))).toBe(true);

    expect(await readinessAnswer(anonymousCaller, open, settings)).toEqual({ status: 503, body: { status: 'unavailable' } });
  });

  it('is unavailable when more jobs wait than READY_MAX_QUEUED_JOBS allows', async () => {
    // Nothing works the queue here (no worker), so both wait.
    await queue.jobs.extractText(['queued-one', 'queued-two']);
    const settings = settingsFor({ smtpPort: smtp.port, token, maxQueuedJobs: 1 });
    const operator = await readinessAnswer(asOperator, async () => services, settings);
    expect(operator.status).toBe(503);
    const jobs = (operator.body as { checks: { name: string; ok: boolean; problem?: string }[] }).checks.find((c) => c.name === 'jobs')!;
    expect(jobs).toMatchObject({ ok: false, problem: expect.stringMatching(/^2 jobs are waiting/) });
    // Within the bound again, it is ready.
    expect((await readinessAnswer(asOperator, async () => services, settingsFor({ smtpPort: smtp.port, token, maxQueuedJobs: 2 }))).status).toBe(200);
  });

  it('is unavailable, not broken, when the hub cannot open at all', async () => {
    const settings = settingsFor({ smtpPort: smtp.port, token });
    const failing = async (): Promise<Services> => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432\n    at internal/stack');
    };
    const operator = await readinessAnswer(asOperator, failing, settings);
    expect(operator).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: [{ name: 'start', ok: false, milliseconds: 0, problem: 'connect ECONNREFUSED 127.0.0.1:5432' }] },
    });
  });
});
