import 'server-only';
import { PgBoss, type Queue } from 'pg-boss';
import type { DatabaseHandle } from '@/lib/db/client';
import type { JobQueue } from '@/lib/services';
import { dropOutdatedQueueSchema } from './drop-outdated-queue-schema';
import { logger } from '@/lib/logging';

/**
 * The job queue: pg-boss, keeping its jobs in the hub's own database (schema `pgboss`), so jobs
 * survive restarts, retry with back-off and need no other server. On PGlite it runs through the
 * same in-process connection as everything else; on Postgres it shares the app's pool.
 */

/** Where pg-boss keeps its tables, in the hub's database. */
export const queueSchema = 'pgboss';

export const queueNames = {
  /** Read one file version's text (data: { versionId }). */
  extractText: 'extract-text',
  /** Check one file version before it is published (data: { versionId }; lib/file-checks). */
  checkFile: 'check-file',
  /** Make one file version's preview (data: { versionId }; lib/material-previews). */
  makePreview: 'make-preview',
  /** Bring the Meilisearch index in line with search_outbox. */
  syncSearch: 'sync-search',
  /** Every minute: queue versions still waiting for text (a crash between commit and queueing). */
  sweep: 'sweep',
  /** Every morning: remind commitments' contacts of their dates (lib/commitments/send-commitment-reminders.ts). */
  commitmentReminders: 'commitment-reminders',
  /** Every morning: remind quiet projects' contacts (lib/projects/send-project-reminders.ts). */
  projectReminders: 'project-reminders',
  /** Every hour: email digests to followers (lib/following/send-digests.ts). */
  sendDigests: 'send-digests',
} as const;

/**
 * Retries of an extract-text job after its first try, with growing pauses (pg-boss's back-off from
 * a 5 s delay: 5–10 s, then 10–20, 20–40 and 40–80 s); the last attempt records a failure.
 */
export const extractTextRetryLimit = 4;

export const queueOptions: Record<(typeof queueNames)[keyof typeof queueNames], Omit<Queue, 'name'>> = {
  // 'stately': at most one waiting and one running job per version (singletonKey), however often it is queued.
  [queueNames.extractText]: { policy: 'stately', retryLimit: extractTextRetryLimit, retryDelay: 5, retryBackoff: true, expireInSeconds: 300 },
  [queueNames.checkFile]: { policy: 'stately', retryLimit: 2, retryDelay: 5, retryBackoff: true, expireInSeconds: 300 },
  // A preview may take a minute and a half (LibreOffice); the library stops itself at 90 s.
  [queueNames.makePreview]: { policy: 'stately', retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 300 },
  [queueNames.syncSearch]: { policy: 'stately', retryLimit: 20, retryDelay: 2, retryBackoff: true, expireInSeconds: 300 },
  [queueNames.sweep]: { policy: 'stately', retryLimit: 0, expireInSeconds: 300 },
  // Safe to retry: a reminder already decided is never sent again (commitment_reminders).
  [queueNames.commitmentReminders]: { policy: 'stately', retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 600 },
  // Safe to retry for the same reason (project_reminders).
  [queueNames.projectReminders]: { policy: 'stately', retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 600 },
  // Safe to retry: a digest is claimed per person and period (digests), and a failed send is released for the retry.
  [queueNames.sendDigests]: { policy: 'stately', retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 1800 },
};

export interface OpenedQueue {
  boss: PgBoss;
  /** What domain functions use (Services.jobs) to queue work after a change commits. */
  jobs: JobQueue;
  stop(): Promise<void>;
}

/**
 * Starts pg-boss on the hub's database and makes sure its queues exist. `maintain` runs pg-boss's
 * own housekeeping (expiring stuck jobs, deleting old ones) and the cron schedule: workers do,
 * web processes that only send jobs do not.
 *
 * pg-boss migrates its own tables from one version to the next, except those pg-boss 10 made, which
 * are dropped first and made afresh (see drop-outdated-queue-schema.ts for why that is safe).
 */
export async function openJobQueue(database: DatabaseHandle, options: { maintain: boolean }): Promise<OpenedQueue> {
  const dropped = await dropOutdatedQueueSchema(database, queueSchema);
  if (dropped !== null) {
    logger('jobs').warn(
      { oldVersion: dropped },
      "the job queue's tables were made by an older pg-boss; they are made afresh (files still waiting for their text are queued again by the worker)",
    );
  }
  const boss = new PgBoss({
    // The hub's own connection: PGlite is one connection, and on Postgres the pool is shared.
    db: { executeSql: (text: string, values?: unknown[]) => database.executeSql(text, values) },
    // Only a label for PGlite: it is PostgreSQL and needs none of the other backends' workarounds.
    backend: database.driver === 'pglite' ? 'pglite' : 'postgres',
    schema: queueSchema,
    supervise: options.maintain,
    schedule: options.maintain,
    migrate: true,
  });
  boss.on('error', (error: Error) => logger('jobs').error({ err: error }, 'queue error'));
  await boss.start();
  const existing = new Set((await boss.getQueues()).map((queue) => queue.name));
  for (const [name, settings] of Object.entries(queueOptions)) {
    // Creating is idempotent in pg-boss too, so two instances starting at once are fine.
    if (!existing.has(name)) await boss.createQueue(name, settings);
  }

  const jobs: JobQueue = {
    async extractText(versionIds) {
      for (const versionId of versionIds) {
        await boss.send(queueNames.extractText, { versionId }, { singletonKey: versionId });
      }
    },
    async checkFile(versionIds) {
      for (const versionId of versionIds) {
        await boss.send(queueNames.checkFile, { versionId }, { singletonKey: versionId });
      }
    },
    async makePreview(versionIds) {
      for (const versionId of versionIds) {
        await boss.send(queueNames.makePreview, { versionId }, { singletonKey: versionId });
      }
    },
  };
  return {
    boss,
    jobs,
    // Graceful: stop fetching, then wait (up to 20 s) for the jobs in hand to finish before returning;
    // what is still running then is failed, to be retried. pg-boss 12 always waits (no `wait` option).
    stop: () => boss.stop({ graceful: true, timeout: 20_000 }),
  };
}
