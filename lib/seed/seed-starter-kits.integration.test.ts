import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anonymous } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { getKit } from '@/lib/kits/get-kit';
import { listKits } from '@/lib/kits/list-kits';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { seedStarterKit } from './seed-starter-kit';
import { seedStarterKits } from './seed-starter-kits';
import { starterKits } from './starter-kits';

describe.each(testDrivers)('seedStarterKits on %s', (driver) => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await createTestHub(driver);
  });
  afterEach(async () => hub.close());

  it('adds each starter kit once, credited to the hub, and never brings back one that was deleted', async () => {
    expect(await seedStarterKits(hub.services)).toEqual({ added: 0, skipped: starterKits.length }); // no templates yet: nothing to gather
    await seedStarterKit(hub.services);
    expect(await seedStarterKits(hub.services)).toEqual({ added: starterKits.length, skipped: 0 });
    expect(await seedStarterKits(hub.services)).toEqual({ added: 0, skipped: starterKits.length });

    const kits = await listKits(hub.services, anonymous);
    expect(kits.map((kit) => kit.title).sort()).toEqual(starterKits.map((kit) => kit.title).sort());
    for (const listed of kits) {
      expect(listed.council).toBeNull();
      const kit = await getKit(hub.services, anonymous, listed.id);
      const definition = starterKits.find((d) => d.title === kit!.title)!;
      expect(kit!.items.map((item) => item.note)).toEqual(definition.items.map((item) => item.note));
      expect(kit!.fileCount).toBe(definition.items.length);
    }
    const [owners] = await queryRows<{ councils: number; people: number }>(
      hub.services.db,
      sql`SELECT count(organisation_id)::int AS councils, count(created_by)::int AS people FROM kits`,
    );
    expect(owners).toEqual({ councils: 0, people: 0 });

    await hub.services.db.execute(sql`DELETE FROM kits WHERE seed_key = ${starterKits[0]!.seedKey}`);
    expect(await seedStarterKits(hub.services)).toEqual({ added: 0, skipped: starterKits.length });
  });
});
