import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { council, person, refusal, type Council } from '@/lib/organisations/testing/fixtures';
import { countDownload } from '@/lib/reuse/count-download';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { addKitItem } from './add-kit-item';
import { getKit } from './get-kit';
import { listKits } from './list-kits';
import { makeKit } from './make-kit';
import { moveKitItem } from './move-kit-item';
import { openKitZip } from './open-kit-zip';
import { removeKitItem } from './remove-kit-item';
import { readStream, setStatus, sha256, shareMaterial, unzip } from './testing/fixtures';

// What a kit shows and zips for each viewer: only the materials that viewer may see. A public kit of
// Bristol's holds a public Leeds material, a Bristol council-only material, a councils-only material,
// and materials that were withdrawn or put back to draft after being added. Each viewer's page, list
// count and zip (its files, README.txt and attribution.csv) hold exactly what they may see, every
// file byte for byte (sha256), and nothing at all of the rest.

const hubUrl = 'https://hub.example';

describe.each(testDrivers)('what a kit holds for each viewer, on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let leeds: Council;
  let bristolMember: Viewer;
  let leedsMember: Viewer;
  let admin: Viewer;
  let kitId: string;
  const shared: Record<string, { id: string; content: string; title: string }> = {};

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
    bristolMember = (await person(hub, { organisation: bristol })).viewer;
    leedsMember = (await person(hub, { organisation: leeds })).viewer;
    admin = (await person(hub, { isSiteAdmin: true })).viewer;
    const share = async (key: string, council: string, visibility: string, fileName?: string) => {
      const title = `${key} (${council})`;
      shared[key] = { ...(await shareMaterial(hub, { council, title, visibility, fileName })), title };
    };
    await share('public-guide', 'leeds', 'public', 'Guide.txt');
    await share('bristol-only-notes', 'bristol', 'organisation', 'Guide.txt'); // same file name: kept apart in the zip
    await share('councils-plan', 'leeds', 'councils');
    await share('withdrawn-later', 'leeds', 'public');
    await share('draft-later', 'bristol', 'public');
    await share('=HYPERLINK("https://evil.example")', 'leeds', 'public');

    ({ id: kitId } = await makeKit(hub.services, bristolMember, { title: 'Bins Discovery kit', description: 'What we used for bins', visibility: 'public' }));
    for (const key of Object.keys(shared)) await addKitItem(hub.services, bristolMember, { kit: kitId, material: shared[key]!.id, note: `Note on ${key}` });
    await setStatus(hub, shared['withdrawn-later']!.id, 'withdrawn');
    await setStatus(hub, shared['draft-later']!.id, 'draft');
  });
  afterAll(async () => hub?.close());

  const seenBy: Record<string, string[]> = {
    anonymous: ['public-guide', '=HYPERLINK("https://evil.example")'],
    'member of another council': ['public-guide', 'councils-plan', '=HYPERLINK("https://evil.example")'],
    'member of the council': ['public-guide', 'bristol-only-notes', 'councils-plan', '=HYPERLINK("https://evil.example")'],
    'site admin': ['public-guide', 'bristol-only-notes', 'councils-plan', '=HYPERLINK("https://evil.example")'],
  };
  const viewerOf = (name: string): Viewer =>
    ({ anonymous, 'member of another council': leedsMember, 'member of the council': bristolMember, 'site admin': admin })[name]!;

  it.each(Object.keys(seenBy))('%s: the page, the list and the zip hold exactly what they may see', async (name) => {
    const viewer = viewerOf(name);
    const expectedKeys = seenBy[name]!;
    const hidden = Object.keys(shared).filter((key) => !expectedKeys.includes(key));

    const kit = await getKit(hub.services, viewer, kitId);
    expect(kit?.items.map((item) => item.title)).toEqual(expectedKeys.map((key) => shared[key]!.title));
    expect(kit?.fileCount).toBe(expectedKeys.length);
    expect((await listKits(hub.services, viewer)).find((k) => k.id === kitId)?.itemCount).toBe(expectedKeys.length);

    const zip = await openKitZip(hub.services, viewer, kitId, { hubUrl });
    const bytes = await readStream(zip!.body);
    expect(bytes.length).toBe(zip!.sizeBytes); // the Content-Length sent is exact
    expect(zip!.materialIds).toEqual(expectedKeys.map((key) => shared[key]!.id));
    const entries = await unzip(bytes);
    const files = [...entries.keys()].filter((entry) => entry !== 'README.txt' && entry !== 'attribution.csv');
    expect([...entries.keys()].slice(0, 2)).toEqual(['README.txt', 'attribution.csv']);
    expect(files).toHaveLength(expectedKeys.length);
    expectedKeys.forEach((key, i) => {
      const entry = files[i]!;
      expect(entry.startsWith(`${String(i + 1).padStart(2, '0')}-`)).toBe(true);
      expect(sha256(entries.get(entry)!)).toBe(sha256(shared[key]!.content));
    });

    const readme = entries.get('README.txt')!.toString('utf8');
    const csv = entries.get('attribution.csv')!.toString('utf8');
    expect(readme).toContain('Bins Discovery kit');
    expect(readme).toContain('What we used for bins');
    for (const key of expectedKeys) {
      expect(readme).toContain(shared[key]!.title);
      expect(readme).toContain(`Note on ${key}`);
      expect(csv).toContain(`${hubUrl}/materials/${shared[key]!.id}`);
    }
    // Nothing of what they may not see: not its words, its title, its note or its address.
    const everything = bytes.toString('latin1') + readme + csv;
    for (const key of hidden) {
      expect(everything).not.toContain(shared[key]!.content);
      expect(everything).not.toContain(shared[key]!.title);
      expect(everything).not.toContain(shared[key]!.id);
      expect(JSON.stringify(kit)).not.toContain(shared[key]!.id);
    }
  });

  it('writes attribution.csv with formula-safe cells: title, council, licence and source address', async () => {
    const zip = await openKitZip(hub.services, anonymous, kitId, { hubUrl });
    const csv = (await unzip(await readStream(zip!.body))).get('attribution.csv')!.toString('utf8');
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('File,Title,Council,Licence,Licence URL,Source URL,Attribution');
    expect(lines[1]).toContain('public-guide (leeds),Leeds City Council,');
    expect(lines[1]).toContain(`${hubUrl}/materials/${shared['public-guide']!.id}`);
    // A title a spreadsheet would run as a formula is made inert with a leading quote.
    expect(lines[2]).toContain(`"'=HYPERLINK(""https://evil.example"") (leeds)"`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });

  it('counts each zipped file as a download of its material, once per viewer per day', async () => {
    const zip = await openKitZip(hub.services, leedsMember, kitId, { hubUrl });
    const facts = { networkAddress: null, secret: 'test secret' };
    for (const id of zip!.materialIds) expect(await countDownload(hub.services, leedsMember, id, facts)).toBe(true);
    for (const id of zip!.materialIds) expect(await countDownload(hub.services, leedsMember, id, facts)).toBe(false);
    await zip!.body.cancel();
  });

  it('orders items, moves them up and down, and refuses what it should', async () => {
    const { id } = await makeKit(hub.services, leedsMember, { title: 'Order kit', visibility: 'public' });
    const a = shared['public-guide']!.id;
    const b = shared['councils-plan']!.id;
    await addKitItem(hub.services, leedsMember, { kit: id, material: a });
    await addKitItem(hub.services, leedsMember, { kit: id, material: b });
    const order = async () => (await getKit(hub.services, leedsMember, id))!.items.map((item) => item.materialId);
    expect(await order()).toEqual([a, b]);
    await moveKitItem(hub.services, leedsMember, id, { material: b, direction: 'up' });
    expect(await order()).toEqual([b, a]);
    await moveKitItem(hub.services, leedsMember, id, { material: b, direction: 'up' }); // already first: nothing changes
    expect(await order()).toEqual([b, a]);

    // Already there; a draft; another council's council-only material; not an id: refused, nothing added.
    expect((await refusal(() => addKitItem(hub.services, leedsMember, { kit: id, material: a }))).fieldErrors[0]?.field).toBe('kit');
    for (const material of [shared['draft-later']!.id, shared['bristol-only-notes']!.id, 'not-an-id']) {
      const error = await refusal(() => addKitItem(hub.services, leedsMember, { kit: id, material }));
      expect(error.fieldErrors).toEqual([{ field: 'material', message: 'Choose a published material you can see' }]);
    }
    // Removing a material the viewer cannot see is answered as "not in this kit", never revealing it.
    const hiddenRemoval = await refusal(() => removeKitItem(hub.services, leedsMember, kitId, { material: shared['bristol-only-notes']!.id }));
    expect(hiddenRemoval.code).toBe('forbidden');
    const sameCouncil = await refusal(() => removeKitItem(hub.services, bristolMember, id, { material: a }));
    expect(sameCouncil.code).toBe('forbidden');
    await removeKitItem(hub.services, leedsMember, id, { material: a });
    expect(await order()).toEqual([b]);
    const titleTooLong = await refusal(() => makeKit(hub.services, leedsMember, { title: 'x'.repeat(121), visibility: 'nobody' }));
    expect(titleTooLong.fieldErrors.map((e) => e.field).sort()).toEqual(['title', 'visibility']);
    const [events] = await queryRows<{ n: number }>(hub.services.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE subject_id = ${id}`);
    // Made, two added, one move, one removal: nothing for refusals or for a move that changed nothing.
    expect(events!.n).toBe(5);
  });

  it('a stored file that has gone missing fails the zip instead of sending a short or corrupt one', async () => {
    const { id } = await makeKit(hub.services, leedsMember, { title: 'Broken kit', visibility: 'public' });
    const missing = await shareMaterial(hub, { council: 'leeds', title: 'Gone file' });
    await addKitItem(hub.services, leedsMember, { kit: id, material: missing.id });
    const [row] = await queryRows<{ storage_key: string }>(hub.services.db, sql`SELECT storage_key FROM material_versions WHERE material_id = ${missing.id}`);
    await hub.services.storage.delete(row!.storage_key);
    const zip = await openKitZip(hub.services, leedsMember, id, { hubUrl });
    await expect(readStream(zip!.body)).rejects.toThrow();
  });
});
