import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { auditEvents, materials, materialVersions, pendingUploads, users } from '@/lib/db/schema';
import { ValidationError } from '@/lib/errors';
import { council, liveViewer, person, refusal, type Council, type Person } from '@/lib/organisations/testing/fixtures';
import { searchMaterials } from '@/lib/search';
import { emptySearchQuery } from '@/lib/search/search-params';
import type { BlobStore } from '@/lib/storage/blob-store';
import { testDrivers } from '@/lib/testing/databases';
import { testSettings } from '@/lib/testing/settings';
import { createTestHub, storedKeys, type TestHub } from '@/lib/testing/test-hub';
import { createMaterial } from './create-material';
import { deleteMaterial } from './delete-material';
import { getMaterial } from './get-material';
import { listMaterialVersions } from './list-material-versions';
import { openDownload, openVersionDownload, type Download } from './open-download';
import { replaceMaterialFile } from './replace-material-file';
import { restoreMaterial } from './restore-material';
import { sweepPendingUploads } from './sweep-pending-uploads';
import { updateMaterial } from './update-material';
import { withdrawMaterial } from './withdraw-material';
import { checkThenPublish } from '@/lib/file-checks/testing/publish-after-check';

const answers = {
  title: 'Bin collections discussion guide',
  summary: 'Questions we asked residents about missed bin collections.',
  phases: ['discovery'],
  artefactType: 'discussion-guide',
  kind: 'template',
  topics: ['waste-recycling'],
  tags: 'interviews, bins',
  licence: 'OGL-UK-3.0',
  visibility: 'public',
};

const corpus = (name: string) => path.join(testSettings.corpusDir, name);
const pdfPath = corpus('015-gds-research-consent-form.pdf');
const docxPath = corpus('027-gds-user-researcher-job-description.docx');
const sha256 = (buffer: Buffer) => createHash('sha256').update(buffer).digest('hex');
const textFile = (fileName: string, text: string) => ({ fileName, stream: Readable.from([Buffer.from(text)]) });

async function bytesOf(download: Download | undefined): Promise<Buffer> {
  expect(download?.type).toBe('stream');
  if (download?.type !== 'stream') throw new Error('expected a stream');
  const chunks: Buffer[] = [];
  for await (const chunk of download.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe.each(testDrivers)('changing and removing materials on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let leeds: Council;
  let sam: Person; // a member of Bristol City Council, who shares the materials
  let admin: Viewer; // a site admin

  beforeEach(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
    sam = await person(hub, { organisation: bristol, name: 'Sam Jones' });
    admin = (await person(hub, { isSiteAdmin: true, name: 'Ada Admin' })).viewer;
  });
  afterEach(async () => hub.close());

  async function share(visibility: Visibility = 'public', file = textFile('guide.txt', 'Version one')) {
    const { id } = await createMaterial(hub.services, { actor: sam.viewer, fields: { ...answers, visibility }, file });
    await checkThenPublish(hub.services, sam.viewer, id);
    return id;
  }

  async function counts() {
    const [row] = await queryRows<{ materials: number; versions: number; pending: number; events: number }>(
      hub.services.db,
      sql`SELECT (SELECT count(*)::int FROM materials) AS materials,
                 (SELECT count(*)::int FROM material_versions) AS versions,
                 (SELECT count(*)::int FROM pending_uploads) AS pending,
                 (SELECT count(*)::int FROM audit_events) AS events`,
    );
    return { ...row!, objects: (await storedKeys(hub.services.storage)).length };
  }

  async function eventsFor(id: string) {
    return hub.services.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, id))
      .orderBy(asc(auditEvents.createdAt));
  }

  async function searchTitles(viewer: Viewer, text = 'bin collections') {
    const results = await searchMaterials(hub.services, viewer, { ...emptySearchQuery(), text });
    return results.hits.map((h) => h.title);
  }

  async function fieldErrorsOf(promise: Promise<unknown>) {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    return Object.fromEntries((error as ValidationError).fieldErrors.map((e) => [e.field, e.message]));
  }

  describe('editing details', () => {
    it('changes the row and records who changed what, before and after', async () => {
      const id = await share();
      const result = await updateMaterial(hub.services, sam.viewer, id, {
        ...answers,
        title: 'Missed bins discussion guide',
        tags: 'interviews, Missed Bins',
        visibility: 'councils',
      });
      expect(result.changed).toEqual(['title', 'tags', 'visibility']);

      const [row] = await hub.services.db.select().from(materials).where(eq(materials.id, id));
      expect(row).toMatchObject({ title: 'Missed bins discussion guide', tags: ['interviews', 'missed bins'], visibility: 'councils' });
      expect(row!.updatedAt.getTime()).toBeGreaterThan(row!.createdAt.getTime());

      const events = await eventsFor(id);
      expect(events.map((e) => e.action)).toEqual(['material.created', 'material.published', 'material.updated']);
      const updated = events[2]!;
      expect(updated).toMatchObject({
        actorUserId: sam.id,
        actorLabel: 'Sam Jones, Bristol City Council',
        organisationId: bristol.id,
        subjectType: 'material',
        before: { title: 'Bin collections discussion guide', tags: ['interviews', 'bins'], visibility: 'public' },
        after: { title: 'Missed bins discussion guide', tags: ['interviews', 'missed bins'], visibility: 'councils' },
      });
      expect(JSON.stringify(updated)).not.toContain(sam.email);
    });

    it('writes nothing when nothing changed', async () => {
      const id = await share();
      expect((await updateMaterial(hub.services, sam.viewer, id, answers)).changed).toEqual([]);
      const { id: twoPhases } = await createMaterial(hub.services, {
        actor: sam.viewer,
        fields: { ...answers, phases: ['alpha', 'discovery'] },
        file: textFile('guide.txt', 'Two phases'),
      });
      expect((await updateMaterial(hub.services, sam.viewer, twoPhases, { ...answers, phases: ['discovery', 'alpha'] })).changed).toEqual([]);
      expect((await eventsFor(id)).map((e) => e.action)).toEqual(['material.created', 'material.published']);
    });

    it('refuses bad answers, one message per field, and changes nothing', async () => {
      const id = await share();
      const errors = await fieldErrorsOf(
        updateMaterial(hub.services, sam.viewer, id, { ...answers, title: ' ', phases: [], kind: 'nonsense', visibility: 'everyone' }),
      );
      expect(errors).toEqual({
        title: 'Enter a title',
        phases: 'Select at least one phase',
        kind: 'Select whether this is a template, a worked example or guidance',
        visibility: 'Select who can see it',
      });
      const [row] = await hub.services.db.select().from(materials).where(eq(materials.id, id));
      expect(row!.title).toBe(answers.title);
      expect((await eventsFor(id)).map((e) => e.action)).toEqual(['material.created', 'material.published']);
    });

    it('never makes a material public because the visibility was left out of the post', async () => {
      const id = await share('organisation');
      const { visibility: _left, ...withoutVisibility } = answers;
      expect(await fieldErrorsOf(updateMaterial(hub.services, sam.viewer, id, withoutVisibility))).toEqual({
        visibility: 'Select who can see it',
      });
      const [row] = await hub.services.db.select().from(materials).where(eq(materials.id, id));
      expect(row!.visibility).toBe('organisation');
    });

    it('keeps a material that belongs to no council public', async () => {
      const { id } = await createMaterial(hub.services, {
        actor: { kind: 'system', label: 'Discovery Commons' },
        fields: answers,
        file: textFile('guide.txt', 'Starter kit'),
      });
      const errors = await fieldErrorsOf(updateMaterial(hub.services, admin, id, { ...answers, visibility: 'organisation' }));
      expect(errors.visibility).toContain('does not belong to a council');
    });

    it('narrowing the visibility applies to the very next page view and search', async () => {
      const id = await share('public');
      const leedsMember = (await person(hub, { organisation: leeds })).viewer;
      expect(await searchTitles(anonymous)).toEqual([answers.title]);
      expect(await searchTitles(leedsMember)).toEqual([answers.title]);

      await updateMaterial(hub.services, sam.viewer, id, { ...answers, visibility: 'councils' });
      expect(await searchTitles(anonymous)).toEqual([]);
      expect(await getMaterial(hub.services, anonymous, id)).toBeUndefined();
      expect(await searchTitles(leedsMember)).toEqual([answers.title]);

      await updateMaterial(hub.services, sam.viewer, id, { ...answers, visibility: 'organisation' });
      expect(await searchTitles(leedsMember)).toEqual([]);
      expect(await openDownload(hub.services, leedsMember, id)).toBeUndefined();
      expect((await refusal(() => updateMaterial(hub.services, leedsMember, id, answers))).code).toBe('not_found');
      expect(await searchTitles(sam.viewer)).toEqual([answers.title]);
    });

    it('tells a member of another council who can see the material that they cannot change it', async () => {
      const id = await share('public');
      const leedsMember = (await person(hub, { organisation: leeds })).viewer;
      const error = await refusal(() => updateMaterial(hub.services, leedsMember, id, answers));
      expect(error.code).toBe('forbidden');
      expect(error.status).toBe(403);
      expect(error.message).toBe('You cannot change this material');
    });
  });

  describe('replacing the file', () => {
    it('adds a version; the old one stays downloadable with exactly its bytes', async () => {
      const pdf = fs.readFileSync(pdfPath);
      const docx = fs.readFileSync(docxPath);
      const id = await share('public', { fileName: 'Consent form.pdf', stream: fs.createReadStream(pdfPath) });

      const replaced = await replaceMaterialFile(hub.services, sam.viewer, id, {
        fields: { changeNote: '  Now a Word document with the new questions  ' },
        file: { fileName: 'Consent form.docx', stream: fs.createReadStream(docxPath) },
      });
      expect(replaced).toMatchObject({ id, versionNumber: 2, sha256: sha256(docx), sizeBytes: docx.length });
      // The new file is a draft until it is checked and published: nobody outside Bristol sees it meanwhile.
      expect(await getMaterial(hub.services, anonymous, id)).toBeUndefined();
      expect(await openVersionDownload(hub.services, anonymous, id, 1)).toBeUndefined();
      await checkThenPublish(hub.services, sam.viewer, id);

      const material = await getMaterial(hub.services, anonymous, id);
      expect(material?.file).toMatchObject({ versionNumber: 2, fileName: 'Consent form.docx', format: 'docx' });
      expect(sha256(await bytesOf(await openDownload(hub.services, anonymous, id)))).toBe(sha256(docx));
      expect(sha256(await bytesOf(await openVersionDownload(hub.services, anonymous, id, 1)))).toBe(sha256(pdf));
      expect(sha256(await bytesOf(await openVersionDownload(hub.services, anonymous, id, '2')))).toBe(sha256(docx));
      expect(await openVersionDownload(hub.services, anonymous, id, 3)).toBeUndefined();
      for (const odd of ['0', '-1', '1.0', '01', '1e0', 'x', '']) {
        expect(await openVersionDownload(hub.services, anonymous, id, odd)).toBeUndefined();
      }

      const [version2] = await hub.services.db
        .select()
        .from(materialVersions)
        .where(and(eq(materialVersions.materialId, id), eq(materialVersions.versionNumber, 2)));
      expect(version2).toMatchObject({ changeNote: 'Now a Word document with the new questions', createdBy: sam.id });

      const versions = await listMaterialVersions(hub.services, anonymous, id);
      expect(versions).toEqual([
        expect.objectContaining({
          versionNumber: 2,
          fileName: 'Consent form.docx',
          format: 'docx',
          sizeBytes: docx.length,
          uploadedBy: 'Sam Jones, Bristol City Council',
          changeNote: 'Now a Word document with the new questions',
          isCurrent: true,
        }),
        expect.objectContaining({ versionNumber: 1, fileName: 'Consent form.pdf', format: 'pdf', sizeBytes: pdf.length, isCurrent: false }),
      ]);
      const asJson = JSON.stringify(versions);
      expect(asJson).not.toContain(sam.email);
      expect(asJson).not.toContain('materials/'); // no storage keys

      const events = await eventsFor(id);
      expect(events.map((e) => e.action).slice(-2)).toEqual(['material.file_replaced', 'material.published']);
      expect(events.at(-2)).toMatchObject({
        action: 'material.file_replaced',
        before: { versionNumber: 1, fileName: 'Consent form.pdf', sha256: sha256(pdf) },
        after: { versionNumber: 2, fileName: 'Consent form.docx', sha256: sha256(docx), changeNote: 'Now a Word document with the new questions' },
      });
      expect(await counts()).toMatchObject({ materials: 1, versions: 2, pending: 0, objects: 2 });
    });

    it('old versions inherit the material’s permissions', async () => {
      const id = await share('organisation');
      await replaceMaterialFile(hub.services, sam.viewer, id, { fields: { changeNote: 'Fixed typos' }, file: textFile('guide.txt', 'Version two') });
      const leedsMember = (await person(hub, { organisation: leeds })).viewer;
      expect(await openVersionDownload(hub.services, leedsMember, id, 1)).toBeUndefined();
      expect((await refusal(() => listMaterialVersions(hub.services, leedsMember, id))).code).toBe('not_found');
      expect((await bytesOf(await openVersionDownload(hub.services, sam.viewer, id, 1))).toString()).toBe('Version one');

      await withdrawMaterial(hub.services, sam.viewer, id, { reason: 'Out of date' });
      await updateMaterial(hub.services, sam.viewer, id, { ...answers, visibility: 'public' });
      expect(await openVersionDownload(hub.services, anonymous, id, 1)).toBeUndefined(); // withdrawn
      expect((await bytesOf(await openVersionDownload(hub.services, sam.viewer, id, 1))).toString()).toBe('Version one');
    });

    it.each([
      ['an HTML page named .pdf', 'report.pdf', '<!doctype html><script>alert(1)</script>', 'its contents are not a PDF'],
      ['an SVG named .md', 'picture.md', '<?xml version="1.0"?><svg onload="alert(1)"></svg>', 'web page or SVG'],
      ['an empty file', 'empty.txt', '', 'The selected file is empty'],
    ])('refuses %s: no new version, no new stored file', async (_case, fileName, content, reason) => {
      const id = await share();
      const before = await counts();
      const errors = await fieldErrorsOf(
        replaceMaterialFile(hub.services, sam.viewer, id, { fields: { changeNote: 'New version' }, file: textFile(fileName, content) }),
      );
      expect(errors.file).toContain(reason);
      expect(await counts()).toEqual(before);
      expect((await getMaterial(hub.services, anonymous, id))?.file.versionNumber).toBe(1);
    });

    it('asks for a change note and a file, storing nothing', async () => {
      const id = await share();
      const before = await counts();
      expect(
        await fieldErrorsOf(replaceMaterialFile(hub.services, sam.viewer, id, { fields: { changeNote: ' ' }, file: textFile('guide.txt', 'Fine') })),
      ).toEqual({ changeNote: 'Enter what has changed' });
      expect(await fieldErrorsOf(replaceMaterialFile(hub.services, sam.viewer, id, { fields: { changeNote: 'x'.repeat(501) }, file: undefined }))).toEqual({
        changeNote: 'What has changed must be 500 characters or fewer',
        file: 'Select a file',
      });
      expect(await counts()).toEqual(before);
    });

    it('refuses one byte over the size limit, storing nothing', async () => {
      const id = await share();
      hub.services.maxUploadBytes = 100;
      const before = await counts();
      const errors = await fieldErrorsOf(
        replaceMaterialFile(hub.services, sam.viewer, id, { fields: { changeNote: 'Bigger' }, file: textFile('guide.txt', 'a'.repeat(101)) }),
      );
      expect(errors.file).toBe('The selected file must be smaller than 100 bytes');
      expect(await counts()).toEqual(before);
      await replaceMaterialFile(hub.services, sam.viewer, id, { fields: { changeNote: 'At the limit' }, file: textFile('guide.txt', 'a'.repeat(100)) });
    });

    it('leaves no file behind when the database fails while recording the version', async () => {
      const id = await share();
      const before = await counts();
      await hub.services.db.execute(sql`
        CREATE FUNCTION refuse_versions() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql`);
      await hub.services.db.execute(sql`
        CREATE TRIGGER refuse_versions BEFORE INSERT ON material_versions FOR EACH ROW EXECUTE FUNCTION refuse_versions()`);
      const error = await refusal(() =>
        replaceMaterialFile(hub.services, sam.viewer, id, { fields: { changeNote: 'New' }, file: textFile('guide.txt', 'Version two') }),
      );
      expect(error.code).toBe('database_unavailable');
      expect(error.message).not.toContain('disk full');
      expect(await counts()).toEqual(before);
    });

    it('writes no row when storage fails', async () => {
      const id = await share();
      const before = await counts();
      const real = hub.services.storage;
      hub.services.storage = { ...bind(real), put: () => Promise.reject(new Error('connection refused')) };
      const error = await refusal(() =>
        replaceMaterialFile(hub.services, sam.viewer, id, { fields: { changeNote: 'New' }, file: textFile('guide.txt', 'Version two') }),
      );
      expect(error.code).toBe('storage_unavailable');
      hub.services.storage = real;
      expect(await counts()).toEqual(before);
    });

    it('stores nothing for a viewer who may not change the material, even with a valid file', async () => {
      const id = await share('public');
      const leedsMember = (await person(hub, { organisation: leeds })).viewer;
      const before = await counts();
      expect((await refusal(() => replaceMaterialFile(hub.services, leedsMember, id, { fields: { changeNote: 'Mine now' }, file: textFile('guide.txt', 'Hijacked') }))).code).toBe('forbidden');
      expect((await refusal(() => replaceMaterialFile(hub.services, anonymous, id, { fields: { changeNote: 'Mine now' }, file: textFile('guide.txt', 'Hijacked') }))).code).toBe('forbidden');
      expect(await counts()).toEqual(before);
    });
  });

  describe('withdrawing and restoring', () => {
    it('withdraw hides the material from search and from people outside the council; restore brings it back', async () => {
      const id = await share('public');
      const leedsMember = (await person(hub, { organisation: leeds })).viewer;
      const orgAdmin = (await person(hub, { organisation: bristol, role: 'org_admin' })).viewer;
      expect(await searchTitles(anonymous)).toEqual([answers.title]);

      const withdrawn = await withdrawMaterial(hub.services, sam.viewer, id, { reason: '  Replaced by the 2027 guide ' });
      expect(withdrawn).toMatchObject({ status: 'withdrawn', reason: 'Replaced by the 2027 guide' });

      for (const viewer of [anonymous, leedsMember, sam.viewer, orgAdmin, admin]) {
        expect(await searchTitles(viewer)).toEqual([]); // out of search for everyone, even its own council
      }
      for (const viewer of [anonymous, leedsMember]) {
        expect(await getMaterial(hub.services, viewer, id)).toBeUndefined();
        expect(await openDownload(hub.services, viewer, id)).toBeUndefined();
        expect(await openVersionDownload(hub.services, viewer, id, 1)).toBeUndefined();
      }
      for (const viewer of [sam.viewer, orgAdmin, admin]) {
        const page = await getMaterial(hub.services, viewer, id);
        expect(page).toMatchObject({ status: 'withdrawn', withdrawn: { reason: 'Replaced by the 2027 guide' }, permissions: { canChange: true } });
        expect((await bytesOf(await openDownload(hub.services, viewer, id))).toString()).toBe('Version one');
      }

      const [row] = await hub.services.db.select().from(materials).where(eq(materials.id, id));
      expect(row).toMatchObject({ status: 'withdrawn', withdrawnReason: 'Replaced by the 2027 guide' });
      expect(row!.withdrawnAt).toBeInstanceOf(Date);

      await restoreMaterial(hub.services, orgAdmin, id);
      expect(await searchTitles(anonymous)).toEqual([answers.title]);
      expect(await getMaterial(hub.services, leedsMember, id)).toMatchObject({ status: 'published', withdrawn: null });
      const [restored] = await hub.services.db.select().from(materials).where(eq(materials.id, id));
      expect(restored).toMatchObject({ status: 'published', withdrawnReason: null, withdrawnAt: null, visibility: 'public' });

      const events = await eventsFor(id);
      expect(events.map((e) => e.action)).toEqual(['material.created', 'material.published', 'material.withdrawn', 'material.restored']);
      expect(events[2]).toMatchObject({ before: { status: 'published' }, after: { status: 'withdrawn', withdrawnReason: 'Replaced by the 2027 guide' } });
      expect(events[3]).toMatchObject({ before: { status: 'withdrawn', withdrawnReason: 'Replaced by the 2027 guide' }, after: { status: 'published' } });
    });

    it('needs a reason of 500 characters or fewer', async () => {
      const id = await share();
      expect(await fieldErrorsOf(withdrawMaterial(hub.services, sam.viewer, id, { reason: '   ' }))).toEqual({
        reason: 'Enter why you are withdrawing this material',
      });
      expect(await fieldErrorsOf(withdrawMaterial(hub.services, sam.viewer, id, {}))).toEqual({
        reason: 'Enter why you are withdrawing this material',
      });
      expect(await fieldErrorsOf(withdrawMaterial(hub.services, sam.viewer, id, { reason: 'x'.repeat(501) }))).toEqual({
        reason: 'Reason must be 500 characters or fewer',
      });
      expect((await getMaterial(hub.services, anonymous, id))?.status).toBe('published');
      await withdrawMaterial(hub.services, sam.viewer, id, { reason: 'x'.repeat(500) });
      expect(await getMaterial(hub.services, anonymous, id)).toBeUndefined();
    });

    it('withdrawing twice keeps the first reason and writes one event', async () => {
      const id = await share();
      await withdrawMaterial(hub.services, sam.viewer, id, { reason: 'First' });
      expect(await withdrawMaterial(hub.services, sam.viewer, id, { reason: 'Second' })).toMatchObject({ reason: 'First' });
      expect((await eventsFor(id)).filter((e) => e.action === 'material.withdrawn').length).toBe(1);
    });
  });

  describe('deleting for good', () => {
    it('removes the row, every version, every stored file and the search entry; later downloads 404', async () => {
      const id = await share('public');
      await replaceMaterialFile(hub.services, sam.viewer, id, { fields: { changeNote: 'Two' }, file: textFile('guide.txt', 'Version two') });
      await replaceMaterialFile(hub.services, sam.viewer, id, { fields: { changeNote: 'Three' }, file: textFile('guide.txt', 'Version three') });
      const other = await share('public', textFile('other.txt', 'Another material'));
      expect(await counts()).toMatchObject({ materials: 2, versions: 4, objects: 4 });
      const otherKey = (await hub.services.db.select().from(materialVersions).where(eq(materialVersions.materialId, other)))[0]!.storageKey;

      const deleted = await deleteMaterial(hub.services, admin, id);
      expect(deleted).toMatchObject({ id, title: answers.title, versionsDeleted: 3, filesDeferred: 0 });

      expect(await counts()).toMatchObject({ materials: 1, versions: 1, pending: 0, objects: 1 });
      expect(await storedKeys(hub.services.storage)).toEqual([otherKey]);
      expect(await getMaterial(hub.services, admin, id)).toBeUndefined();
      expect(await openDownload(hub.services, admin, id)).toBeUndefined();
      expect(await openVersionDownload(hub.services, admin, id, 1)).toBeUndefined();
      expect(await searchTitles(admin)).toEqual([answers.title]); // only the other material
      expect((await refusal(() => deleteMaterial(hub.services, admin, id))).code).toBe('not_found');

      const [event] = (await eventsFor(id)).filter((e) => e.action === 'material.deleted');
      expect(event).toMatchObject({
        actorLabel: 'Ada Admin',
        organisationId: bristol.id,
        before: { title: answers.title, versions: [{ versionNumber: 1 }, { versionNumber: 2 }, { versionNumber: 3 }] },
        after: null,
      });
    });

    it('when storage fails, the files are left to the sweeper, which deletes them', async () => {
      const id = await share();
      await replaceMaterialFile(hub.services, sam.viewer, id, { fields: { changeNote: 'Two' }, file: textFile('guide.txt', 'Version two') });
      const real = hub.services.storage;
      hub.services.storage = { ...bind(real), delete: () => Promise.reject(new Error('connection refused')) };

      const deleted = await deleteMaterial(hub.services, admin, id);
      expect(deleted.filesDeferred).toBe(2);
      hub.services.storage = real;
      expect(await counts()).toMatchObject({ materials: 0, versions: 0, pending: 2, objects: 2 });

      // The pending keys are recent: the sweeper leaves them for six hours, then deletes the files.
      expect(await sweepPendingUploads(hub.services)).toBe(0);
      expect(await sweepPendingUploads(hub.services, -1000)).toBe(2);
      expect(await counts()).toMatchObject({ pending: 0, objects: 0 });
    });

    it('changes nothing when the database refuses the delete', async () => {
      const id = await share();
      const before = await counts();
      await hub.services.db.execute(sql`
        CREATE FUNCTION refuse_deletes() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'read only'; END $$ LANGUAGE plpgsql`);
      await hub.services.db.execute(sql`
        CREATE TRIGGER refuse_deletes BEFORE DELETE ON materials FOR EACH ROW EXECUTE FUNCTION refuse_deletes()`);
      await expect(deleteMaterial(hub.services, admin, id)).rejects.toThrow();
      expect(await counts()).toEqual(before);
      expect(await hub.services.db.select().from(pendingUploads)).toEqual([]);
    });

    it('members and organisation admins of the owning council may not delete', async () => {
      const id = await share();
      const orgAdmin = (await person(hub, { organisation: bristol, role: 'org_admin' })).viewer;
      for (const viewer of [sam.viewer, orgAdmin]) {
        const error = await refusal(() => deleteMaterial(hub.services, viewer, id));
        expect(error.code).toBe('forbidden');
      }
      expect(await counts()).toMatchObject({ materials: 1, objects: 1 });
    });
  });

  describe('revocation takes effect on the very next call', () => {
    it('a member who moves to another council, or leaves, is refused at once', async () => {
      const id = await share('organisation');
      await updateMaterial(hub.services, sam.viewer, id, { ...answers, visibility: 'organisation', title: 'Still mine' });

      // Sam moves to Leeds: the next viewer built from the database says so.
      await hub.services.db.update(users).set({ organisationId: leeds.id }).where(eq(users.id, sam.id));
      const moved = await liveViewer(hub, sam.id);
      expect(moved.kind === 'user' && moved.organisation?.slug).toBe('leeds');
      expect((await refusal(() => updateMaterial(hub.services, moved, id, { ...answers, visibility: 'organisation' }))).code).toBe('not_found');
      expect((await refusal(() => withdrawMaterial(hub.services, moved, id, { reason: 'Because' }))).code).toBe('not_found');
      expect(await getMaterial(hub.services, moved, id)).toBeUndefined();
      expect(await openDownload(hub.services, moved, id)).toBeUndefined();

      // The material is made public: Sam (now in Leeds) can see it but not change it.
      await updateMaterial(hub.services, admin, id, { ...answers, visibility: 'public' });
      expect((await refusal(() => updateMaterial(hub.services, moved, id, answers))).code).toBe('forbidden');

      // Sam leaves every organisation.
      await hub.services.db.update(users).set({ organisationId: null }).where(eq(users.id, sam.id));
      const left = await liveViewer(hub, sam.id);
      expect((await refusal(() => replaceMaterialFile(hub.services, left, id, { fields: { changeNote: 'x' }, file: textFile('a.txt', 'x') }))).code).toBe('forbidden');

      // A site admin whose flag is removed is refused too.
      const adminRow = await person(hub, { isSiteAdmin: true });
      await hub.services.db.update(users).set({ isSiteAdmin: false }).where(eq(users.id, adminRow.id));
      const formerAdmin = await liveViewer(hub, adminRow.id);
      expect((await refusal(() => deleteMaterial(hub.services, formerAdmin, id))).code).toBe('forbidden');
      expect(await counts()).toMatchObject({ materials: 1 });
    });
  });
});

/** A store's methods, bound, so a test can replace one of them. */
function bind(store: BlobStore): BlobStore {
  return {
    driver: store.driver,
    put: store.put.bind(store),
    get: store.get.bind(store),
    delete: store.delete.bind(store),
    exists: store.exists.bind(store),
    listKeys: store.listKeys.bind(store),
    listObjects: store.listObjects.bind(store),
    presignedDownloadUrl: store.presignedDownloadUrl.bind(store),
  };
}
