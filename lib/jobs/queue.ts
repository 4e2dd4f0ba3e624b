import 'server-only';
import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '@/lib/db/client';
import type { JobQueue } from '@/lib/services';

/**
 * The job queue: pg-boss, keeping its jobs in the hub's own database (schema `pgboss`), so jobs
 * survive restarts, retry with back-off and need no other server. On PGlite it runs through the
 * same in-process connection as everything else; on Postgres it shares the app's pool.
 */

export const queueNames = {
  /** Read one file version's text (data: { versionId }). */
  extractText: 'extract-text',
  /** Bring the Meilisearch index in line with search_outbox. */
  syncSearch: 'sync-search',
  /** Every minute: queue versions still waiting for text (a crash between commit and queueing). */
  sweep: 'sweep',
} as const;

/** Retries of an extract-text job after its first try (with growing pauses); the last one records a failure. */
export const extractTextRetryLimit = 4;

const queueOptions: Record<(typeof queueNames)[keyof typeof queueNames], Omit<PgBoss.Queue, 'name'>> = {
  // 'stately': at most one waiting and one running job per version (singletonKey), however often it is queued.
  [queueNames.extractText]: { policy: 'stately', retryLimit: extractTextRetryLimit, retryDelay: 5, retryBackoff: true, expireInSeconds: 300 },
  [queueNames.syncSearch]: { policy: 'stately', retryLimit: 20, retryDelay: 2, retryBackoff: true, expireInSeconds: 300 },
  [queueNames.sweep]: { policy: 'stately', retryLimit: 0, expireInSeconds: 300 },
};

export interface OpenedQueue {
  boss: PgBoss;
  /** What domain functions use (Services.jobs) to queue work after a change commits. */
  jobs: JobQueue;
  stop(): Promise<void>;
}

/**
 * Starts pg-boss on the hub's database and makes sure its queues exist. `maintain` runs pg-boss's
 * own housekeeping (expiring stuck jobs, archiving old ones) and the cron schedule: workers do,
 * web processes that only send jobs do not.
 */
export async function openJobQueue(database: DatabaseHandle, options: { maintain: boolean }): Promise<OpenedQueue> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => database.executeSql(text, values) },
    schema: 'pgboss',
    supervise: options.maintain,
    schedule: options.maintain,
    migrate: true,
  });
  boss.on('error', (error: Error) => console.error('[jobs] queue error:', error.message));
  await boss.start();
  const existing = new Set((await boss.getQueues()).map((queue) => queue.name));
  for (const [name, settings] of Object.entries(queueOptions)) {
    if (!existing.has(name)) await boss.createQueue(name, { name, ...settings });
  }

  const jobs: JobQueue = {
    async extractText(versionIds) {
      for (const versionId of versionIds) {
        await boss.send(queueNames.extractText, { versionId }, { singletonKey: versionId });
      }
    },
  };
  return {
    boss,
    jobs,
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 20_000 }),
  };
}
