import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './client';
import { createTestDatabase, testDrivers } from '@/lib/testing/databases';

/**
 * executeSql, the raw SQL the job queue (pg-boss) brings, on both real drivers: what pg-boss needs
 * from a connection it does not own.
 */
describe.each(testDrivers)('executeSql on %s', (driver) => {
  let database: DatabaseHandle;

  // One database for the three: none of them leaves anything behind.
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await database.close();
  });

  it('answers several statements with the rows of every one of them, in order', async () => {
    // pg-boss reads a row returned in the middle of a BEGIN … COMMIT block (its locked batches).
    const { rows } = await database.executeSql('BEGIN; SELECT 1 AS a; SELECT 2 AS b; COMMIT;');
    expect(rows).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('passes parameters to a single statement', async () => {
    const { rows } = await database.executeSql('SELECT $1::int + $2::int AS sum', [2, 3]);
    expect(rows).toEqual([{ sum: 5 }]);
  });

  it('leaves the connection usable after a statement fails inside BEGIN … COMMIT', async () => {
    await expect(database.executeSql('BEGIN; SELECT 1 / 0; COMMIT;')).rejects.toThrow('division by zero');
    const { rows } = await database.executeSql('SELECT 1 AS one');
    expect(rows).toEqual([{ one: 1 }]);
  });
});
