import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { auditEvents, materialDownloadDays, materialDownloadViewers, materialUses } from '@/lib/db/schema';
import { checkThenPublish } from '@/lib/file-checks/testing/publish-after-check';
import { createMaterial } from '@/lib/materials/create-material';
import { council, outcomeOf, person, refusal, type Council } from '@/lib/organisations/testing/fixtures';
import { searchMaterials } from '@/lib/search';
import { emptySearchQuery } from '@/lib/search/search-params';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { countDownload, downloadCountOf } from './count-download';
import { getMaterialReuse } from './get-material-reuse';
import { recordUse, useNoteLimit } from './record-use';
import { withdrawUse } from './withdraw-use';

const answers = {
  summary: 'Questions we asked residents.',
  phases: ['discovery'],
  artefactType: 'discussion-guide',
  kind: 'template',
  topics: [],
  tags: 'interviews',
  licence: 'OGL-UK-3.0',
};
const secret = 'a test secret that is long enough to key the hash';

describe.each(testDrivers)('we used this, and download counts, on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let leeds: Council;
  let owner: Viewer;
  let leedsMember: Viewer;
  let leedsAdmin: Viewer;

  beforeEach(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
    owner = (await person(hub, { organisation: bristol })).viewer;
    leedsMember = (await person(hub, { organisation: leeds, name: 'Lee Member' })).viewer;
    leedsAdmin = (await person(hub, { organisation: leeds, role: 'org_admin' })).viewer;
  });
  afterEach(async () => hub.close());

  async function share(title: string, visibility: Visibility = 'public', publish = true): Promise<string> {
    const file = { fileName: 'guide.txt', stream: Readable.from([Buffer.from(`${title}\nWhat do you think of bin collections?\n`)]) };
    const { id } = await createMaterial(hub.services, { actor: owner, fields: { ...answers, title, visibility }, file });
    if (publish) await checkThenPublish(hub.services, owner, id);
    return id;
  }

  it("a member of another council records that their council used it, changes the note, and any of the council's members withdraws it", async () => {
    const id = await share('Bin collections discussion guide');
    await recordUse(hub.services, leedsMember, id, { note: '  Used for our waste service discovery.  ' });
    let reuse = await getMaterialReuse(hub.services, anonymous, id);
    expect(reuse.uses).toEqual([{ council: { slug: 'leeds', name: leeds.name }, note: 'Used for our waste service discovery.', recordedAt: expect.any(String) }]);
    expect(reuse.canRecord).toBe(false);
    expect((await getMaterialReuse(hub.services, leedsAdmin, id)).own?.note).toBe('Used for our waste service discovery.');

    // Again, by another member: still one record for the council, with the new note.
    await recordUse(hub.services, leedsAdmin, id, { note: '' });
    reuse = await getMaterialReuse(hub.services, owner, id);
    expect(reuse.uses.map((u) => [u.council.slug, u.note])).toEqual([['leeds', '']]);
    expect(await hub.services.db.select().from(materialUses)).toHaveLength(1);

    await withdrawUse(hub.services, leedsMember, id);
    expect((await getMaterialReuse(hub.services, owner, id)).uses).toEqual([]);
    // Withdrawing again changes nothing.
    await withdrawUse(hub.services, leedsMember, id);

    const actions = (await hub.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, id))).map((e) => e.action);
    expect(actions.filter((a) => a.startsWith('material_use.'))).toEqual(['material_use.recorded', 'material_use.updated', 'material_use.withdrawn']);
  });

  it('refuses a note over the limit with the field to fix', async () => {
    const id = await share('Bin collections discussion guide');
    const error = await refusal(() => recordUse(hub.services, leedsMember, id, { note: 'x'.repeat(useNoteLimit + 1) }));
    expect(error.code).toBe('validation');
    expect(error.fieldErrors).toEqual([{ field: 'note', message: `How you used it must be ${useNoteLimit} characters or fewer` }]);
    await recordUse(hub.services, leedsMember, id, { note: 'x'.repeat(useNoteLimit) });
  });

  it('refuses someone signed out, the owning council, someone with no council, and a material they cannot see', async () => {
    const open = await share('Open guide');
    const ownCouncilOnly = await share('Bristol only guide', 'organisation');
    const draft = await share('Draft guide', 'public', false);
    const noCouncil = (await person(hub, { organisation: null })).viewer;
    const siteAdmin = (await person(hub, { isSiteAdmin: true })).viewer;
    const record = (viewer: Viewer, id: string) => outcomeOf(() => recordUse(hub.services, viewer, id, { note: '' }));
    const withdraw = (viewer: Viewer, id: string) => outcomeOf(() => withdrawUse(hub.services, viewer, id));

    expect((await refusal(() => recordUse(hub.services, anonymous, open, {}))).code).toBe('unauthenticated');
    expect((await refusal(() => withdrawUse(hub.services, anonymous, open))).code).toBe('unauthenticated');
    for (const viewer of [owner, noCouncil, siteAdmin]) {
      expect(await record(viewer, open)).toBe('forbidden');
      expect(await withdraw(viewer, open)).toBe('forbidden');
    }
    for (const id of [ownCouncilOnly, draft, '00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      expect(await record(leedsMember, id)).toBe('not_found');
      expect(await withdraw(leedsMember, id)).toBe('not_found');
    }
    // Who may see a material sees who used it; others learn nothing.
    expect(await outcomeOf(() => getMaterialReuse(hub.services, leedsMember, ownCouncilOnly))).toBe('not_found');
    expect(await hub.services.db.select().from(materialUses)).toEqual([]);
  });

  it('counts a download once per viewer per material per UTC day, signed-out viewers by a keyed hash of their address', async () => {
    const id = await share('Bin collections discussion guide');
    const other = await share('Another guide');
    const morning = new Date('2026-03-02T08:00:00Z');
    const evening = new Date('2026-03-02T23:59:00Z');
    const nextDay = new Date('2026-03-03T00:01:00Z');
    const count = (viewer: Viewer, materialId: string, now: Date, networkAddress: string | null = null) =>
      countDownload(hub.services, viewer, materialId, { networkAddress, secret, now });

    expect(await count(leedsMember, id, morning)).toBe(true);
    expect(await count(leedsMember, id, evening)).toBe(false);
    expect(await count(leedsMember, other, evening)).toBe(true);
    expect(await count(owner, id, morning)).toBe(true);
    expect(await count(anonymous, id, morning, '203.0.113.9')).toBe(true);
    expect(await count(anonymous, id, evening, '203.0.113.9')).toBe(false);
    expect(await count(anonymous, id, morning, '198.51.100.7')).toBe(true);
    expect(await count(leedsMember, id, nextDay)).toBe(true);
    expect(await count(anonymous, id, nextDay, '203.0.113.9')).toBe(true);

    expect(await downloadCountOf(hub.services, id)).toBe(6);
    expect(await downloadCountOf(hub.services, other)).toBe(1);
    expect((await getMaterialReuse(hub.services, anonymous, id)).downloads).toBe(6);

    // No address (nor anything that could be turned back into one) is stored.
    const keys = (await hub.services.db.select().from(materialDownloadViewers)).map((row) => row.viewerKey);
    expect(keys.join(' ')).not.toMatch(/203\.0\.113\.9|198\.51\.100\.7/);
    expect(keys.filter((k) => k.startsWith('anon:'))).toHaveLength(3);
    // More than two days on, the earlier days' keys are gone; the counts stay.
    await count(leedsAdmin, id, new Date('2026-03-06T10:00:00Z'));
    expect((await hub.services.db.select().from(materialDownloadViewers)).map((row) => row.day)).toEqual(['2026-03-06']);
    expect((await hub.services.db.select().from(materialDownloadDays).where(eq(materialDownloadDays.materialId, id))).map((r) => [r.day, r.downloads])).toEqual([
      ['2026-03-02', 4],
      ['2026-03-03', 2],
      ['2026-03-06', 1],
    ]);
  });

  it('search sorts by most used and by most downloaded, newest first among equals', async () => {
    const first = await share('Guide one');
    const second = await share('Guide two');
    const third = await share('Guide three');
    const york = await council(hub, 'york');
    const yorkMember = (await person(hub, { organisation: york })).viewer;
    await recordUse(hub.services, leedsMember, first, {});
    await recordUse(hub.services, yorkMember, first, {});
    await recordUse(hub.services, leedsMember, second, {});
    const now = new Date('2026-03-02T08:00:00Z');
    for (const address of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) {
      await countDownload(hub.services, anonymous, third, { networkAddress: address, secret, now });
    }
    await countDownload(hub.services, anonymous, first, { networkAddress: '192.0.2.1', secret, now });

    const titles = async (sort: 'most-used' | 'most-downloaded') =>
      (await searchMaterials(hub.services, anonymous, { ...emptySearchQuery(), sort })).hits.map((h) => h.title);
    expect(await titles('most-used')).toEqual(['Guide one', 'Guide two', 'Guide three']);
    expect(await titles('most-downloaded')).toEqual(['Guide three', 'Guide one', 'Guide two']);
  });
});
