import 'server-only';
import type { PoolClient } from 'pg';

/**
 * drizzle-orm 0.45's node-postgres transactions check a client out of the pool and send `begin`
 * before their try/finally: when `begin` fails (the connection was lost, say Postgres restarted while
 * the client sat idle), the client is never released. Each such failure keeps one of the pool's
 * connections for ever; after DATABASE_POOL_SIZE of them every request waits for a connection that
 * never comes, until the process is restarted (lib/jobs/database-outage.integration.test.ts found it).
 *
 * This releases, and so discards, a client whose own `begin` failed. Only a query that is exactly
 * `begin` (drizzle's, with or without isolation settings) is watched: pool.query() releases its
 * clients itself, and the job queue's transactions are one multi-statement string.
 */
const guarded = Symbol('releases on a failed begin');

export function releaseOnFailedBegin(client: PoolClient): void {
  const marked = client as PoolClient & { [guarded]?: true };
  if (marked[guarded]) return;
  marked[guarded] = true;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const result = query(...args);
    if (!isBegin(args[0]) || !(result instanceof Promise)) return result;
    return result.catch((error: unknown) => {
      client.release(error instanceof Error ? error : true);
      throw error;
    });
  };
}

function isBegin(query: unknown): boolean {
  const text = typeof query === 'string' ? query : (query as { text?: unknown } | null)?.text;
  return typeof text === 'string' && /^\s*begin\b[^;]*$/i.test(text);
}
