import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/query-rows';
import type { Services } from '@/lib/services';
import { makeVersionPreview, stalePreviewMs, type MakePreviewOptions } from './make-preview';

/**
 * Versions whose preview is waiting, or was interrupted while being made (a crash), oldest first:
 * what the worker's sweep queues.
 */
export async function pendingPreviewVersionIds(services: Services, limit = 200): Promise<string[]> {
  const stale = new Date(Date.now() - stalePreviewMs).toISOString();
  const rows = await queryRows<{ id: string }>(
    services.db,
    sql`SELECT version_id AS id FROM file_previews
        WHERE status = 'pending' OR (status = 'making' AND updated_at < ${stale}::timestamptz)
        ORDER BY created_at LIMIT ${limit}`,
  );
  return rows.map((row) => row.id);
}

/**
 * Gives every version that has no preview row a 'pending' one, in one statement, and returns how
 * many it added: after an upgrade that brought previews, or a restore (backups leave previews out),
 * every existing file gets its preview. Cheap when there is nothing to do (an anti-join on keys).
 */
export async function addMissingPreviews(services: Services): Promise<number> {
  const rows = await queryRows<{ added: number }>(
    services.db,
    sql`WITH added AS (
          INSERT INTO file_previews (version_id)
          SELECT v.id FROM material_versions v
          WHERE NOT EXISTS (SELECT 1 FROM file_previews p WHERE p.version_id = v.id)
          ON CONFLICT (version_id) DO NOTHING
          RETURNING 1
        )
        SELECT count(*)::int AS added FROM added`,
  );
  return Number(rows[0]?.added ?? 0);
}

/**
 * Makes every pending preview here and now, one at a time, without the queue: for tests and
 * benchmarks. Returns how many were settled.
 */
export async function makePendingPreviews(services: Services, options: MakePreviewOptions = {}): Promise<number> {
  let settled = 0;
  for (;;) {
    const ids = await pendingPreviewVersionIds(services, 50);
    if (ids.length === 0) return settled;
    for (const id of ids) {
      await makeVersionPreview(services, id, { ...options, finalAttempt: true });
      settled += 1;
    }
  }
}

/** Sets failed previews back to pending, so they are made again (after a fix or an install). Returns how many. */
export async function retryFailedPreviews(services: Services): Promise<number> {
  const rows = await queryRows<{ count: number }>(
    services.db,
    sql`WITH retried AS (
          UPDATE file_previews SET status = 'pending', message = NULL, attempts = 0, updated_at = now()
          WHERE status = 'failed' RETURNING 1
        )
        SELECT count(*)::int AS count FROM retried`,
  );
  return Number(rows[0]?.count ?? 0);
}

/**
 * Queues every pending preview, a batch at a time in id order (however many there are), and returns
 * how many were queued. Queueing twice is harmless: one job per version waits at a time.
 */
export async function queueAllPendingPreviews(services: Services, queue: (versionIds: string[]) => Promise<void>): Promise<number> {
  let queued = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await queryRows<{ id: string }>(
      services.db,
      sql`SELECT version_id AS id FROM file_previews WHERE status = 'pending' AND version_id > ${after}::uuid ORDER BY version_id LIMIT 500`,
    );
    if (rows.length === 0) return queued;
    await queue(rows.map((row) => row.id));
    queued += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}
