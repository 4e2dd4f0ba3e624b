import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { asc, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { auditEvents, materials, materialVersions } from '@/lib/db/schema';
import { ValidationError } from '@/lib/errors';
import { checkThenPublish } from '@/lib/file-checks/testing/publish-after-check';
import { council, person, refusal, type Council, type Person } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { testSettings } from '@/lib/testing/settings';
import { createTestHub, storedKeys, type TestHub } from '@/lib/testing/test-hub';
import { createMaterial } from './create-material';
import { getMaterial } from './get-material';
import { listMaterialVersions } from './list-material-versions';
import { makeVersionCurrent } from './make-version-current';
import { openDownload, openVersionDownload, type Download } from './open-download';
import { replaceMaterialFile } from './replace-material-file';
import { withdrawMaterial } from './withdraw-material';

const answers = {
  title: 'Consent form for interviews',
  summary: 'The consent form we ask residents to sign before an interview.',
  phases: ['discovery'],
  artefactType: 'consent-form',
  kind: 'template',
  topics: ['waste-recycling'],
  tags: 'consent',
  licence: 'OGL-UK-3.0',
  visibility: 'public',
};

const corpus = (name: string) => path.join(testSettings.corpusDir, name);
const pdfPath = corpus('015-gds-research-consent-form.pdf');
const docxPath = corpus('027-gds-user-researcher-job-description.docx');
const sha256 = (buffer: Buffer) => createHash('sha256').update(buffer).digest('hex');
const textFile = (fileName: string, text: string) => ({ fileName, stream: Readable.from([Buffer.from(text)]) });

async function bytesOf(download: Download | undefined): Promise<Buffer> {
  if (download?.type !== 'stream') throw new Error('expected a stream');
  const chunks: Buffer[] = [];
  for await (const chunk of download.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe.each(testDrivers)('making an older version current again on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let leeds: Council;
  let sam: Person; // a member of Bristol City Council, who shares the material
  let leedsMember: Viewer;

  beforeEach(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
    sam = await person(hub, { organisation: bristol, name: 'Sam Jones' });
    leedsMember = (await person(hub, { organisation: leeds })).viewer;
  });
  afterEach(async () => hub.close());

  /** A published material with two versions: a text file, then another. */
  async function twoVersions(visibility: Visibility = 'public') {
    const { id } = await createMaterial(hub.services, { actor: sam.viewer, fields: { ...answers, visibility, shareAnyway: 'yes' }, file: textFile('form.txt', 'Version one') });
    await checkThenPublish(hub.services, sam.viewer, id);
    await replaceMaterialFile(hub.services, sam.viewer, id, { fields: { changeNote: 'Shorter' }, file: textFile('form.txt', 'Version two') });
    await checkThenPublish(hub.services, sam.viewer, id);
    return id;
  }

  const versionRows = (id: string) =>
    hub.services.db.select().from(materialVersions).where(eq(materialVersions.materialId, id)).orderBy(asc(materialVersions.versionNumber));

  async function counts() {
    const [row] = await queryRows<{ versions: number; pending: number; events: number }>(
      hub.services.db,
      sql`SELECT (SELECT count(*)::int FROM material_versions) AS versions,
                 (SELECT count(*)::int FROM pending_uploads) AS pending,
                 (SELECT count(*)::int FROM audit_events) AS events`,
    );
    return { ...row!, objects: (await storedKeys(hub.services.storage)).length };
  }

  it('adds version 3 with version 1’s exact bytes, leaves 1 and 2 as they were, and goes through the check', async () => {
    const pdf = fs.readFileSync(pdfPath);
    const { id } = await createMaterial(hub.services, {
      actor: sam.viewer,
      fields: answers,
      file: { fileName: 'Consent form.pdf', stream: fs.createReadStream(pdfPath) },
    });
    await checkThenPublish(hub.services, sam.viewer, id);
    await replaceMaterialFile(hub.services, sam.viewer, id, {
      fields: { changeNote: 'Now a Word document' },
      file: { fileName: 'Consent form.docx', stream: fs.createReadStream(docxPath) },
    });
    await checkThenPublish(hub.services, sam.viewer, id);
    const before = await versionRows(id);

    const made = await makeVersionCurrent(hub.services, sam.viewer, id, '1', { changeNote: '  Made version 1 current again ' });
    expect(made).toMatchObject({ id, versionNumber: 3, sha256: sha256(pdf), sizeBytes: pdf.length });

    const after = await versionRows(id);
    expect(after.slice(0, 2)).toEqual(before); // history is never rewritten
    expect(after[2]).toMatchObject({
      versionNumber: 3,
      fileName: 'Consent form.pdf',
      format: 'pdf',
      sha256: sha256(pdf),
      changeNote: 'Made version 1 current again',
      createdBy: sam.id,
      publishedAt: null,
    });
    expect(after[2]!.storageKey).not.toBe(before[0]!.storageKey); // a copy: deleting one never loses the other

    // Like any replacement: a draft, seen only by Bristol, until its check has been seen and it is published.
    expect(await getMaterial(hub.services, anonymous, id)).toBeUndefined();
    expect((await hub.services.db.select().from(materials).where(eq(materials.id, id)))[0]?.status).toBe('draft');
    await checkThenPublish(hub.services, sam.viewer, id);
    expect((await getMaterial(hub.services, anonymous, id))?.file).toMatchObject({ versionNumber: 3, fileName: 'Consent form.pdf' });
    expect(sha256(await bytesOf(await openDownload(hub.services, anonymous, id)))).toBe(sha256(pdf));
    expect(sha256(await bytesOf(await openVersionDownload(hub.services, anonymous, id, 1)))).toBe(sha256(pdf));
    expect((await listMaterialVersions(hub.services, anonymous, id)).map((v) => [v.versionNumber, v.isCurrent])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);

    const events = await hub.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, id)).orderBy(asc(auditEvents.createdAt));
    expect(events.map((e) => e.action).slice(-2)).toEqual(['material.version_made_current', 'material.published']);
    expect(events.at(-2)).toMatchObject({
      actorUserId: sam.id,
      organisationId: bristol.id,
      before: { versionNumber: 2, fileName: 'Consent form.docx' },
      after: { versionNumber: 3, fromVersion: 1, fileName: 'Consent form.pdf', sha256: sha256(pdf), changeNote: 'Made version 1 current again', status: 'draft' },
    });
  });

  it('refuses the current version, a missing version and an empty change note, storing nothing', async () => {
    const id = await twoVersions();
    const before = await counts();
    const current = await refusal(() => makeVersionCurrent(hub.services, sam.viewer, id, 2, { changeNote: 'Again' }));
    expect(current).toMatchObject({ code: 'conflict', message: 'This is already the current version' });
    for (const missing of [3, '9', '01', '1.0', 'x', '../1']) {
      expect((await refusal(() => makeVersionCurrent(hub.services, sam.viewer, id, missing, { changeNote: 'Back' }))).code).toBe('not_found');
    }
    const empty = await refusal(() => makeVersionCurrent(hub.services, sam.viewer, id, 1, { changeNote: '  ' }));
    expect(empty).toBeInstanceOf(ValidationError);
    expect((empty as ValidationError).fieldErrors).toEqual([{ field: 'changeNote', message: 'Enter what has changed' }]);
    expect(await counts()).toEqual(before);
  });

  it('only those who may change the material: another council is refused, or told nothing where it cannot see it', async () => {
    const publicId = await twoVersions('public');
    const privateId = await twoVersions('organisation');
    const before = await counts();
    expect((await refusal(() => makeVersionCurrent(hub.services, leedsMember, publicId, 1, { changeNote: 'Mine now' }))).code).toBe('forbidden');
    expect((await refusal(() => makeVersionCurrent(hub.services, anonymous, publicId, 1, { changeNote: 'Mine now' }))).code).toBe('forbidden');
    expect((await refusal(() => makeVersionCurrent(hub.services, leedsMember, privateId, 1, { changeNote: 'Mine now' }))).code).toBe('not_found');
    expect((await refusal(() => makeVersionCurrent(hub.services, anonymous, privateId, 1, { changeNote: 'Mine now' }))).code).toBe('not_found');
    expect(await counts()).toEqual(before);
  });

  it('a withdrawn material: not found to other councils; its council may, as with replacing its file, and it becomes a draft', async () => {
    const id = await twoVersions('public');
    await withdrawMaterial(hub.services, sam.viewer, id, { reason: 'Version 2 was wrong' });
    expect((await refusal(() => makeVersionCurrent(hub.services, leedsMember, id, 1, { changeNote: 'Back' }))).code).toBe('not_found');
    expect((await refusal(() => makeVersionCurrent(hub.services, anonymous, id, 1, { changeNote: 'Back' }))).code).toBe('not_found');
    const made = await makeVersionCurrent(hub.services, sam.viewer, id, 1, { changeNote: 'Back to the first' });
    expect(made.versionNumber).toBe(3);
    expect((await hub.services.db.select().from(materials).where(eq(materials.id, id)))[0]?.status).toBe('draft');
  });
});
