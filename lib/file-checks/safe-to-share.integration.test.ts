import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anonymous } from '@/lib/auth/viewer';
import { plantedDocx } from '@/lib/checks/testing/planted-docx';
import { decideConcern } from '@/lib/concerns/decide-concern';
import { getConcern, listConcernQueue, listMyConcerns } from '@/lib/concerns/list-concerns';
import { raiseConcern } from '@/lib/concerns/raise-concern';
import { auditEvents, materials, materialVersions, organisations } from '@/lib/db/schema';
import { ValidationError } from '@/lib/errors';
import { importFolder } from '@/lib/import/import-folder';
import { createMaterial } from '@/lib/materials/create-material';
import { getMaterial } from '@/lib/materials/get-material';
import { listMaterialVersions } from '@/lib/materials/list-material-versions';
import { openDownload, openVersionDownload } from '@/lib/materials/open-download';
import { council, person, refusal, type Council, type Person } from '@/lib/organisations/testing/fixtures';
import { searchMaterials } from '@/lib/search';
import { emptySearchQuery } from '@/lib/search/search-params';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { acceptSuggestedTags } from './accept-suggested-tags';
import { checkPendingVersions, checkSoon } from './check-version';
import { cleanMaterialFile } from './clean-material-file';
import { getMaterialCheck } from './get-material-check';
import { publishMaterial } from './publish-material';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const answers = {
  title: 'Parking permit interview notes',
  summary: 'Notes from interviews about parking permits.',
  phases: ['discovery'],
  artefactType: 'research-findings',
  kind: 'example',
  topics: [],
  tags: 'interviews',
  licence: 'OGL-UK-3.0',
  visibility: 'public',
};
const planted = 'Interview notes\nP3 (Jane): I would rather you rang my mobile, 07981 123456.\n';
const file = (fileName: string, bytes: Buffer | string) => ({ fileName, stream: Readable.from([Buffer.from(bytes)]) });

describe.each(testDrivers)('safe to share on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let leeds: Council;
  let sam: Person; // a member of Bristol, who shares
  let bristolAdmin: Person;
  let leedsMember: Person;
  let leedsAdmin: Person;
  let siteAdmin: Person;
  let mail: { to: string[]; subject: string; text: string }[];

  beforeEach(async () => {
    hub = await createTestHub(driver);
    mail = [];
    hub.services.mail = { hubUrl: 'http://hub.test', send: async (message) => void mail.push(message) };
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
    sam = await person(hub, { organisation: bristol, name: 'Sam Jones' });
    bristolAdmin = await person(hub, { organisation: bristol, role: 'org_admin', name: 'Bea Admin' });
    leedsMember = await person(hub, { organisation: leeds, name: 'Lee Reporter' });
    leedsAdmin = await person(hub, { organisation: leeds, role: 'org_admin', name: 'Lou Admin' });
    siteAdmin = await person(hub, { isSiteAdmin: true, name: 'Ada Admin' });
  });
  afterEach(async () => hub.close());

  const titlesFound = async (viewer: Person['viewer'] | typeof anonymous) =>
    (await searchMaterials(hub.services, viewer, { ...emptySearchQuery(), text: 'parking permit' })).hits.map((h) => h.title);

  async function share(f = file('notes.txt', planted)) {
    return createMaterial(hub.services, { actor: sam.viewer, fields: answers, file: f });
  }

  it('an upload is a draft only its council sees until its uploader has seen the check and published it', async () => {
    const { id } = await share();
    expect((await getMaterial(hub.services, sam.viewer, id))?.status).toBe('draft');
    // Outside Bristol, a draft does not exist: page, download, search, check.
    for (const viewer of [anonymous, leedsMember.viewer, leedsAdmin.viewer]) {
      expect(await getMaterial(hub.services, viewer, id)).toBeUndefined();
      expect(await openDownload(hub.services, viewer, id)).toBeUndefined();
      expect(await titlesFound(viewer)).toEqual([]);
      expect(await getMaterialCheck(hub.services, viewer, id)).toBeUndefined();
    }
    expect(await titlesFound(siteAdmin.viewer)).toEqual([]); // search and lists: published only, for everyone

    // Before the check has run, publishing waits.
    expect((await refusal(() => publishMaterial(hub.services, sam.viewer, id, { reason: 'Fine' }))).code).toBe('validation');
    await checkPendingVersions(hub.services);

    const check = (await getMaterialCheck(hub.services, sam.viewer, id))!;
    expect(check.checkStatus).toBe('checked');
    expect(check.findings[0]).toMatchObject({ kind: 'phone-number', likelihood: 'likely', where: 'line 2' });
    expect(check.findings[0]!.excerpt).not.toContain('123456');
    expect(check.needs.kind).toBe('reason');
    expect(await getMaterialCheck(hub.services, siteAdmin.viewer, id)).toBeDefined();
    expect(await getMaterialCheck(hub.services, bristolAdmin.viewer, id)).toBeDefined();

    // Leeds cannot publish it; Bristol must give a reason.
    expect((await refusal(() => publishMaterial(hub.services, leedsAdmin.viewer, id, { reason: 'x' }))).code).toBe('not_found');
    const error = await refusal(() => publishMaterial(hub.services, sam.viewer, id, {}));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual([{ field: 'reason', message: 'Enter why it is right to publish this file as it is' }]);

    await publishMaterial(hub.services, sam.viewer, id, { reason: 'The participant agreed to be called back' });
    expect(await titlesFound(anonymous)).toEqual([answers.title]);
    expect(await getMaterial(hub.services, leedsMember.viewer, id)).toBeDefined();
    // Findings stay Bristol's even once it is published.
    expect(await getMaterialCheck(hub.services, leedsMember.viewer, id)).toBeUndefined();

    const [event] = await hub.services.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, 'material.published_with_findings')));
    expect(event?.organisationId).toBe(bristol.id);
    expect(event?.after).toMatchObject({ reason: 'The participant agreed to be called back', findings: { 'phone-number': 1 } });
    expect(JSON.stringify(event)).not.toContain('07981');
  });

  it('checks at most two uploads at once in the request; the others go to the queue at once', async () => {
    const shared = [];
    for (const n of [1, 2, 3]) {
      const { id } = await createMaterial(hub.services, { actor: sam.viewer, fields: { ...answers, title: `Notes ${n}` }, file: file(`notes-${n}.txt`, `Interview notes ${n}`) });
      const [version] = await hub.services.db.select().from(materialVersions).where(eq(materialVersions.materialId, id));
      shared.push(version!);
    }
    // A store whose reads wait for the test: the first two checks are held in the middle of reading.
    let letThrough!: () => void;
    const gate = new Promise<void>((resolve) => (letThrough = resolve));
    let reads = 0;
    const storage = Object.assign(Object.create(hub.services.storage) as typeof hub.services.storage, {
      get: async (key: string) => {
        reads += 1;
        await gate;
        return hub.services.storage.get(key);
      },
    });
    const queued: string[] = [];
    const services = { ...hub.services, storage, jobs: { extractText: async () => {}, makePreview: async () => {}, checkFile: async (ids: string[]) => void queued.push(...ids) } };

    const checking = shared.map((version) => checkSoon(services, { id: version.id, sizeBytes: version.sizeBytes }));
    await checking[2]; // the third returns without waiting: queued
    expect(queued).toEqual([shared[2]!.id]);
    letThrough();
    await Promise.all(checking);
    expect(reads).toBe(2);
    const statuses = await hub.services.db.select({ id: materialVersions.id, checkStatus: materialVersions.checkStatus }).from(materialVersions);
    const statusOf = (id: string) => statuses.find((each) => each.id === id)!.checkStatus;
    expect([statusOf(shared[0]!.id), statusOf(shared[1]!.id), statusOf(shared[2]!.id)]).toEqual(['checked', 'checked', 'pending']);
  });

  it('a file with nothing found publishes in one step, unless the council asks for the check to be acknowledged', async () => {
    const { id } = await share(file('guide.txt', 'Questions to ask about parking permits.\n'));
    await checkPendingVersions(hub.services);
    expect((await getMaterialCheck(hub.services, sam.viewer, id))?.needs).toEqual({ kind: 'clear' });
    await hub.services.db.update(organisations).set({ requireCheckAcknowledgement: true }).where(eq(organisations.id, bristol.id));
    const error = (await refusal(() => publishMaterial(hub.services, sam.viewer, id, {}))) as ValidationError;
    expect(error.fieldErrors).toEqual([{ field: 'acknowledged', message: 'Confirm you have read the check of this file' }]);
    await publishMaterial(hub.services, sam.viewer, id, { acknowledged: 'yes' });
    expect((await getMaterial(hub.services, anonymous, id))?.status).toBe('published');
  });

  it('a file that is not the format it claims is never published', async () => {
    const { id } = await share(file('report.pdf', '%PDF-1.7\n<html><body><script>alert(1)</script></body></html>\n%%EOF\n'));
    await checkPendingVersions(hub.services);
    const check = (await getMaterialCheck(hub.services, sam.viewer, id))!;
    expect(check.formatProblem).toBeTruthy();
    expect(check.needs.kind).toBe('blocked');
    expect((await refusal(() => publishMaterial(hub.services, siteAdmin.viewer, id, { reason: 'Publish it' }))).code).toBe('validation');
    expect(await getMaterial(hub.services, anonymous, id)).toBeUndefined();
  });

  it('cleaning makes a new version without the hidden content, checked again; the original stays the council’s', async () => {
    const { id } = await share(file('notes.docx', plantedDocx()));
    await checkPendingVersions(hub.services);
    const before = (await getMaterialCheck(hub.services, sam.viewer, id))!;
    expect(before.canClean).toBe(true);
    expect(before.findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['comment', 'tracked-change']));

    const cleaned = await cleanMaterialFile(hub.services, sam.viewer, id);
    expect(cleaned).toMatchObject({ versionNumber: 2, stillFound: 0 });
    expect(cleaned.removed.join(' ')).toMatch(/comment/);
    const after = (await getMaterialCheck(hub.services, sam.viewer, id))!;
    expect(after.file.versionNumber).toBe(2);
    expect(after.findings.map((f) => f.kind)).not.toEqual(expect.arrayContaining(['comment']));
    expect(after.findings.some((f) => f.kind === 'tracked-change' || f.kind === 'comment')).toBe(false);

    await publishMaterial(hub.services, sam.viewer, id, { reason: 'The mobile number is our service’s' });
    // Version 1 (with its comment) was never published: only Bristol and site admins see it.
    expect((await listMaterialVersions(hub.services, anonymous, id)).map((v) => v.versionNumber)).toEqual([2]);
    expect(await openVersionDownload(hub.services, leedsMember.viewer, id, 1)).toBeUndefined();
    expect(await openVersionDownload(hub.services, sam.viewer, id, 1)).toBeDefined();
    expect((await listMaterialVersions(hub.services, siteAdmin.viewer, id)).map((v) => v.versionNumber)).toEqual([2, 1]);
    const [v2] = await hub.services.db.select().from(materialVersions).where(and(eq(materialVersions.materialId, id), eq(materialVersions.versionNumber, 2)));
    expect(v2?.changeNote).toMatch(/^Cleaned by the hub: removed/);
  });

  it('suggested tags are added only when ticked, by those who may change the material', async () => {
    const { id } = await share(file('parking-permits-interview-guide.txt', 'Discussion guide\nQuestions about parking permits and parking fines.\n'));
    expect((await refusal(() => acceptSuggestedTags(hub.services, leedsMember.viewer, id, { phases: ['alpha'] }))).code).toBe('not_found');
    await acceptSuggestedTags(hub.services, sam.viewer, id, { artefactType: 'discussion-guide', phases: ['alpha'] });
    const [row] = await hub.services.db.select().from(materials).where(eq(materials.id, id));
    expect(row).toMatchObject({ artefactType: 'discussion-guide', phases: ['discovery', 'alpha'], topics: [] });
  });

  it('concerns: raised by anyone signed in, decided by the owning council’s admins, the reporter told, never named to the council', async () => {
    const { id } = await share(file('guide.txt', 'Questions to ask about parking permits.\n'));
    await checkPendingVersions(hub.services);
    await publishMaterial(hub.services, sam.viewer, id, {});

    expect((await refusal(() => raiseConcern(hub.services, anonymous, id, { reason: 'other' }))).code).toBe('unauthenticated');
    expect(((await refusal(() => raiseConcern(hub.services, leedsMember.viewer, id, { reason: 'other' }))) as ValidationError).fieldErrors).toEqual([
      { field: 'details', message: 'Enter what the concern is' },
    ]);
    const { id: concernId } = await raiseConcern(hub.services, leedsMember.viewer, id, { reason: 'personal-data', details: 'A resident’s phone number on page 2' });
    // Raised twice while open: one concern.
    expect((await raiseConcern(hub.services, leedsMember.viewer, id, { reason: 'personal-data' })).id).toBe(concernId);

    const bristolQueue = await listConcernQueue(hub.services, bristolAdmin.viewer);
    expect(bristolQueue).toMatchObject([{ id: concernId, reason: 'personal-data', status: 'open', reporter: null }]);
    expect(JSON.stringify(bristolQueue)).not.toMatch(/Lee Reporter|Leeds/);
    expect((await listConcernQueue(hub.services, siteAdmin.viewer))[0]?.reporter).toMatch(/Lee Reporter/);
    expect(await listConcernQueue(hub.services, leedsAdmin.viewer)).toEqual([]);
    expect(await listConcernQueue(hub.services, sam.viewer)).toEqual([]);
    expect(await getConcern(hub.services, leedsAdmin.viewer, concernId)).toBeUndefined();
    expect((await refusal(() => decideConcern(hub.services, leedsAdmin.viewer, concernId, { decision: 'hide' }))).code).toBe('not_found');
    expect((await refusal(() => decideConcern(hub.services, sam.viewer, concernId, { decision: 'hide' }))).code).toBe('not_found');
    // The audit log the council reads does not name the reporter.
    const councilLog = await hub.services.db.select().from(auditEvents).where(eq(auditEvents.organisationId, bristol.id));
    expect(JSON.stringify(councilLog)).not.toMatch(/Lee Reporter/);

    expect(((await refusal(() => decideConcern(hub.services, bristolAdmin.viewer, concernId, { decision: 'dismiss' }))) as ValidationError).fieldErrors).toEqual([
      { field: 'note', message: 'Enter why you are dismissing the concern' },
    ]);
    await decideConcern(hub.services, bristolAdmin.viewer, concernId, { decision: 'hide', note: 'Removed while we fix it' });
    expect(await getMaterial(hub.services, anonymous, id)).toBeUndefined();
    expect(await titlesFound(leedsMember.viewer)).toEqual([]);
    expect((await getMaterial(hub.services, sam.viewer, id))?.status).toBe('withdrawn');
    expect(await listMyConcerns(hub.services, leedsMember.viewer)).toMatchObject([{ id: concernId, status: 'hidden', outcomeNote: 'Removed while we fix it' }]);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: [leedsMember.email], subject: expect.stringContaining('material hidden') });
    expect(((await refusal(() => decideConcern(hub.services, bristolAdmin.viewer, concernId, { decision: 'dismiss', note: 'x' }))) as ValidationError).fieldErrors[0]?.message).toBe(
      'This concern has already been decided',
    );
  });

  it('concerns are limited to five an hour per person', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { id } = await createMaterial(hub.services, { actor: { kind: 'system', label: 'test' }, fields: { ...answers, title: `Material ${i}` }, file: file('a.txt', 'Plain words.\n') });
      ids.push(id);
    }
    for (const id of ids.slice(0, 5)) await raiseConcern(hub.services, leedsMember.viewer, id, { reason: 'broken-file' });
    const error = (await refusal(() => raiseConcern(hub.services, leedsMember.viewer, ids[5]!, { reason: 'broken-file' }))) as ValidationError;
    expect(error.fieldErrors[0]?.message).toMatch(/You have reported 5 concerns in the last hour/);
    // Someone else is not held back.
    await raiseConcern(hub.services, leedsAdmin.viewer, ids[5]!, { reason: 'broken-file' });
  });

  it('bulk import checks every file and publishes none with likely personal data unless told to', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-import-'));
    try {
      fs.writeFileSync(path.join(folder, 'clean.txt'), 'How to plan a discovery.\n');
      fs.writeFileSync(path.join(folder, 'notes.txt'), planted);
      fs.writeFileSync(
        path.join(folder, 'manifest.csv'),
        'file,title,artefact_type,phases,licence\nclean.txt,Planning a discovery,playbook,discovery,OGL-UK-3.0\nnotes.txt,Interview notes,research-findings,discovery,OGL-UK-3.0\n',
      );
      const report = await importFolder(hub.services, folder);
      const outcomes = Object.fromEntries(report.outcomes.map((o) => [o.file, o]));
      expect(outcomes['clean.txt']).toMatchObject({ status: 'imported', check: { published: true, likely: 0 } });
      expect(outcomes['notes.txt']).toMatchObject({ status: 'imported', check: { published: false, likely: 2 } });
      expect(report.warnings.map((w) => w.message).join('\n')).toMatch(/notes.txt" was imported as a draft/);

      const again = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-import-'));
      fs.writeFileSync(path.join(again, 'notes2.txt'), planted + 'More.\n');
      fs.writeFileSync(path.join(again, 'manifest.csv'), 'file,title,artefact_type,phases,licence\nnotes2.txt,Interview notes 2,research-findings,discovery,OGL-UK-3.0\n');
      const told = await importFolder(hub.services, again, { publishWithPersonalData: true });
      expect(told.outcomes[0]).toMatchObject({ status: 'imported', check: { published: true, likely: 2 } });
      fs.rmSync(again, { recursive: true, force: true });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
