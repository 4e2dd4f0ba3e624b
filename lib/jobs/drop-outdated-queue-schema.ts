import 'server-only';
import type { DatabaseHandle } from '@/lib/db/client';

/**
 * The oldest version of pg-boss's tables that the pg-boss we run (12) brings up to date itself:
 * 25, made by pg-boss 11.0. pg-boss 11 rewrote its tables with no migration from pg-boss 10's
 * (version 24; its release notes say to move jobs across by hand), and pg-boss 12 refuses to start
 * on anything older than 25 ("Cannot migrate pg-boss schema from version 24").
 */
export const oldestUpgradableQueueSchema = 25;

/** Several instances may start at once on Postgres: one checks and drops at a time. */
const dropLock = 4242002;

/**
 * Drops the job queue's schema when an older pg-boss made it (a hub that ran pg-boss 10), so that
 * pg-boss creates it afresh when it starts. Returns the version it dropped, or null when there was
 * nothing to drop (no schema yet, or one pg-boss migrates itself).
 *
 * Dropping loses nothing that matters, because nothing in that schema is the only record of
 * anything: the jobs are derived work.
 * - Text extraction: `material_versions.text_status` is the durable record. A version whose job was
 *   waiting, running or between retries is still 'pending' or 'extracting', and the worker's sweep
 *   (at start, then every minute) queues it again. Running it twice is harmless (extract-text.ts).
 * - Meilisearch: the changes wait in `search_outbox`; the worker queues a sync whenever rows are there.
 * - The per-minute sweep's schedule is made again by every worker at start.
 * - What is lost: the history of finished jobs, which the hub never reads, and the retry count of a
 *   job that was between retries (it starts again with all its retries).
 * Copying jobs across by hand, as pg-boss suggests, would keep only those, for SQL written against
 * two internal table layouts. Stop every process of the old version before starting the new one:
 * an old worker still running would find its tables gone.
 */
export async function dropOutdatedQueueSchema(database: DatabaseHandle, schema: string): Promise<number | null> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
  const version = await queueSchemaVersion(database, schema);
  if (version === null || version >= oldestUpgradableQueueSchema) return null;

  // Checked again under the lock: another instance may have dropped it, or pg-boss may have made a
  // new one since. The inner IF is planned only when the outer one holds, so a missing table is fine.
  await database.executeSql(`
    BEGIN;
    SELECT pg_advisory_xact_lock(${dropLock});
    DO $$
    BEGIN
      IF to_regclass('${schema}.version') IS NOT NULL THEN
        IF (SELECT max(version::int) FROM ${schema}.version) < ${oldestUpgradableQueueSchema} THEN
          DROP SCHEMA ${schema} CASCADE;
        END IF;
      END IF;
    END
    $$;
    COMMIT;
  `);
  return version;
}

/** The version pg-boss recorded in its schema, or null when there is no schema (or no version in it). */
async function queueSchemaVersion(database: DatabaseHandle, schema: string): Promise<number | null> {
  const { rows } = await database.executeSql(`SELECT to_regclass('${schema}.version') IS NOT NULL AS installed`);
  if (!(rows[0] as { installed: boolean } | undefined)?.installed) return null;
  const result = await database.executeSql(`SELECT max(version::int) AS version FROM ${schema}.version`);
  const version = (result.rows[0] as { version: number | string | null } | undefined)?.version;
  return version === null || version === undefined ? null : Number(version);
}
