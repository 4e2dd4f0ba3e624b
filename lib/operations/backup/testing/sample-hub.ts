import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { materials, sessions, verificationTokens } from '@/lib/db/schema';
import { createApiToken } from '@/lib/api-tokens/create-api-token';
import { revokeApiToken } from '@/lib/api-tokens/revoke-api-token';
import { addDays, todayInLondon } from '@/lib/text/calendar-days';
import { checkThenPublish } from '@/lib/file-checks/testing/publish-after-check';
import { extractPendingTexts } from '@/lib/jobs/extract-text';
import { createMaterial } from '@/lib/materials/create-material';
import { replaceMaterialFile } from '@/lib/materials/replace-material-file';
import { withdrawMaterial } from '@/lib/materials/withdraw-material';
import { council, person, type Person } from '@/lib/organisations/testing/fixtures';
import { countDownload } from '@/lib/reuse/count-download';
import { recordUse } from '@/lib/reuse/record-use';
import { addMaterialEvidence } from '@/lib/commitments/add-material-evidence';
import { recordCommitment } from '@/lib/commitments/record-commitment';
import { answerProjectInvitation } from '@/lib/projects/answer-project-invitation';
import { inviteProjectPartner } from '@/lib/projects/invite-project-partner';
import { postProjectUpdate } from '@/lib/projects/post-project-update';
import { registerProject } from '@/lib/projects/register-project';
import { sendProjectReminders } from '@/lib/projects/send-project-reminders';
import { projectAnswers } from '@/lib/projects/testing/fixtures';
import { sendCommitmentReminders } from '@/lib/commitments/send-commitment-reminders';
import { commitmentAnswers, dueIn } from '@/lib/commitments/testing/fixtures';
import type { TestHub } from '@/lib/testing/test-hub';
import { followCouncil, followProject, sendFirstDigests, type SentDigests } from './sample-following';
import { makeSampleKit } from './sample-kit';
import { sendSampleRequests } from './sample-requests';

/**
 * A small hub worth backing up, shared through the real verbs, with a row in every table a backup
 * holds: two councils and their people, one material of each visibility, one with three versions, one
 * withdrawn, text read from every file, reuse, a commitment and a project, a kit, follows and a sent
 * digest, requests, a concern and feedback (sample-requests.ts), a signed-in session, an email sign-in
 * link waiting to be used, and two personal API tokens (one live, one revoked).
 */
export interface SampleHub {
  /** Secrets of sam's API tokens, as the person who made them kept them (the hub stores only hashes). */
  apiTokenSecrets: { live: string; revoked: string };
  sam: Person;
  ali: Person;
  admin: Person;
  /** Asked to join Bristol, still waiting. */
  newcomer: Person;
  sessionToken: string;
  kitId: string;
  projectId: string;
  digests: SentDigests;
}

const answers = { summary: '', phases: 'discovery', artefactType: 'discussion-guide', kind: 'template', tags: 'recycling', licence: 'OGL-UK-3.0' };

function textFile(fileName: string, text: string) {
  return { fileName, stream: Readable.from([Buffer.from(text)]) };
}

export async function shareSampleMaterials(hub: TestHub): Promise<SampleHub> {
  const bristol = await council(hub, 'bristol');
  const leeds = await council(hub, 'leeds');
  const sam = await person(hub, { organisation: bristol, name: 'Sam Jones', role: 'org_admin' });
  const ali = await person(hub, { organisation: leeds, name: 'Ali Khan' });
  const admin = await person(hub, { isSiteAdmin: true, name: 'Site Admin' });
  // Before anything is shared, so that Ali's first digest has Bristol's news in it.
  await followCouncil(hub, ali, bristol);

  async function share(actor: Person, title: string, visibility: string, text: string): Promise<string> {
    const { id } = await createMaterial(hub.services, {
      actor: actor.viewer,
      fields: { ...answers, title, summary: `About ${title.toLowerCase()}.`, visibility },
      file: textFile(`${title.toLowerCase().replace(/ /g, '-')}.txt`, text),
    });
    await checkThenPublish(hub.services, actor.viewer, id);
    return id;
  }

  const guide = await share(sam, 'Bin collections interview guide', 'public', 'Questions about missed bin collections and wheelie bins.');
  for (const [version, note] of [
    [2, 'Added questions about food waste'],
    [3, 'Plain English review'],
  ] as const) {
    await replaceMaterialFile(hub.services, sam.viewer, guide, {
      fields: { changeNote: note },
      file: textFile('guide.txt', `Version ${version}: questions about missed bin collections, food waste caddies and composting.`),
    });
    await checkThenPublish(hub.services, sam.viewer, guide);
  }
  const survey = await share(ali, 'Housing repairs survey', 'councils', 'A survey of tenants about damp, mould and housing repairs.');
  await share(sam, 'Bristol consent form', 'organisation', 'Consent for recording interviews with residents in Bristol.');
  const withdrawn = await share(ali, 'Old journey map', 'public', 'A journey map of the council tax reduction claim.');
  await withdrawMaterial(hub.services, ali.viewer, withdrawn, { reason: 'Out of date' });
  // Leeds used Bristol's guide, and it was downloaded: reuse a backup must keep.
  await recordUse(hub.services, ali.viewer, guide, { note: 'Adapted for our garden waste research.' });
  await countDownload(hub.services, ali.viewer, guide, { networkAddress: null, secret: 'sample-hub-secret' });
  await extractPendingTexts(hub.services);
  // A commitment of Bristol's, with the guide as evidence and its first reminder decided (no mailer: none sent).
  const { id: commitment } = await recordCommitment(hub.services, sam.viewer, commitmentAnswers({ ...dueIn(10) }));
  await addMaterialEvidence(hub.services, sam.viewer, commitment, { material: guide });
  await sendCommitmentReminders(hub.services);
  // A project of Bristol's with Leeds as a partner, the guide in it, an update with the guide attached,
  // and its first quiet-project reminder decided (the "now" is 100 days on; no mailer: none sent).
  const { id: project } = await registerProject(hub.services, sam.viewer, projectAnswers({ name: 'Garden waste redesign' }));
  await inviteProjectPartner(hub.services, sam.viewer, project, { council: 'leeds' });
  await answerProjectInvitation(hub.services, ali.viewer, project, 'accept');
  await hub.services.db.update(materials).set({ projectId: project }).where(eq(materials.id, guide));
  await postProjectUpdate(hub.services, ali.viewer, project, { body: 'We tried the guide in Leeds', materials: guide, phase: 'alpha' });
  await sendProjectReminders(hub.services, { now: new Date(Date.now() + 100 * 86_400_000) });
  await followProject(hub, ali, project);
  const kitId = await makeSampleKit(hub, sam, { guide, survey });
  const { newcomer } = await sendSampleRequests(hub, { sam, ali, joining: bristol }, guide);
  const digests = await sendFirstDigests(hub);

  const sessionToken = `session-${sam.id}`;
  await hub.services.db.insert(sessions).values({ sessionToken, userId: sam.id, expires: new Date(Date.now() + 86_400_000) });
  await hub.services.db.insert(verificationTokens).values({ identifier: 'ali@leeds.gov.uk', token: 'sign-in-link-hash', expires: new Date(Date.now() + 86_400_000) });
  const [year, month, day] = addDays(todayInLondon(), 90).split('-');
  const expiry = { expiresDay: String(Number(day)), expiresMonth: String(Number(month)), expiresYear: year };
  const live = await createApiToken(hub.services, sam.viewer, { name: 'Nightly import', scope: 'read', ...expiry });
  const revoked = await createApiToken(hub.services, sam.viewer, { name: 'Old script', scope: 'read', ...expiry });
  await revokeApiToken(hub.services, sam.viewer, revoked.id);
  return { sam, ali, admin, newcomer, sessionToken, kitId, projectId: project, digests, apiTokenSecrets: { live: live.secret, revoked: revoked.secret } };
}
