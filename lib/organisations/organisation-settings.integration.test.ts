import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, organisations } from '@/lib/db/schema';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { addPublicBody, slugFrom } from './add-public-body';
import { changeMemberRole } from './change-member-role';
import { getOrganisation } from './get-organisation';
import { getOrganisationSettings } from './get-organisation-settings';
import { auditPageSize, listAuditEvents } from './list-audit-events';
import { listOrganisations } from './list-organisations';
import { council, person, refusal, type Council } from './testing/fixtures';
import { updateEmailDomains } from './update-email-domains';

describe.each(testDrivers)('email domains, public bodies and the audit log on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let leeds: Council;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
  });
  afterAll(async () => hub?.close());

  const storedDomains = async (id: string) =>
    (await hub.services.db.select({ d: organisations.emailDomains }).from(organisations).where(eq(organisations.id, id)))[0]!.d;

  describe('email domains', () => {
    it("start as a first guess from the council's homepage", async () => {
      expect(await storedDomains(bristol.id)).toEqual(['bristol.gov.uk']);
      const admin = await person(hub, { organisation: bristol, role: 'org_admin' });
      expect((await getOrganisationSettings(hub.services, admin.viewer, 'bristol')).emailDomains).toEqual(['bristol.gov.uk']);
    });

    it('are stored exactly as checked: lower-cased, deduplicated, a hostile-looking hostname kept whole, punycode allowed', async () => {
      const admin = await person(hub, { organisation: bristol, role: 'org_admin' });
      const result = await updateEmailDomains(hub.services, admin.viewer, 'bristol', {
        emailDomains: 'Bristol.gov.uk\nbristol.gov.uk.evil.com\n\nxn--bcher-kva.example\nBRISTOL.GOV.UK',
      });
      expect(result).toEqual({ emailDomains: ['bristol.gov.uk', 'bristol.gov.uk.evil.com', 'xn--bcher-kva.example'], changed: true });
      expect(await storedDomains(bristol.id)).toEqual(['bristol.gov.uk', 'bristol.gov.uk.evil.com', 'xn--bcher-kva.example']);

      const [event] = await hub.services.db.select().from(auditEvents).where(eq(auditEvents.action, 'organisation.email_domains_changed'));
      expect(event).toMatchObject({
        organisationId: bristol.id,
        subjectType: 'organisation',
        subjectId: bristol.id,
        before: { emailDomains: ['bristol.gov.uk'] },
        after: { emailDomains: ['bristol.gov.uk', 'bristol.gov.uk.evil.com', 'xn--bcher-kva.example'] },
      });

      // Saving the same list again changes nothing and logs nothing.
      const again = await updateEmailDomains(hub.services, admin.viewer, 'bristol', { emailDomains: ['bristol.gov.uk', 'bristol.gov.uk.evil.com', 'xn--bcher-kva.example'] });
      expect(again.changed).toBe(false);
      const events = await hub.services.db.select().from(auditEvents).where(eq(auditEvents.action, 'organisation.email_domains_changed'));
      expect(events).toHaveLength(1);
    });

    it.each([
      ['gmail.com', 'public email service'],
      ['bristol.gov.uk\noutlook.com', 'public email service'],
      ['bristol.gov.uk leeds.gov.uk', 'no spaces or commas'],
      ['bristol.gov.uk,bath.gov.uk', 'no spaces or commas'],
      ['bücher.example', 'xn--'],
    ])('refuses %j with a message on the field (%s), and keeps the old list', async (emailDomains, message) => {
      const admin = await person(hub, { organisation: bristol, role: 'org_admin' });
      const before = await storedDomains(bristol.id);
      const error = await refusal(() => updateEmailDomains(hub.services, admin.viewer, 'bristol', { emailDomains }));
      expect(error.code).toBe('validation');
      expect(error.fieldErrors).toEqual([{ field: 'emailDomains', message: expect.stringContaining(message) }]);
      expect(await storedDomains(bristol.id)).toEqual(before);
    });

    it("refuses another organisation's domain, so nobody draws another council's staff into theirs", async () => {
      const admin = await person(hub, { organisation: bristol, role: 'org_admin' });
      const error = await refusal(() => updateEmailDomains(hub.services, admin.viewer, 'bristol', { emailDomains: 'bristol.gov.uk\nleeds.gov.uk' }));
      expect(error.fieldErrors).toEqual([{ field: 'emailDomains', message: 'leeds.gov.uk is already used by Leeds City Council. Each domain can belong to one organisation' }]);
      expect(await storedDomains(leeds.id)).toEqual(['leeds.gov.uk']);
    });

    it('keeps a domain two councils already share (a first guess for a joint service)', async () => {
      const adur = await council(hub, 'adur');
      expect(await storedDomains(adur.id)).toEqual(['adur-worthing.gov.uk']);
      const admin = await person(hub, { organisation: adur, role: 'org_admin' });
      const result = await updateEmailDomains(hub.services, admin.viewer, 'adur', { emailDomains: 'adur-worthing.gov.uk\nadur.gov.uk' });
      expect(result.emailDomains).toEqual(['adur-worthing.gov.uk', 'adur.gov.uk']);
    });

    it('may be emptied', async () => {
      const york = await council(hub, 'york');
      const site = await person(hub, { isSiteAdmin: true });
      expect((await updateEmailDomains(hub.services, site.viewer, 'york', { emailDomains: '' })).emailDomains).toEqual([]);
      expect(await storedDomains(york.id)).toEqual([]);
    });

    it('refuses input that is not text', async () => {
      const site = await person(hub, { isSiteAdmin: true });
      for (const emailDomains of [undefined, 42, { a: 1 }, [1, 2]]) {
        expect((await refusal(() => updateEmailDomains(hub.services, site.viewer, 'bristol', { emailDomains }))).code).toBe('validation');
      }
    });
  });

  describe('public bodies', () => {
    it('a site admin adds one: a slug made from the name, type public-body, homepage and domains kept', async () => {
      const site = await person(hub, { isSiteAdmin: true, name: 'Site Admin' });
      const added = await addPublicBody(hub.services, site.viewer, {
        name: '  Local   Government Association ',
        homepageUrl: 'https://www.local.gov.uk/',
        emailDomains: 'Local.gov.uk',
      });
      expect(added).toEqual({ slug: 'local-government-association', name: 'Local Government Association', type: 'public-body' });
      const [row] = await hub.services.db.select().from(organisations).where(eq(organisations.slug, added.slug));
      expect(row).toMatchObject({ type: 'public-body', homepageUrl: 'https://www.local.gov.uk/', emailDomains: ['local.gov.uk'], gssCode: null });
      const [event] = await hub.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, row!.id));
      expect(event).toMatchObject({
        action: 'organisation.created',
        actorLabel: 'Site Admin',
        organisationId: row!.id,
        before: null,
        after: { name: 'Local Government Association', type: 'public-body', homepageUrl: 'https://www.local.gov.uk/', emailDomains: ['local.gov.uk'] },
      });

      const profile = await getOrganisation(hub.services, site.viewer, added.slug);
      expect(profile).toMatchObject({ type: 'public-body', publicMaterialCount: 0, canManage: true });
      expect((await listOrganisations(hub.services, site.viewer, { type: 'public-body' })).map((o) => o.slug)).toContain(added.slug);
    });

    it('a second body whose name makes the same slug gets its own', async () => {
      const site = await person(hub, { isSiteAdmin: true });
      const first = await addPublicBody(hub.services, site.viewer, { name: 'West of England Combined Authority' });
      const second = await addPublicBody(hub.services, site.viewer, { name: 'West of England Combined Authority!' });
      expect(first.slug).toBe('west-of-england-combined-authority');
      expect(second.slug).toBe('west-of-england-combined-authority-2');
    });

    it('refuses a name already taken (any case), a bad homepage and a webmail domain, each on its field', async () => {
      const site = await person(hub, { isSiteAdmin: true });
      expect((await refusal(() => addPublicBody(hub.services, site.viewer, { name: 'bristol city council' }))).fieldErrors).toEqual([
        { field: 'name', message: 'There is already an organisation called bristol city council' },
      ]);
      expect((await refusal(() => addPublicBody(hub.services, site.viewer, { name: '' }))).fieldErrors[0]?.field).toBe('name');
      for (const homepageUrl of ['javascript:alert(1)', 'www.example.com', 'ftp://example.com', 'https://user:pass@example.com']) {
        expect((await refusal(() => addPublicBody(hub.services, site.viewer, { name: 'Some Body', homepageUrl }))).fieldErrors[0]?.field).toBe('homepageUrl');
      }
      const webmail = await refusal(() => addPublicBody(hub.services, site.viewer, { name: 'Some Body', emailDomains: 'hotmail.com' }));
      expect(webmail.fieldErrors).toEqual([{ field: 'emailDomains', message: expect.stringContaining('public email service') }]);
      const taken = await refusal(() => addPublicBody(hub.services, site.viewer, { name: 'Some Body', emailDomains: 'leeds.gov.uk' }));
      expect(taken.fieldErrors[0]?.message).toContain('already used by Leeds City Council');
      expect((await listOrganisations(hub.services, site.viewer)).some((o) => o.name === 'Some Body')).toBe(false);
    });

    it('reports every problem at once', async () => {
      const site = await person(hub, { isSiteAdmin: true });
      const error = await refusal(() => addPublicBody(hub.services, site.viewer, { name: ' ', homepageUrl: 'nope', emailDomains: 'yahoo.com' }));
      expect(error.fieldErrors.map((e) => e.field)).toEqual(['name', 'homepageUrl', 'emailDomains']);
    });

    it('slugs are made of lower-case letters, digits and hyphens', () => {
      expect(slugFrom('Department for Levelling Up, Housing & Communities')).toBe('department-for-levelling-up-housing-and-communities');
      expect(slugFrom('Comhairle nan Eilean Siar — Ùr')).toBe('comhairle-nan-eilean-siar-ur');
      expect(slugFrom('!!!')).toBe('organisation');
    });
  });

  describe('listing organisations', () => {
    it('gives every council, by name, for pickers', async () => {
      const councils = await listOrganisations(hub.services, { kind: 'anonymous' }, { type: 'council' });
      expect(councils).toHaveLength(382);
      expect(councils.every((c) => c.type === 'council')).toBe(true);
      expect(councils[0]!.name).toMatch(/^A/);
      expect(councils.at(-1)!.name).toMatch(/^[W-Z]/);
      expect(Object.keys(councils[0]!).sort()).toEqual(['name', 'slug', 'type']);
    });
  });

  describe('the audit log', () => {
    it("an organisation's admins read its own events, newest first, a page at a time, readable", async () => {
      const wigan = await council(hub, 'wigan');
      const admin = await person(hub, { organisation: wigan, role: 'org_admin', name: 'Wigan Admin' });
      const member = await person(hub, { organisation: wigan, name: 'Pat Member' });
      for (let i = 0; i < auditPageSize + 2; i++) {
        await changeMemberRole(hub.services, admin.viewer, 'wigan', { userId: member.id, role: i % 2 === 0 ? 'org_admin' : 'member' });
      }
      const first = await listAuditEvents(hub.services, admin.viewer, { organisation: 'wigan' });
      expect(first).toMatchObject({ organisation: { slug: 'wigan' }, page: 1, pageCount: 2, total: auditPageSize + 2 });
      expect(first.events).toHaveLength(auditPageSize);
      const second = await listAuditEvents(hub.services, admin.viewer, { organisation: 'wigan', page: '2' });
      expect(second.events).toHaveLength(2);
      const oldest = second.events[1]!;
      expect(oldest).toMatchObject({
        actor: 'Wigan Admin, Wigan Metropolitan Borough Council',
        action: 'member.role_changed',
        actionLabel: 'Changed a member’s role',
        context: [{ label: 'Member', value: 'Pat Member' }],
        changes: [{ label: 'Role', before: 'Member', after: 'Organisation admin' }],
      });
      expect(new Set([...first.events, ...second.events].map((e) => e.id)).size).toBe(auditPageSize + 2);

      // Only Wigan's events, and a page number that is not one is page 1.
      const seen = await listAuditEvents(hub.services, admin.viewer, { organisation: 'wigan', page: 'abc' });
      expect(seen.page).toBe(1);
      const all = await hub.services.db.select({ organisationId: auditEvents.organisationId }).from(auditEvents);
      expect(all.some((e) => e.organisationId !== wigan.id)).toBe(true);
      const everyWiganEvent = [...first.events, ...second.events];
      expect(everyWiganEvent.every((e) => e.action === 'member.role_changed')).toBe(true);
    });

    it('a site admin reads every event; created things show their values as the change', async () => {
      const site = await person(hub, { isSiteAdmin: true, name: 'Site Admin' });
      await addPublicBody(hub.services, site.viewer, { name: 'Greater Manchester Combined Authority', emailDomains: 'greatermanchester-ca.gov.uk' });
      const log = await listAuditEvents(hub.services, site.viewer, {});
      expect(log.organisation).toBeNull();
      expect(log.total).toBeGreaterThan(auditPageSize);
      expect(log.events[0]).toMatchObject({
        actor: 'Site Admin',
        actionLabel: 'Added an organisation',
        context: [],
        changes: [
          { label: 'Name', before: '', after: 'Greater Manchester Combined Authority' },
          { label: 'Type', before: '', after: 'Public body' },
          { label: 'Homepage', before: '', after: 'None' },
          { label: 'Email domains', before: '', after: 'greatermanchester-ca.gov.uk' },
        ],
      });
    });

    it('shows events it does not know, and hides anything that looks like an email address', async () => {
      const site = await person(hub, { isSiteAdmin: true });
      const [row] = await hub.services.db
        .insert(auditEvents)
        .values({
          actorLabel: 'someone@example.org',
          organisationId: leeds.id,
          action: 'material.colour_changed',
          subjectType: 'material',
          subjectId: 'x',
          before: { tags: ['a'], ownerEmail: 'x@y.org' },
          after: { tags: ['a', 'b'], ownerEmail: 'x@y.org', nested: { note: 'mail z@z.org' } },
        })
        .returning({ id: auditEvents.id });
      const log = await listAuditEvents(hub.services, site.viewer, { organisation: 'leeds' });
      const entry = log.events.find((e) => e.id === row!.id)!;
      expect(entry).toMatchObject({
        actor: '[email address removed]',
        actionLabel: 'Material colour changed',
        context: [{ label: 'Owner email', value: '[email address removed]' }],
        changes: [
          { label: 'Tags', before: 'a', after: 'a, b' },
          { label: 'Nested', before: 'None', after: 'Note: mail [email address removed]' },
        ],
      });
    });

    it('shows times as London dates, and the labels of known fields', async () => {
      const site = await person(hub, { isSiteAdmin: true });
      const [row] = await hub.services.db
        .insert(auditEvents)
        .values({
          actorLabel: 'Sam, Leeds City Council',
          organisationId: leeds.id,
          action: 'material.withdrawn',
          subjectType: 'material',
          subjectId: 'y',
          before: { status: 'published' },
          after: { status: 'withdrawn', withdrawnReason: 'Out of date', withdrawnAt: '2026-07-01T12:30:00.000Z' },
        })
        .returning({ id: auditEvents.id });
      const log = await listAuditEvents(hub.services, site.viewer, { organisation: 'leeds' });
      expect(log.events.find((e) => e.id === row!.id)).toMatchObject({
        actionLabel: 'Withdrew a material',
        // In the order jsonb keeps keys (shortest first), on both drivers.
        changes: [
          { label: 'Status', before: 'Published', after: 'Withdrawn' },
          { label: 'Withdrawn', before: 'None', after: '1 July 2026 at 1:30pm' },
          { label: 'Reason for withdrawing', before: 'None', after: 'Out of date' },
        ],
      });
    });
  });
});
