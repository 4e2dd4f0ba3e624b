import 'server-only';
import net from 'node:net';
import { sql } from 'drizzle-orm';
import type { AppConfig } from '@/lib/config';
import type { Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';
import { queueSchema } from '@/lib/jobs/queue';
import { searchGateway } from '@/lib/search/meilisearch';
import type { BlobStore } from '@/lib/storage/blob-store';

/**
 * What /readyz checks: every part the hub needs to answer people, each cheap and bounded in time, so
 * a load balancer or monitor can ask often. A check passes by returning and fails by throwing; the
 * reason is kept for operators only (see describeReadiness), never shown to anonymous callers.
 */

export interface ReadinessCheck {
  name: string;
  run(): Promise<void>;
}

export interface CheckOutcome {
  name: string;
  ok: boolean;
  milliseconds: number;
  /** Why it failed, for operators: a short message, never a stack. */
  problem?: string;
}

export interface Readiness {
  ready: boolean;
  checks: CheckOutcome[];
}

/** Each check gives up after this long: a part that answers slower than this is as good as down. */
export const checkTimeoutMs = 2_000;

/**
 * A key no file is ever stored under (new keys carry the current year, never 0000): asking whether it
 * exists proves storage answers, without writing anything.
 */
const probeKey = 'materials/0000/01/00000000-0000-4000-8000-000000000000';

export function readinessChecks(
  parts: { db: Database; storage: BlobStore },
  settings: Pick<AppConfig, 'search' | 'auth' | 'operations'>,
): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [
    { name: 'database', run: async () => void (await parts.db.execute(sql`SELECT 1`)) },
    { name: 'storage', run: async () => void (await parts.storage.exists(probeKey)) },
    {
      name: 'jobs',
      run: async () => {
        const queued = await queuedJobs(parts.db);
        if (queued > settings.operations.maxQueuedJobs) {
          throw new Error(`${queued} jobs are waiting (more than READY_MAX_QUEUED_JOBS, ${settings.operations.maxQueuedJobs})`);
        }
      },
    },
  ];
  const search = settings.search;
  if (search.engine === 'meilisearch') {
    // Any answer from Meilisearch, even "no such index", proves it is up and the key is accepted.
    checks.push({ name: 'search', run: async () => void (await searchGateway(search).getIndex(search.index)) });
  }
  const email = settings.auth.email;
  if (email?.transport === 'smtp') {
    // Only that the mail server accepts connections: a whole SMTP conversation on every probe would
    // be slow and could look like abuse to the mail server.
    checks.push({ name: 'mail', run: () => canConnect(email.smtp.host, email.smtp.port) });
  }
  return checks;
}

/** Runs every check at once, each within checkTimeoutMs. */
export async function checkReadiness(checks: ReadinessCheck[]): Promise<Readiness> {
  const outcomes = await Promise.all(checks.map(runCheck));
  return { ready: outcomes.every((outcome) => outcome.ok), checks: outcomes };
}

async function runCheck(check: ReadinessCheck): Promise<CheckOutcome> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check.run(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${checkTimeoutMs} ms`)), checkTimeoutMs);
      }),
    ]);
    return { name: check.name, ok: true, milliseconds: elapsed(started) };
  } catch (error) {
    return { name: check.name, ok: false, milliseconds: elapsed(started), problem: shortProblem(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Jobs created or waiting to retry. The queue's tables exist once a process has opened the queue. */
export async function queuedJobs(db: Database): Promise<number> {
  const rows = await queryRows<{ queued: number }>(
    db,
    sql`SELECT count(*)::int AS queued FROM ${sql.identifier(queueSchema)}.job WHERE state IN ('created', 'retry')`,
  );
  return rows[0]?.queued ?? 0;
}

function canConnect(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(checkTimeoutMs);
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`no answer from ${host}:${port}`));
    });
    socket.once('error', (error) => reject(error));
  });
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

/** The first line of the message, capped: enough to act on, no stack, no query text. */
function shortProblem(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  // Drizzle's message is the query; the driver's own reason (connection refused, …) is its cause.
  if (message.startsWith('Failed query')) message = error instanceof Error && error.cause instanceof Error ? error.cause.message : 'the query failed';
  return (message.split('\n')[0] ?? '').slice(0, 200);
}
