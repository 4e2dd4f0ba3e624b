import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { deleteMaterial } from '@/lib/materials/delete-material';
import { users } from '@/lib/db/schema';
import { council, liveViewer, person, refusal, type Council } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { addLinkEvidence } from './add-link-evidence';
import { addMaterialEvidence } from './add-material-evidence';
import { addDays, todayInLondon } from '@/lib/text/calendar-days';
import { confirmCommitment } from './confirm-commitment';
import { getCommitment } from './get-commitment';
import { listCommitments } from './list-commitments';
import { recordCommitment } from './record-commitment';
import { removeEvidence } from './remove-evidence';
import { commitmentAnswers, dueIn, insertMaterial } from './testing/fixtures';
import { updateCommitment } from './update-commitment';

// Bad input is refused with a clear message beside the field it is about, and nothing is written;
// the status is worked out from the date and the evidence when read, never stored.

describe.each(testDrivers)('commitment answers and status, on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let leeds: Council;
  let member: Viewer;
  let leedsMember: Viewer;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
    member = (await person(hub, { organisation: bristol, name: 'Sam Jones' })).viewer;
    leedsMember = (await person(hub, { organisation: leeds })).viewer;
  });
  afterAll(async () => hub?.close());

  /** Every row the commitment verbs write, so "nothing changed" can be checked. */
  async function everything() {
    return queryRows(
      hub.services.db,
      sql`SELECT (SELECT count(*)::int FROM commitments) AS commitments,
                 (SELECT count(*)::int FROM commitment_evidence) AS evidence,
                 (SELECT count(*)::int FROM commitments WHERE confirmed_at IS NOT NULL) AS kept,
                 (SELECT coalesce(string_agg(description || due_on::text, ',' ORDER BY id), '') FROM commitments) AS answers,
                 (SELECT count(*)::int FROM audit_events WHERE subject_type = 'commitment') AS events`,
    );
  }

  async function refusedWithNothingChanged(attempt: () => Promise<unknown>) {
    const before = await everything();
    const error = await refusal(attempt);
    expect(await everything()).toEqual(before);
    return { code: error.code, fields: error.fieldErrors };
  }

  it.each([
    ['a date in the past', { ...dueIn(-1) }, 'dueDay', 'The date must be today or in the future'],
    ['no date', { dueDay: '', dueMonth: '', dueYear: '' }, 'dueDay', 'Enter the date your council will do it by'],
    ['half a date', { dueDay: '3', dueMonth: '', dueYear: '2030' }, 'dueDay', 'The date must include a month'],
    ['a date that does not exist', { dueDay: '31', dueMonth: '2', dueYear: '2030' }, 'dueDay', 'The date must be a real date'],
    ['an unknown kind', { kind: 'promise-the-moon' }, 'kind', 'Choose what your council will do'],
    ['no phase when sharing materials', { phase: '' }, 'phase', 'Choose the phase whose materials your council will share'],
    ['an unknown phase', { phase: 'daydreaming' }, 'phase', 'Choose the phase whose materials your council will share'],
    ['no description', { description: '   ' }, 'description', 'Describe the commitment in a few words'],
    ['a description too long', { description: 'x'.repeat(151) }, 'description', 'The description must be 150 characters or fewer'],
    ['no evidence expected', { evidenceExpected: '' }, 'evidenceExpected', 'Say what will show that your council kept it'],
    ['an unknown visibility', { visibility: 'everyone-ish' }, 'visibility', 'Choose who can see this commitment'],
    ['a forged contact', { contact: randomUUID() }, 'contact', 'Choose a member of your council as the contact'],
    ['a contact who is not an id', { contact: "1' OR '1'='1" }, 'contact', 'Choose a member of your council as the contact'],
  ])('recording with %s is refused, beside the field, and nothing is written', async (_label, answers, field, message) => {
    const refused = await refusedWithNothingChanged(() => recordCommitment(hub.services, member, commitmentAnswers(answers)));
    expect(refused.code).toBe('validation');
    expect(refused.fields).toContainEqual({ field, message });
  });

  it('a contact from another council is refused; a member of the council is taken; the recorder by default', async () => {
    const leedsPerson = await queryRows<{ id: string }>(hub.services.db, sql`SELECT id FROM users WHERE organisation_id = ${leeds.id} LIMIT 1`);
    const refused = await refusedWithNothingChanged(() => recordCommitment(hub.services, member, commitmentAnswers({ contact: leedsPerson[0]!.id })));
    expect(refused.fields).toEqual([{ field: 'contact', message: 'Choose a member of your council as the contact' }]);

    const colleague = await person(hub, { organisation: bristol, name: 'Kim Lee' });
    const chosen = await recordCommitment(hub.services, member, commitmentAnswers({ contact: colleague.id }));
    expect((await getCommitment(hub.services, member, chosen.id))!.contact).toBe('Kim Lee');
    const byDefault = await recordCommitment(hub.services, member, commitmentAnswers({ kind: 'blog-post', phase: 'alpha' }));
    const view = (await getCommitment(hub.services, member, byDefault.id))!;
    expect(view.contact).toBe('Sam Jones');
    // The phase belongs to sharing materials only.
    expect(view.phase).toBeNull();
    // Someone outside the council sees the commitment, not who is behind it.
    expect((await getCommitment(hub.services, leedsMember, byDefault.id))!.contact).toBeUndefined();
  });

  it('every error is reported at once, in the order of the form', async () => {
    const refused = await refusedWithNothingChanged(() =>
      recordCommitment(hub.services, member, { kind: '', description: '', dueDay: '', dueMonth: '', dueYear: '', evidenceExpected: '' }),
    );
    expect(refused.fields.map((f) => f.field)).toEqual(['kind', 'description', 'dueDay', 'evidenceExpected']);
  });

  it('a date that has passed may be kept when editing, but not newly chosen', async () => {
    const { id } = await recordCommitment(hub.services, member, commitmentAnswers());
    const weekAgo = addDays(todayInLondon(), -7);
    await hub.services.db.execute(sql`UPDATE commitments SET due_on = ${weekAgo}::date WHERE id = ${id}`);
    const [y, m, d] = weekAgo.split('-');
    await updateCommitment(hub.services, member, id, commitmentAnswers({ dueDay: String(Number(d)), dueMonth: String(Number(m)), dueYear: y!, description: 'Still to do' }));
    expect((await getCommitment(hub.services, member, id))!.description).toBe('Still to do');
    const refused = await refusedWithNothingChanged(() => updateCommitment(hub.services, member, id, commitmentAnswers({ ...dueIn(-2) })));
    expect(refused.fields).toEqual([{ field: 'dueDay', message: 'The date must be today or in the future' }]);
  });

  it('evidence must be one of the council’s own published materials, or a web link; anything else changes nothing', async () => {
    const { id } = await recordCommitment(hub.services, member, commitmentAnswers());
    const leedsMaterial = await insertMaterial(hub, { organisationId: leeds.id, title: 'Leeds plan' });
    const draft = await insertMaterial(hub, { organisationId: bristol.id, status: 'draft' });
    const withdrawn = await insertMaterial(hub, { organisationId: bristol.id, status: 'withdrawn' });
    const starterKit = await insertMaterial(hub, { organisationId: null });
    const ourMessage = { field: 'material', message: "Choose one of your council's published materials" };
    for (const material of [leedsMaterial, draft, withdrawn, starterKit, randomUUID()]) {
      expect((await refusedWithNothingChanged(() => addMaterialEvidence(hub.services, member, id, { material }))).fields).toEqual([ourMessage]);
    }
    expect((await refusedWithNothingChanged(() => addMaterialEvidence(hub.services, member, id, { material: 'not-an-id' }))).fields).toEqual([
      { field: 'material', message: 'Choose a material' },
    ]);
    for (const url of ['javascript:alert(1)', 'data:text/html,hi', 'ftp://example.org/file', 'www.example.org', '']) {
      const refused = await refusedWithNothingChanged(() => addLinkEvidence(hub.services, member, id, { url, title: 'A link' }));
      expect(refused.fields[0]!.field).toBe('url');
    }
    expect((await refusedWithNothingChanged(() => addLinkEvidence(hub.services, member, id, { url: 'https://example.org', title: ' ' }))).fields).toEqual([
      { field: 'title', message: 'Enter a title for the link' },
    ]);
  });

  it('forged ids: a commitment that does not exist is not found; evidence of another commitment is not removed', async () => {
    for (const forged of [randomUUID(), 'not-an-id', "'; DROP TABLE commitments; --"]) {
      expect((await refusedWithNothingChanged(() => confirmCommitment(hub.services, member, forged))).code).toBe('not_found');
      expect((await refusedWithNothingChanged(() => addLinkEvidence(hub.services, member, forged, { url: 'https://a.example', title: 'A' }))).code).toBe('not_found');
      expect(await getCommitment(hub.services, member, forged)).toBeUndefined();
    }
    const first = await recordCommitment(hub.services, member, commitmentAnswers());
    const second = await recordCommitment(hub.services, member, commitmentAnswers());
    await addLinkEvidence(hub.services, member, first.id, { url: 'https://example.org/a', title: 'First’s evidence' });
    const [evidence] = await queryRows<{ id: string }>(hub.services.db, sql`SELECT id FROM commitment_evidence WHERE commitment_id = ${first.id}`);
    const refused = await refusedWithNothingChanged(() => removeEvidence(hub.services, member, second.id, { evidence: evidence!.id }));
    expect(refused.fields).toEqual([{ field: 'evidence', message: 'That evidence is not attached to this commitment' }]);
  });

  it('planned, in progress, kept, and overdue: worked out when read; the list filter agrees', async () => {
    const { id } = await recordCommitment(hub.services, member, commitmentAnswers({ description: 'Status journey' }));
    const status = async (now?: Date) => (await getCommitment(hub.services, member, id, { now }))!.status;
    const listed = async (wanted: string, now?: Date) =>
      (await listCommitments(hub.services, member, { council: 'bristol', status: wanted as 'kept', page: 1 }, { now, pageSize: 1000 })).items.some((i) => i.id === id);
    const later = new Date(Date.now() + 90 * 24 * 60 * 60 * 1000);

    expect(await status()).toBe('planned');
    expect(await listed('planned')).toBe(true);
    expect(await status(later)).toBe('overdue');
    expect(await listed('overdue', later)).toBe(true);

    // Confirming with no evidence: a clear error, and it stays planned.
    const refused = await refusedWithNothingChanged(() => confirmCommitment(hub.services, member, id));
    expect(refused.fields).toEqual([{ field: 'confirm', message: 'Add evidence before confirming that your council kept this commitment' }]);
    expect(await status()).toBe('planned');

    const material = await insertMaterial(hub, { organisationId: bristol.id, visibility: 'organisation', title: 'Our findings report' });
    await addMaterialEvidence(hub.services, member, id, { material });
    await addMaterialEvidence(hub.services, member, id, { material }); // twice: still one
    await addLinkEvidence(hub.services, member, id, { url: 'https://www.example.gov.uk/blog/discovery', title: 'Blog post about our Discovery' });
    expect(await status()).toBe('in-progress');
    expect(await listed('in-progress')).toBe(true);

    await confirmCommitment(hub.services, member, id);
    expect(await status()).toBe('kept');
    // Kept is never overdue.
    expect(await status(later)).toBe('kept');
    expect(await listed('kept', later)).toBe(true);
    expect(await listed('overdue', later)).toBe(false);

    const view = (await getCommitment(hub.services, member, id))!;
    expect(view.evidence.map((e) => (e.kind === 'material' ? e.material.title : e.kind === 'link' ? e.title : e.project.name))).toEqual(['Our findings report', 'Blog post about our Discovery']);
    expect(view.history.map((h) => h.action)).toEqual(['recorded', 'evidence_added', 'evidence_added', 'confirmed']);
    expect(view.history[0]!.who).toBe('Sam Jones, Bristol City Council');

    // Another council sees the commitment kept, the link, but not the council-only material, and no names.
    const outside = (await getCommitment(hub.services, leedsMember, id))!;
    expect(outside.status).toBe('kept');
    expect(outside.evidence.map((e) => e.kind)).toEqual(['link']);
    expect(outside.hiddenEvidenceCount).toBe(1);
    expect(outside.history.every((h) => h.who === undefined)).toBe(true);
    expect(JSON.stringify(outside)).not.toContain('Our findings report');

    // Removing all evidence: no longer kept (kept always means confirmed with evidence).
    for (const item of view.evidence) await removeEvidence(hub.services, member, id, { evidence: item.id });
    expect(await status()).toBe('planned');
  });

  it('a kept commitment whose only evidence is a material deleted for good is no longer kept, on the page and in the list', async () => {
    const { id } = await recordCommitment(hub.services, member, commitmentAnswers({ description: 'Evidence deleted' }));
    const material = await insertMaterial(hub, { organisationId: bristol.id, visibility: 'public', title: 'Report deleted later' });
    await addMaterialEvidence(hub.services, member, id, { material });
    await confirmCommitment(hub.services, member, id);
    expect((await getCommitment(hub.services, member, id))!.status).toBe('kept');

    const keptBefore = await listCommitments(hub.services, member, { council: 'bristol', page: 1 }, { pageSize: 1000 });
    const siteAdmin = (await person(hub, { isSiteAdmin: true })).viewer;
    await deleteMaterial(hub.services, siteAdmin, material);

    expect((await getCommitment(hub.services, member, id))!.status).toBe('planned');
    const kept = await listCommitments(hub.services, member, { council: 'bristol', status: 'kept', page: 1 }, { pageSize: 1000 });
    expect(kept.items.some((i) => i.id === id)).toBe(false);
    // The council's "N of M kept" counts it no longer.
    const keptAfter = await listCommitments(hub.services, member, { council: 'bristol', page: 1 }, { pageSize: 1000 });
    expect(keptAfter.counts.kept).toBe(keptBefore.counts.kept - 1);
  });

  it('a member who leaves the council can no longer change its commitments', async () => {
    const leaver = await person(hub, { organisation: bristol });
    const { id } = await recordCommitment(hub.services, leaver.viewer, commitmentAnswers());
    await hub.services.db.update(users).set({ organisationId: null }).where(eq(users.id, leaver.id));
    const now = await liveViewer(hub, leaver.id);
    expect((await refusedWithNothingChanged(() => confirmCommitment(hub.services, now, id))).code).toBe('forbidden');
  });
});
