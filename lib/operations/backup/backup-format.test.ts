import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '@/lib/db/schema';
import { backedUpTables, tablesLeftOut, tablesTheHubLoads } from './backup-format';

/**
 * A table added to the schema must be backed up or left out with a reason, or this fails: a new table
 * cannot be forgotten by the backup. (The round trip, backup-restore.integration.test.ts, asks the
 * migrated database the same question, tables made by hand-written migrations included.)
 */
const schemaTables: string[] = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableName(table))
  .sort();
const backedUp = backedUpTables.map((table) => table.name);
const leftOut = Object.keys(tablesLeftOut);

describe('the backup list', () => {
  it('sees the schema (a broken import would make every other check here pass)', () => {
    expect(schemaTables).toEqual(expect.arrayContaining(['materials', 'users', 'follows', 'kits']));
  });

  it('holds every table of the schema, or leaves it out with a reason', () => {
    const accounted = new Set([...backedUp, ...leftOut]);
    expect(schemaTables.filter((name) => !accounted.has(name)), 'tables neither backed up nor left out on purpose').toEqual([]);
  });

  it('names no table twice, and none the schema does not have', () => {
    expect(backedUp.filter((name) => leftOut.includes(name))).toEqual([]);
    expect(new Set(backedUp).size).toBe(backedUp.length);
    expect([...backedUp, ...leftOut].filter((name) => !schemaTables.includes(name)), 'names in the lists that are not tables').toEqual([]);
    expect(tablesTheHubLoads.filter((name) => !backedUp.includes(name))).toEqual([]);
  });

  it('gives a reason for every table it leaves out', () => {
    for (const [name, reason] of Object.entries(tablesLeftOut)) expect(reason.length, name).toBeGreaterThan(20);
  });
});
