import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { licenceTerms, licencesWithTerms } from '@/lib/auth/licence-terms';
import { anonymous, type Viewer, type Visibility } from '@/lib/auth/viewer';
import { auditEvents, materials } from '@/lib/db/schema';
import { checkThenPublish } from '@/lib/file-checks/testing/publish-after-check';
import { createMaterial } from '@/lib/materials/create-material';
import { deleteMaterial } from '@/lib/materials/delete-material';
import { withdrawMaterial } from '@/lib/materials/withdraw-material';
import { council, outcomeOf, person, refusal, type Council } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { vocabularies } from '@/lib/taxonomy/vocabularies';
import { getMaterialLineage } from './get-lineage';

const answers = {
  summary: 'Questions we asked residents.',
  phases: ['discovery'],
  artefactType: 'discussion-guide',
  kind: 'template',
  topics: [],
  tags: 'interviews',
};

describe('licence terms', () => {
  it('describe every licence in the vocabulary, and refuse adaptations of one not described', () => {
    for (const licence of vocabularies().licences) expect(licencesWithTerms).toContain(licence.spdx);
    expect(licenceTerms('LicenseRef-ask-owner').allowsDerivatives).toBe(false);
    expect(licenceTerms('Some-New-Licence').allowsDerivatives).toBe(false);
    expect(licenceTerms('OGL-UK-3.0')).toMatchObject({ allowsDerivatives: true, requiresAttribution: true });
    expect(licenceTerms('CC0-1.0').requiresAttribution).toBe(false);
    expect(licenceTerms('CC-BY-SA-4.0').shareAlike).toBe(true);
  });
});

describe.each(testDrivers)('adapt this for my council, on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let leeds: Council;
  let owner: Viewer;
  let leedsMember: Viewer;
  let noCouncil: Viewer;
  let siteAdmin: Viewer;

  beforeEach(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
    owner = (await person(hub, { organisation: bristol })).viewer;
    leedsMember = (await person(hub, { organisation: leeds })).viewer;
    noCouncil = (await person(hub, { organisation: null })).viewer;
    siteAdmin = (await person(hub, { isSiteAdmin: true })).viewer;
  });
  afterEach(async () => hub.close());

  const file = (text: string) => ({ fileName: 'guide.txt', stream: Readable.from([Buffer.from(`${text}\nWhat do you think of bin collections?\n`)]) });

  async function share(by: Viewer, title: string, options: { visibility?: Visibility; licence?: string; publish?: boolean } = {}): Promise<string> {
    const { id } = await createMaterial(hub.services, {
      actor: by,
      fields: { ...answers, title, visibility: options.visibility ?? 'public', licence: options.licence ?? 'OGL-UK-3.0' },
      file: file(title),
    });
    if (options.publish ?? true) await checkThenPublish(hub.services, by, id);
    return id;
  }

  async function adapt(by: Viewer, source: string, title: string, options: { visibility?: Visibility; licence?: string; publish?: boolean } = {}) {
    const { id } = await createMaterial(hub.services, {
      actor: by,
      fields: { ...answers, title, visibility: options.visibility ?? 'public', licence: options.licence ?? 'OGL-UK-3.0' },
      file: file(`${title} (adapted)`),
      adaptedFrom: source,
    });
    if (options.publish ?? true) await checkThenPublish(hub.services, by, id);
    return id;
  }

  it('a member of another council adapts a material: a draft of their own, recorded as adapted from it, and each page shows the other', async () => {
    const original = await share(owner, 'Bin collections discussion guide');
    const adaptation = await adapt(leedsMember, original, 'Leeds bin collections guide', { publish: false });
    const [row] = await hub.services.db.select().from(materials).where(eq(materials.id, adaptation));
    expect(row).toMatchObject({ adaptedFromMaterialId: original, organisationId: leeds.id, status: 'draft' });
    const [audit] = await hub.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, adaptation));
    expect(audit?.after).toMatchObject({ adaptedFrom: original });

    // A draft adaptation is not listed on the original, even for its own council.
    expect((await getMaterialLineage(hub.services, leedsMember, original)).adaptedBy).toEqual([]);
    await checkThenPublish(hub.services, leedsMember, adaptation);

    const onOriginal = await getMaterialLineage(hub.services, anonymous, original);
    expect(onOriginal.adaptedBy).toEqual([{ id: adaptation, title: 'Leeds bin collections guide', council: { slug: 'leeds', name: leeds.name } }]);
    expect(onOriginal.adaptedFrom).toBeNull();
    const onAdaptation = await getMaterialLineage(hub.services, anonymous, adaptation);
    expect(onAdaptation.adaptedFrom).toMatchObject({
      id: original,
      title: 'Bin collections discussion guide',
      council: { slug: 'bristol', name: bristol.name },
      isPublic: true,
      attribution: `Contains public sector information from ${bristol.name} licensed under the Open Government Licence v3.0.`,
    });
  });

  it('a council may adapt its own material, and a site admin any', async () => {
    const original = await share(owner, 'Consent form');
    expect(await outcomeOf(() => adapt(owner, original, 'Consent form for young people'))).toBe('allowed');
    expect(await outcomeOf(() => adapt(siteAdmin, original, 'Consent form, short'))).toBe('allowed');
  });

  it('refuses a licence that does not allow changed versions, and says why', async () => {
    const closed = await share(owner, 'Closed guide', { licence: 'LicenseRef-ask-owner' });
    const error = await refusal(() => adapt(leedsMember, closed, 'Our closed guide'));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/licence/i);
    expect((await getMaterialLineage(hub.services, leedsMember, closed)).adapt).toBe('licence');
    expect(await hub.services.db.select().from(materials).where(eq(materials.adaptedFromMaterialId, closed))).toEqual([]);
  });

  it('asks a share-alike adaptation for the same licence', async () => {
    const shareAlike = await share(owner, 'Shared-alike guide', { licence: 'CC-BY-SA-4.0' });
    const error = await refusal(() => adapt(leedsMember, shareAlike, 'Ours', { licence: 'OGL-UK-3.0' }));
    expect(error.code).toBe('validation');
    expect(error.fieldErrors.map((e) => e.field)).toContain('licence');
    expect(await outcomeOf(() => adapt(leedsMember, shareAlike, 'Ours', { licence: 'CC-BY-SA-4.0' }))).toBe('allowed');
  });

  it('refuses someone signed out or in no council, and a material the adapter may not see, a draft or a withdrawn one, as not found', async () => {
    const open = await share(owner, 'Open guide');
    const bristolOnly = await share(owner, 'Bristol only guide', { visibility: 'organisation' });
    const draft = await share(owner, 'Draft guide', { publish: false });
    const withdrawn = await share(owner, 'Withdrawn guide');
    await withdrawMaterial(hub.services, owner, withdrawn, { reason: 'Out of date' });

    expect((await refusal(() => adapt(anonymous, open, 'x'))).code).toBe('unauthenticated');
    expect(await outcomeOf(() => adapt(noCouncil, open, 'x'))).toBe('forbidden');
    for (const id of [bristolOnly, draft, withdrawn, '00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      expect(await outcomeOf(() => adapt(leedsMember, id, 'x'))).toBe('not_found');
    }
    // Even its own council cannot adapt a draft or a withdrawn material: it is not there to be reused.
    expect(await outcomeOf(() => adapt(owner, draft, 'x'))).toBe('not_found');
    expect((await getMaterialLineage(hub.services, anonymous, open)).adapt).toBe('sign-in');
    expect((await getMaterialLineage(hub.services, noCouncil, open)).adapt).toBe('join-first');
    expect((await getMaterialLineage(hub.services, leedsMember, open)).adapt).toBe('allowed');
    expect(await hub.services.db.select().from(materials).where(eq(materials.title, 'x'))).toEqual([]);
  });

  it('shows each side of a lineage only to those who may see it', async () => {
    const bristolOnly = await share(owner, 'Bristol only guide', { visibility: 'organisation' });
    const adaptation = await adapt(owner, bristolOnly, 'Bristol public version');
    const leedsOnly = await adapt(leedsMember, adaptation, 'Leeds own version', { visibility: 'organisation' });

    // The public adaptation's source is Bristol's own: others learn only that it is an adaptation.
    expect((await getMaterialLineage(hub.services, leedsMember, adaptation)).adaptedFrom).toBe('not-shown');
    expect((await getMaterialLineage(hub.services, anonymous, adaptation)).adaptedFrom).toBe('not-shown');
    expect((await getMaterialLineage(hub.services, owner, adaptation)).adaptedFrom).toMatchObject({ id: bristolOnly, isPublic: false });
    // Leeds's own adaptation is listed for Leeds and site admins, not for Bristol or anyone signed out.
    const adaptedBy = async (viewer: Viewer) => (await getMaterialLineage(hub.services, viewer, adaptation)).adaptedBy.map((a) => a.id);
    expect(await adaptedBy(leedsMember)).toEqual([leedsOnly]);
    expect(await adaptedBy(siteAdmin)).toEqual([leedsOnly]);
    expect(await adaptedBy(owner)).toEqual([]);
    expect(await adaptedBy(anonymous)).toEqual([]);
    // The lineage of a material the viewer may not see is not found.
    expect(await outcomeOf(() => getMaterialLineage(hub.services, leedsMember, bristolOnly))).toBe('not_found');
  });

  it('a withdrawn adaptation leaves the list; a source deleted for good leaves the adaptation standing alone', async () => {
    const original = await share(owner, 'Bin collections discussion guide');
    const adaptation = await adapt(leedsMember, original, 'Leeds version');
    await withdrawMaterial(hub.services, leedsMember, adaptation, { reason: 'Replaced' });
    expect((await getMaterialLineage(hub.services, leedsMember, original)).adaptedBy).toEqual([]);

    const second = await adapt(leedsMember, original, 'Leeds second version');
    await deleteMaterial(hub.services, siteAdmin, original);
    const [row] = await hub.services.db.select().from(materials).where(eq(materials.id, second));
    expect(row?.adaptedFromMaterialId).toBeNull();
    expect((await getMaterialLineage(hub.services, anonymous, second)).adaptedFrom).toBeNull();
  });
});
