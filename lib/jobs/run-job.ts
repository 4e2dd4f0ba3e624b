import 'server-only';
import { logger } from '@/lib/logging';
import { hubMetrics } from '@/lib/metrics';

/** What a job adds to its log line, such as the text status an extraction settled on. */
export type JobDetails = Record<string, unknown> | void;

/**
 * Runs one job and writes its one log line: the queue's name, the job's id, the outcome and how long
 * it took. `done` when the handler returned (whatever it found: a file with no text is done too);
 * `failed` when it threw, which pg-boss answers with a retry until the job's retries are used up.
 * Each is counted too (hub_jobs_total, hub_job_duration_seconds), in this process's metrics.
 */
export interface RunJobOptions {
  /**
   * Called after a failure, before pg-boss hears of it: the worker waits there for the database to
   * answer, so that pg-boss can record the failure and retry (lib/db/wait-for-database.ts).
   */
  beforeReportingFailure?: () => Promise<unknown>;
}

export async function runJob(name: string, jobId: string | undefined, work: () => Promise<JobDetails>, options: RunJobOptions = {}): Promise<void> {
  const started = performance.now();
  const finish = (outcome: 'done' | 'failed') => {
    const seconds = (performance.now() - started) / 1000;
    hubMetrics().jobs.inc({ job: name, outcome });
    hubMetrics().jobSeconds.observe({ job: name }, seconds);
    return { job: name, jobId, outcome, durationMs: Math.round(seconds * 1000) };
  };
  try {
    const details = await work();
    logger('jobs').info({ ...finish('done'), ...(details ?? {}) }, 'job finished');
  } catch (error) {
    logger('jobs').error({ ...finish('failed'), err: error }, 'job failed');
    await options.beforeReportingFailure?.().catch(() => undefined);
    throw error;
  }
}
