import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { council, person, refusal, type Council } from '@/lib/organisations/testing/fixtures';
import { answerProjectInvitation } from '@/lib/projects/answer-project-invitation';
import { deleteProject } from '@/lib/projects/delete-project';
import { inviteProjectPartner } from '@/lib/projects/invite-project-partner';
import { registerProject } from '@/lib/projects/register-project';
import { projectAnswers } from '@/lib/projects/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { addLinkEvidence } from './add-link-evidence';
import { addProjectEvidence } from './add-project-evidence';
import { confirmCommitment } from './confirm-commitment';
import { evidenceProjectChoices } from './commitment-form-choices';
import { getCommitment } from './get-commitment';
import { listCommitments } from './list-commitments';
import { recordCommitment } from './record-commitment';
import { commitmentAnswers } from './testing/fixtures';

// Projects as a commitment's evidence (issue 8, part 6: "Evidence is attached as materials, projects
// or links"): which projects a council may cite, who sees them on the commitment, and what deleting
// one does. Who may add evidence at all is the matrix in commitment-authorisation.integration.test.ts.

const notOurs = [{ field: 'project', message: "Choose one of your council's projects, or one it is a partner in" }];

describe.each(testDrivers)('projects as evidence, on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let leeds: Council;
  let member: Viewer;
  let leedsMember: Viewer;
  let manchesterMember: Viewer;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
    const manchester = await council(hub, 'manchester');
    member = (await person(hub, { organisation: bristol, name: 'Sam Jones' })).viewer;
    leedsMember = (await person(hub, { organisation: leeds })).viewer;
    manchesterMember = (await person(hub, { organisation: manchester })).viewer;
  });
  afterAll(async () => hub?.close());

  const project = async (who: Viewer, name: string, visibility = 'public') => (await registerProject(hub.services, who, projectAnswers({ name, visibility }))).id;
  const commitment = async (visibility = 'public') => (await recordCommitment(hub.services, member, commitmentAnswers({ visibility }))).id;
  const evidenceRows = async (id: string) =>
    queryRows<{ project_id: string | null }>(hub.services.db, sql`SELECT project_id FROM commitment_evidence WHERE commitment_id = ${id} ORDER BY added_at`);
  const events = async () => (await queryRows<{ n: number }>(hub.services.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE subject_type = 'commitment'`))[0]!.n;

  it("cites the council's own projects and those it is an accepted partner in; nothing else, all with one message", async () => {
    const own = await project(member, `Bins ${randomUUID()}`, 'organisation');
    const accepted = await project(leedsMember, `Leeds housing repairs ${randomUUID()}`, 'organisation');
    await inviteProjectPartner(hub.services, leedsMember, accepted, { council: 'bristol' });
    await answerProjectInvitation(hub.services, member, accepted, 'accept');
    const onlyInvited = await project(leedsMember, `Leeds parking ${randomUUID()}`, 'public');
    await inviteProjectPartner(hub.services, leedsMember, onlyInvited, { council: 'bristol' });
    const someoneElses = await project(manchesterMember, `Manchester libraries ${randomUUID()}`, 'public');
    const hidden = await project(manchesterMember, `Manchester secret ${randomUUID()}`, 'organisation');
    const id = await commitment();

    // The form offers exactly the two it may cite: its own first, then the partner's, named with its council.
    const choices = await evidenceProjectChoices(hub.services, member, id);
    const offered = choices.map((c) => c.value);
    expect(offered).toContain(own);
    expect(offered).toContain(accepted);
    expect(offered).not.toContain(onlyInvited);
    expect(offered).not.toContain(someoneElses);
    expect(choices.find((c) => c.value === accepted)!.label).toMatch(/\(Leeds City Council, as partners\)$/);

    const before = await events();
    for (const value of [onlyInvited, someoneElses, hidden, randomUUID()]) {
      const error = await refusal(() => addProjectEvidence(hub.services, member, id, { project: value }));
      expect(error.fieldErrors).toEqual(notOurs);
    }
    for (const value of ['', '   ', 'not-an-id', "x' OR 1=1 --"]) {
      const error = await refusal(() => addProjectEvidence(hub.services, member, id, { project: value }));
      expect(error.fieldErrors).toEqual([{ field: 'project', message: 'Choose a project' }]);
    }
    expect(await evidenceRows(id)).toEqual([]);
    expect(await events()).toBe(before);

    await addProjectEvidence(hub.services, member, id, { project: own });
    await addProjectEvidence(hub.services, member, id, { project: own }); // twice: still one, one event
    await addProjectEvidence(hub.services, member, id, { project: accepted });
    expect((await evidenceRows(id)).map((row) => row.project_id)).toEqual([own, accepted]);
    expect(await events()).toBe(before + 2);

    const view = (await getCommitment(hub.services, member, id))!;
    expect(view.status).toBe('in-progress');
    expect(view.evidence.map((e) => (e.kind === 'project' ? e.project.council : e.kind))).toEqual(['Bristol City Council', 'Leeds City Council']);
  });

  it('shows the project only to those who may see it, counting it for everyone else, in the list too', async () => {
    const councilOnly = await project(member, `Council tax ${randomUUID()}`, 'organisation');
    const forCouncils = await project(member, `Street lighting ${randomUUID()}`, 'councils');
    const id = await commitment('public');
    await addProjectEvidence(hub.services, member, id, { project: councilOnly });
    await addProjectEvidence(hub.services, member, id, { project: forCouncils });
    await addLinkEvidence(hub.services, member, id, { url: 'https://www.example.gov.uk/blog', title: 'Our blog post' });
    await confirmCommitment(hub.services, member, id);

    const seenBy = async (viewer: Viewer) => {
      const view = (await getCommitment(hub.services, viewer, id))!;
      return { kinds: view.evidence.map((e) => e.kind), hidden: view.hiddenEvidenceCount, status: view.status, text: JSON.stringify(view) };
    };
    const inside = await seenBy(member);
    expect(inside).toMatchObject({ kinds: ['project', 'project', 'link'], hidden: 0, status: 'kept' });

    const otherCouncil = await seenBy(leedsMember);
    expect(otherCouncil).toMatchObject({ kinds: ['project', 'link'], hidden: 1, status: 'kept' });
    expect(otherCouncil.text).not.toContain('Council tax');

    const signedOut = await seenBy(anonymous);
    expect(signedOut).toMatchObject({ kinds: ['link'], hidden: 2, status: 'kept' });
    expect(signedOut.text).not.toContain('Council tax');
    expect(signedOut.text).not.toContain('Street lighting');

    // The status is the council's word: the list agrees for someone who sees none of the projects.
    const listed = await listCommitments(hub.services, anonymous, { council: 'bristol', status: 'kept', page: 1 }, { pageSize: 1000 });
    expect(listed.items.some((item) => item.id === id)).toBe(true);
  });

  // The matrix's rows for a project cited by a public commitment: who sees it on the commitment (✓), and
  // who finds it counted as hidden instead (–), for each visibility of the project. Written out, not
  // derived from the rules. Leeds is an accepted partner in the project; Manchester has nothing to do with it.
  const Y = 'shown';
  const H = 'hidden';
  //                                                    public councils organisation
  const seesProject: Record<string, string[]> = {
    anonymous: /*                                    */ [Y, H, H],
    'member of another council': /*                  */ [Y, Y, H],
    'member of a partner council': /*                */ [Y, Y, Y],
    'member of the council': /*                      */ [Y, Y, Y],
    'site admin': /*                                 */ [Y, Y, Y],
  };

  it('matrix: who sees a cited project on a public commitment, by the project’s visibility', async () => {
    const admin = (await person(hub, { isSiteAdmin: true })).viewer;
    const viewers: Record<string, Viewer> = {
      anonymous,
      'member of another council': manchesterMember,
      'member of a partner council': leedsMember,
      'member of the council': member,
      'site admin': admin,
    };
    const visibilities = ['public', 'councils', 'organisation'];
    const commitments: string[] = [];
    for (const visibility of visibilities) {
      const cited = await project(member, `Matrix ${visibility} ${randomUUID()}`, visibility);
      await inviteProjectPartner(hub.services, member, cited, { council: 'leeds' });
      await answerProjectInvitation(hub.services, leedsMember, cited, 'accept');
      const id = await commitment('public');
      await addProjectEvidence(hub.services, member, id, { project: cited });
      commitments.push(id);
    }
    const seen: Record<string, string[]> = {};
    for (const [who, viewer] of Object.entries(viewers)) {
      seen[who] = [];
      for (const id of commitments) {
        const view = (await getCommitment(hub.services, viewer, id))!;
        seen[who].push(view.evidence.length === 1 && view.hiddenEvidenceCount === 0 ? Y : view.evidence.length === 0 && view.hiddenEvidenceCount === 1 ? H : 'wrong');
      }
    }
    expect(seen).toEqual(seesProject);
  });

  it('deleting a project removes it from the commitments that cited it, says so in their history, and a kept one left without evidence is not kept', async () => {
    const name = `Garden waste ${randomUUID()}`;
    const cited = await project(member, name, 'public');
    const onlyProject = await commitment();
    const withLink = await commitment();
    await addProjectEvidence(hub.services, member, onlyProject, { project: cited });
    await confirmCommitment(hub.services, member, onlyProject);
    await addProjectEvidence(hub.services, member, withLink, { project: cited });
    await addLinkEvidence(hub.services, member, withLink, { url: 'https://www.example.gov.uk/post', title: 'A post' });
    await confirmCommitment(hub.services, member, withLink);

    await deleteProject(hub.services, member, cited);

    const emptied = (await getCommitment(hub.services, member, onlyProject))!;
    expect(emptied.evidence).toEqual([]);
    expect(emptied.status).toBe('planned');
    expect(emptied.confirmedAt).toBeNull();
    expect(emptied.history.at(-1)).toMatchObject({ action: 'evidence_removed', evidenceTitle: name, who: 'Sam Jones, Bristol City Council' });

    const stillKept = (await getCommitment(hub.services, member, withLink))!;
    expect(stillKept.evidence.map((e) => e.kind)).toEqual(['link']);
    expect(stillKept.status).toBe('kept');

    // Outside the council, the history says evidence went, not what it was called.
    const outside = (await getCommitment(hub.services, leedsMember, onlyProject))!;
    expect(outside.history.at(-1)).toMatchObject({ action: 'evidence_removed' });
    expect(outside.history.at(-1)!.evidenceTitle).toBeUndefined();

    const [deleted] = await queryRows<{ before: { commitmentEvidenceRemoved: string[] } }>(
      hub.services.db,
      sql`SELECT before FROM audit_events WHERE action = 'project.deleted' AND subject_id = ${cited}`,
    );
    expect([...deleted!.before.commitmentEvidenceRemoved].sort()).toEqual([onlyProject, withLink].sort());
  });
});
