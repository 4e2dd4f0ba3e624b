import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/lib/db/query-rows';
import { logger } from '@/lib/logging';
import type { Services } from '@/lib/services';
import { sendProjectReminders } from '@/lib/projects/send-project-reminders';
import { sendCommitmentReminders } from '@/lib/commitments/send-commitment-reminders';
import { sendDigests } from '@/lib/following/send-digests';
import { checkVersion, pendingCheckVersionIds } from '@/lib/file-checks/check-version';
import { makeVersionPreview } from '@/lib/material-previews/make-preview';
import { addMissingPreviews, pendingPreviewVersionIds } from '@/lib/material-previews/pending-previews';
import { extractVersionText, pendingTextVersionIds } from './extract-text';
import { queueNames, type OpenedQueue } from './queue';
import { waitForDatabase } from '@/lib/db/wait-for-database';
import { runJob as runJobReporting, type JobDetails } from './run-job';

/** Keeps the search index in line with search_outbox (lib/search/meilisearch); null without Meilisearch. */
export interface SearchSync {
  /** `paused`: a reindex is building a fresh index; the rows wait for it (lib/search/meilisearch/sync.ts). */
  drain(): Promise<{ remaining: number; paused: boolean }>;
}

export interface WorkerSettings {
  /** Jobs run at once per queue in this process. */
  concurrency: number;
  searchSync: SearchSync | null;
  /** How often to look for search changes waiting to be sent (milliseconds). */
  outboxPollMs?: number;
  /** false: presentations preview as outlines, LibreOffice never runs (PREVIEWS_LIBREOFFICE=off). Default true. */
  previewSlidesWithLibreOffice?: boolean;
}

export interface RunningWorker {
  stop(): Promise<void>;
}

const extractTextData = z.object({ versionId: z.uuid() });

/**
 * The background worker: text extraction, previews, keeping Meilisearch in line, and a sweep every minute
 * for anything a crash left unqueued. Runs inside the web process on the embedded defaults and as
 * `npm run worker` processes in production; any number may run at once (pg-boss hands each job to
 * one of them, and every job is safe to run twice).
 */
export async function startWorker(services: Services, queue: OpenedQueue, settings: WorkerSettings): Promise<RunningWorker> {
  const { boss } = queue;
  const runJob = jobRunner(services);

  // `localConcurrency` workers in this process, each taking one job at a time.
  await boss.work(
    queueNames.extractText,
    { includeMetadata: true, pollingIntervalSeconds: 1, localConcurrency: settings.concurrency },
    async ([job]) => {
      if (!job) return;
      await runJob(queueNames.extractText, job.id, async () => {
        const parsed = extractTextData.safeParse(job.data);
        if (!parsed.success) return { dropped: 'no valid version id' };
        // pg-boss counts the retries so far: the attempt that has used them all is the last one.
        const textStatus = await extractVersionText(services, parsed.data.versionId, {
          finalAttempt: job.retryCount >= job.retryLimit,
        });
        return { versionId: parsed.data.versionId, textStatus };
      });
    },
  );

  await boss.work(queueNames.checkFile, { pollingIntervalSeconds: 1, localConcurrency: settings.concurrency }, async ([job]) => {
    if (!job) return;
    await runJob(queueNames.checkFile, job.id, async () => {
      const parsed = extractTextData.safeParse(job.data);
      if (!parsed.success) return { dropped: 'no valid version id' };
      await checkVersion(services, parsed.data.versionId);
      return { versionId: parsed.data.versionId };
    });
  });

  await boss.work(
    queueNames.makePreview,
    { includeMetadata: true, pollingIntervalSeconds: 1, localConcurrency: settings.concurrency },
    async ([job]) => {
      if (!job) return;
      await runJob(queueNames.makePreview, job.id, async () => {
        const parsed = extractTextData.safeParse(job.data);
        if (!parsed.success) return { dropped: 'no valid version id' };
        const previewStatus = await makeVersionPreview(services, parsed.data.versionId, {
          finalAttempt: job.retryCount >= job.retryLimit,
          ...(settings.previewSlidesWithLibreOffice === false ? { libreOffice: false } : {}),
        });
        return { versionId: parsed.data.versionId, previewStatus };
      });
    },
  );

  // After an upgrade that brought previews (or a restore), every existing file version gets one:
  // one statement adds the missing rows as pending, and the sweep below queues them.
  const added = await addMissingPreviews(services);
  if (added > 0) logger('jobs').info({ versions: added }, 'previews to make for files shared before previews existed');

  await boss.work(queueNames.sweep, async ([job]) => runJob(queueNames.sweep, job?.id, () => sweep(services, queue, settings.searchSync)));
  await boss.schedule(queueNames.sweep, '* * * * *');
  await sweep(services, queue, settings.searchSync);

  // Commitment reminders, once a day at 8am UK time (and whenever a retry runs: sending twice is prevented by the table).
  await boss.work(queueNames.commitmentReminders, async ([job]) =>
    runJob(queueNames.commitmentReminders, job?.id, () => sendCommitmentReminders(services)),
  );
  await boss.schedule(queueNames.commitmentReminders, '0 8 * * *', {}, { tz: 'Europe/London' });

  // Quiet-project reminders, at the same time (sent once each: project_reminders).
  await boss.work(queueNames.projectReminders, async ([job]) => runJob(queueNames.projectReminders, job?.id, () => sendProjectReminders(services)));
  await boss.schedule(queueNames.projectReminders, '0 8 * * *', {}, { tz: 'Europe/London' });

  // Digests to followers: every hour (new ones start from 7am UK time), so a missed hour or a failed
  // send is caught up; a person's digest for a period is claimed once (lib/following/send-digests.ts).
  await boss.work(queueNames.sendDigests, async ([job]) =>
    runJob(queueNames.sendDigests, job?.id, async () => {
      const result = await sendDigests(services);
      // Failing the job makes pg-boss retry it, with back-off: the failed ones were released for it.
      if (result.failed > 0) throw new Error(`${result.failed} digests could not be sent`);
      return { ...result };
    }),
  );
  await boss.schedule(queueNames.sendDigests, '5 * * * *', {}, { tz: 'Europe/London' });

  const stopSearchSync = settings.searchSync ? await startSearchSync(services, queue, settings.searchSync, settings.outboxPollMs ?? 2_000) : () => {};

  return {
    async stop() {
      stopSearchSync();
    },
  };
}

/**
 * runJob (one log line and count per job) for this worker's jobs: a job that failed waits (up to a
 * minute) for the database before pg-boss records the failure. If the database was what failed, the
 * retry then follows within seconds of its return, instead of after the job's expiry.
 */
function jobRunner(services: Services) {
  return (name: string, jobId: string | undefined, work: () => Promise<JobDetails>) =>
    runJobReporting(name, jobId, work, { beforeReportingFailure: () => waitForDatabase(services.db, 60_000) });
}

/**
 * Keeps Meilisearch in line: outbox rows are written by database triggers, so nothing "sends" them;
 * the worker looks for them often and queues one sync-search job (one at a time across workers)
 * that drains them. Returns what stops the looking.
 */
async function startSearchSync(services: Services, queue: OpenedQueue, searchSync: SearchSync, pollMs: number): Promise<() => void> {
  const runJob = jobRunner(services);
  await queue.boss.work(queueNames.syncSearch, { pollingIntervalSeconds: 1 }, async ([job]) =>
    runJob(queueNames.syncSearch, job?.id, async () => {
      // Drain in batches until nothing is left; a failure throws, and pg-boss retries with back-off.
      // A paused drain (a reindex is running) is left to the next poll.
      for (let rounds = 0; rounds < 1000; rounds++) {
        const { remaining, paused } = await searchSync.drain();
        if (remaining === 0 || paused) return { remaining, paused };
      }
    }),
  );
  const poll = setInterval(() => {
    void outboxWaiting(services)
      .then((waiting) => (waiting ? queue.boss.send(queueNames.syncSearch, {}, { singletonKey: 'outbox' }) : null))
      .catch((error: unknown) => logger('jobs').error({ err: error }, 'could not check the search outbox'));
  }, pollMs);
  poll.unref();
  return () => clearInterval(poll);
}

/**
 * Queues text extraction, checks and previews for every version still waiting, and keeps the search outbox from growing
 * where no Meilisearch index is fed from it (the built-in engine reads the tables directly; turning
 * Meilisearch on later starts with `npm run search:reindex`).
 */
export async function sweep(services: Services, queue: OpenedQueue, searchSync: SearchSync | null): Promise<void> {
  const pending = await pendingTextVersionIds(services);
  await queue.jobs.extractText(pending);
  await queue.jobs.checkFile(await pendingCheckVersionIds(services));
  await queue.jobs.makePreview(await pendingPreviewVersionIds(services));
  if (searchSync) {
    if (await outboxWaiting(services)) await queue.boss.send(queueNames.syncSearch, {}, { singletonKey: 'outbox' });
  } else {
    await services.db.execute(sql`DELETE FROM search_outbox`);
  }
}

async function outboxWaiting(services: Services): Promise<boolean> {
  const rows = await queryRows<{ waiting: boolean }>(services.db, sql`SELECT EXISTS (SELECT 1 FROM search_outbox) AS waiting`);
  return Boolean(rows[0]?.waiting);
}
