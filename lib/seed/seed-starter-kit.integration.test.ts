import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '@/lib/db/query-rows';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, storedKeys, type TestHub } from '@/lib/testing/test-hub';
import { seedStarterKit, starterKitEntries } from './seed-starter-kit';

describe.each(testDrivers)('seedStarterKit on %s', (driver) => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await createTestHub(driver);
  });
  afterEach(async () => hub.close());

  it('adds every starter-kit template once, and seeding again adds nothing', async () => {
    const total = starterKitEntries().length;
    expect(total).toBeGreaterThanOrEqual(9);
    expect(await seedStarterKit(hub.services)).toEqual({ added: total, skipped: 0 });
    expect(await seedStarterKit(hub.services)).toEqual({ added: 0, skipped: total });

    const rows = await queryRows<{ materials: number; versions: number }>(
      hub.services.db,
      sql`SELECT (SELECT count(*)::int FROM materials WHERE seed_key LIKE 'starter-kit/%') AS materials,
                 (SELECT count(*)::int FROM material_versions) AS versions`,
    );
    expect(rows[0]).toEqual({ materials: total, versions: total });
    expect(await storedKeys(hub.services.storage)).toHaveLength(total);
  });
});
