import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { materials, materialVersionAlternatives, materialVersions } from '@/lib/db/schema';
import { generateAlternativeFormats, type AlternativeFormat } from '@/lib/documents';
import { extractText } from '@/lib/extract';
import { checkThenPublish } from '@/lib/file-checks/testing/publish-after-check';
import { createMaterial } from '@/lib/materials/create-material';
import { deleteMaterial } from '@/lib/materials/delete-material';
import { detectFormat } from '@/lib/materials/detect-format';
import { openAlternativeDownload, type Download } from '@/lib/materials/open-download';
import { replaceMaterialFile } from '@/lib/materials/replace-material-file';
import { verifyStorage } from '@/lib/operations/verify-storage';
import { council, person } from '@/lib/organisations/testing/fixtures';
import { addStarterKitAlternatives } from '@/lib/seed/add-starter-kit-alternatives';
import { seedStarterKit, starterKitEntries } from '@/lib/seed/seed-starter-kit';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, storedKeys, type TestHub } from '@/lib/testing/test-hub';
import { listVersionAlternatives } from './list-version-alternatives';
import { storeVersionAlternatives } from './store-alternatives';

/**
 * Alternative formats on a real database (PGlite and Postgres) and real files on disk: the starter
 * kit gets its DOCX and ODT once, they download as real documents, they stay with the version they
 * were made for, and they go with their material.
 */

const answers = {
  title: 'Bin collections discussion guide',
  summary: 'Questions we asked residents.',
  phases: ['discovery'],
  artefactType: 'discussion-guide',
  kind: 'template',
  topics: [],
  tags: 'interviews',
  licence: 'OGL-UK-3.0',
  visibility: 'public' as const,
  shareAnyway: 'yes',
};

async function bytesOf(download: Download | undefined): Promise<Buffer> {
  if (download?.type !== 'stream') throw new Error('expected a streamed download (local disk)');
  const chunks: Buffer[] = [];
  for await (const chunk of download.body as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe.each(testDrivers)('alternative formats on %s', (driver) => {
  let hub: TestHub;
  let files: AlternativeFormat[];

  beforeAll(async () => {
    hub = await createTestHub(driver);
    files = await generateAlternativeFormats('# Bin collections discussion guide\n\nAsk about [the day].\n', { created: new Date('2026-01-15') });
  });
  afterAll(async () => hub?.close());

  it('the starter kit: every template gets a DOCX and an ODT once, and they download as real documents', async () => {
    const total = starterKitEntries().length;
    await seedStarterKit(hub.services);
    // A hub seeded before alternatives existed has templates without them: the first start adds them.
    expect(await addStarterKitAlternatives(hub.services)).toEqual({ added: total * 2 });
    expect(await addStarterKitAlternatives(hub.services)).toEqual({ added: 0 });
    const [counts] = await queryRows<{ alternatives: number; versions: number }>(
      hub.services.db,
      sql`SELECT (SELECT count(*)::int FROM material_version_alternatives) AS alternatives,
                 (SELECT count(*)::int FROM material_versions) AS versions`,
    );
    expect(counts).toEqual({ alternatives: total * 2, versions: total });
    expect(await storedKeys(hub.services.storage)).toHaveLength(total * 3);

    const [plan] = await hub.services.db.select().from(materials).where(eq(materials.seedKey, 'starter-kit/user-research-plan'));
    expect(plan).toBeDefined();
    const offered = await listVersionAlternatives(hub.services, anonymous, plan!.id);
    expect(offered.map((alternative) => alternative.format)).toEqual(['docx', 'odt']);

    for (const format of ['docx', 'odt'] as const) {
      const download = await openAlternativeDownload(hub.services, anonymous, plan!.id, undefined, format);
      expect(download).toMatchObject({ type: 'stream', fileName: `user-research-plan.${format}` });
      const body = await bytesOf(download);
      const [row] = await hub.services.db
        .select()
        .from(materialVersionAlternatives)
        .where(eq(materialVersionAlternatives.storageKey, (await storedAlternativeKey(plan!.id, format))!));
      expect({ size: body.length, sha256: createHash('sha256').update(body).digest('hex') }).toEqual({ size: row!.sizeBytes, sha256: row!.sha256 });
      expect(offered.find((alternative) => alternative.format === format)?.sizeBytes).toBe(body.length);
      // A real document: the hub's own upload check accepts it, and its extractor reads the title.
      const check = await detectFormat(`plan.${format}`, body);
      expect(check.ok && check.format.code).toBe(format);
      const text = await extractText({ format, body, sizeBytes: body.length });
      expect(text.status === 'done' && text.text).toContain('User research plan');
    }

    // storage:verify checks them whole, and finds nothing left over.
    const report = await verifyStorage(hub.services.db, hub.services.storage, { repair: false, graceMs: 0 });
    expect(report).toMatchObject({ versionsChecked: total, alternativesChecked: total * 2, problems: [], orphans: [] });
  });

  async function storedAlternativeKey(materialId: string, format: string): Promise<string | undefined> {
    const [row] = await hub.services.db
      .select({ key: materialVersionAlternatives.storageKey })
      .from(materialVersionAlternatives)
      .innerJoin(materialVersions, eq(materialVersions.id, materialVersionAlternatives.versionId))
      .where(sql`${materialVersions.materialId} = ${materialId} AND ${materialVersionAlternatives.format} = ${format}`);
    return row?.key;
  }

  it("replacing the file: the old version keeps its alternatives, the new file is offered none; deleting takes them away", async () => {
    const bristol = await council(hub, 'bristol');
    const owner = (await person(hub, { organisation: bristol })).viewer;
    const admin = (await person(hub, { isSiteAdmin: true })).viewer;
    const { id } = await createMaterial(hub.services, {
      actor: owner,
      fields: answers,
      file: { fileName: 'guide.md', stream: Readable.from([Buffer.from('# Bin collections discussion guide\n')]) },
    });
    await checkThenPublish(hub.services, owner, id);
    const [first] = await hub.services.db.select({ id: materialVersions.id }).from(materialVersions).where(eq(materialVersions.materialId, id));
    expect(await storeVersionAlternatives(hub.services, first!.id, files)).toBe(2);
    // Storing again (another instance at the same moment) keeps the first and leaves no object behind.
    const objects = (await storedKeys(hub.services.storage)).length;
    expect(await storeVersionAlternatives(hub.services, first!.id, files)).toBe(0);
    expect(await storedKeys(hub.services.storage)).toHaveLength(objects);
    expect(await listVersionAlternatives(hub.services, anonymous, id)).toHaveLength(2);

    await replaceMaterialFile(hub.services, owner, id, {
      fields: { changeNote: 'New questions' },
      file: { fileName: 'guide.md', stream: Readable.from([Buffer.from('# Bin collections discussion guide, second edition\n')]) },
    });
    await checkThenPublish(hub.services, owner, id);
    expect(await listVersionAlternatives(hub.services, anonymous, id)).toEqual([]);
    expect(await openAlternativeDownload(hub.services, anonymous, id, undefined, 'docx')).toBeUndefined();
    expect((await listVersionAlternatives(hub.services, anonymous, id, 1)).map((a) => a.format)).toEqual(['docx', 'odt']);
    expect(await bytesOf(await openAlternativeDownload(hub.services, anonymous, id, 1, 'odt'))).toEqual(files[1]!.body);

    const keys = [(await storedAlternativeKey(id, 'docx'))!, (await storedAlternativeKey(id, 'odt'))!];
    await deleteMaterial(hub.services, admin, id);
    const left = await storedKeys(hub.services.storage);
    for (const key of keys) expect(left).not.toContain(key);
    expect(await queryRows(hub.services.db, sql`SELECT 1 FROM material_version_alternatives a JOIN material_versions v ON v.id = a.version_id WHERE v.material_id = ${id}`)).toEqual([]);
  });

  it('a format that is not an alternative, or one a version does not have, is not found', async () => {
    const [plan] = await hub.services.db.select().from(materials).where(eq(materials.seedKey, 'starter-kit/persona-template'));
    for (const format of ['pdf', 'md', 'DOCX', '../docx', '']) {
      expect(await openAlternativeDownload(hub.services, anonymous, plan!.id, undefined, format)).toBeUndefined();
    }
    expect(await openAlternativeDownload(hub.services, anonymous, plan!.id, 2, 'docx')).toBeUndefined();
    expect(await openAlternativeDownload(hub.services, anonymous, 'not-a-uuid', undefined, 'docx')).toBeUndefined();
  });

  it('storage:verify reports a missing alternative, naming its format', async () => {
    const [plan] = await hub.services.db.select().from(materials).where(eq(materials.seedKey, 'starter-kit/discussion-guide'));
    const key = (await storedAlternativeKey(plan!.id, 'odt'))!;
    await hub.services.storage.delete(key);
    const report = await verifyStorage(hub.services.db, hub.services.storage, { repair: false, graceMs: 0 });
    expect(report.problems).toEqual([expect.objectContaining({ storageKey: key, problem: 'missing', alternative: 'odt' })]);
  });
});
