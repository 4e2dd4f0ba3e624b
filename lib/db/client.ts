import 'server-only';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import fs from 'node:fs';
import path from 'node:path';
import type { QueryResult } from 'pg';
import type { DatabaseConfig } from '@/lib/config';
import { acquireDirectoryLock } from './directory-lock';
import { releaseOnFailedBegin } from './release-on-failed-begin';
import * as schema from './schema';
import { logger } from '@/lib/logging';

/** The drizzle database both drivers give: code above this file never knows which one it has. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;

export interface DatabaseHandle {
  db: Database;
  driver: DatabaseConfig['driver'];
  /** Applies the SQL migrations in drizzle/ (idempotent, safe to run from several instances at once). */
  migrate(): Promise<void>;
  /**
   * Raw SQL with $1-style parameters, for the job queue (pg-boss), which brings its own SQL.
   * Several statements in one string are allowed only without parameters; the answer then holds
   * the rows of every statement, in order (pg-boss reads a row returned in the middle of a
   * BEGIN … COMMIT block, and refuses to run on a database that gives only the last).
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as one file, which `initialData` can start from. */
  dump?(): Promise<Blob | File>;
}

const migrationsFolder = path.join(process.cwd(), 'drizzle');

/**
 * Opens the configured database. An in-memory PGlite (`memory://`) may start from `initialData`, a
 * dump made by PGlite's dumpDataDir: the test suites start each database from one dump of a migrated
 * database instead of running initdb and the migrations again (seconds each in WebAssembly).
 */
export async function openDatabase(settings: DatabaseConfig, options: { initialData?: Blob } = {}): Promise<DatabaseHandle> {
  return settings.driver === 'pg' ? openPostgres(settings.url, settings.poolSize) : openPglite(settings.dataDir, options.initialData);
}

/** How long opening a connection to Postgres may take before the request that needed it fails. */
export const connectTimeoutMs = 5_000;

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const { Pool } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const pool = new Pool({
    connectionString: url,
    max: poolSize,
    // A database address that accepts no connection (a fail-over not finished, a firewall dropping
    // packets) fails the request after this long instead of holding it, and a pool slot, for ever:
    // node-postgres waits without limit by default (lib/jobs/database-outage.integration.test.ts).
    connectionTimeoutMillis: connectTimeoutMs,
    // Lets the operating system notice a connection whose server vanished without closing it.
    keepAlive: true,
  });
  // A connection lost (Postgres restarting, a fail-over) makes its client emit 'error'. The pool
  // listens only while a client is idle (and then drops it); a client checked out for a transaction
  // has no listener, so the error would be thrown as an uncaught exception and end the process. Each
  // client gets a listener of its own for its whole life: the query in flight fails with the error,
  // and the pool drops the client when it is released (lib/jobs/database-outage.integration.test.ts).
  pool.on('connect', (client) => {
    client.on('error', (error) => logger('db').warn({ err: error }, 'database connection lost'));
    releaseOnFailedBegin(client);
  });
  // The pool passes on an idle client's error too; the client's own listener has logged it.
  pool.on('error', () => undefined);
  const db = drizzle(pool, { schema }) as unknown as Database;
  return {
    db,
    driver: 'pg',
    async migrate() {
      // Several web instances may start together: one migrates at a time.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(4242001)');
        await migrate(drizzle(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('SELECT pg_advisory_unlock(4242001)').catch(() => undefined);
        client.release();
      }
    },
    async executeSql(text, values) {
      // node-postgres answers several statements with one result each.
      const result: QueryResult | QueryResult[] = await pool.query(text, values as unknown[] | undefined);
      return Array.isArray(result) ? { rows: result.flatMap((each) => each.rows) } : result;
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string, initialData?: Blob): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const inMemory = dataDir.startsWith('memory://');
  let releaseLock = () => {};
  if (!inMemory) {
    // PGlite creates only the last folder of its path, and has no lock of its own: two processes on one
    // directory would both open it and silently lose writes. The lock says which process holds it.
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    releaseLock = acquireDirectoryLock(dataDir);
  }
  try {
    const client = await PGlite.create(inMemory ? undefined : dataDir, {
      extensions: { pg_trgm },
      ...(inMemory && initialData ? { loadDataDir: initialData } : {}),
    });
    const db = drizzle(client, { schema }) as unknown as Database;
    return {
      db,
      driver: 'pglite',
      migrate: () => migrate(drizzle(client, { schema }), { migrationsFolder }),
      async executeSql(text, values) {
        try {
          if (values && values.length > 0) return await client.query(text, values);
          // exec runs several statements (pg-boss's migrations and locked batches), one result each.
          const results = await client.exec(text);
          return { rows: results.flatMap((each) => each.rows) };
        } catch (error) {
          // One connection for everything: a statement that fails inside BEGIN … COMMIT would leave it
          // in an aborted transaction, refusing every later query of the hub's until a ROLLBACK. (A
          // pool would hand out another connection; pg-boss's own PGlite adapter does the same.)
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      },
      async close() {
        await client.close();
        releaseLock();
      },
      dump: () => client.dumpDataDir('none'),
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
