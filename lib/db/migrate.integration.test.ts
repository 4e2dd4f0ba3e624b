import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '@/lib/db/query-rows';
import { createTestDatabase, testDrivers } from '@/lib/testing/databases';

describe.each(testDrivers)('migrations on %s', (driver) => {
  it('create the schema, and running them again changes nothing', async () => {
    const handle = await createTestDatabase(driver);
    try {
      await handle.migrate();
      const rows = await queryRows<{ count: number }>(handle.db, 
        sql`SELECT count(*)::int AS count FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('materials', 'material_versions', 'organisations')`,
      );
      expect(rows[0]?.count).toBe(3);
    } finally {
      await handle.close();
    }
  });
});
