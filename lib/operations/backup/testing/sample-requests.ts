import { raiseConcern } from '@/lib/concerns/raise-concern';
import { anonymous } from '@/lib/auth/viewer';
import { sendFeedback } from '@/lib/feedback/send-feedback';
import { askToBecomeAdmin } from '@/lib/organisations/ask-to-become-admin';
import { contactOrganisationAdmins } from '@/lib/organisations/contact-organisation-admins';
import { requestToJoin } from '@/lib/organisations/request-to-join';
import { person, type Council, type Person } from '@/lib/organisations/testing/fixtures';
import { createDrizzleAdapter } from '@/lib/sign-in/drizzle-adapter';
import type { TestHub } from '@/lib/testing/test-hub';

/**
 * What people ask of the hub and of councils in the sample hub, each through its own verb (no mailer:
 * nothing is sent): a newcomer asks to join a council, a member asks to become their council's first
 * admin and writes to another council's admins, a concern is raised about a material, feedback comes
 * from someone signed out, and a Microsoft account is linked to a person. Together these fill
 * join_requests, admin_requests, contact_messages, concern_reports, feedback and accounts.
 */

export const sampleMicrosoftAccount = { provider: 'azure-ad', providerAccountId: 'entra-object-id-of-sam' } as const;

export async function sendSampleRequests(
  hub: TestHub,
  people: { sam: Person; ali: Person; joining: Council },
  materialId: string,
): Promise<{ newcomer: Person }> {
  const newcomer = await person(hub, { organisation: null, name: 'Jo Patel' });
  await requestToJoin(hub.services, newcomer.viewer, { organisation: people.joining.slug, message: 'I started in the waste team this week.' });
  await askToBecomeAdmin(hub.services, people.ali.viewer, { message: 'Our last admin left; I run our research.' });
  await contactOrganisationAdmins(hub.services, people.ali.viewer, people.joining.slug, { message: 'May we adapt your interview guide?' });
  await raiseConcern(hub.services, people.ali.viewer, materialId, { reason: 'personal-data', details: 'Question 4 names a street.' });
  await sendFeedback(hub.services, anonymous, { message: 'The search found what I needed.', replyEmail: '' }, { networkAddress: '192.0.2.10' });
  await createDrizzleAdapter(() => hub.services.db).linkAccount({ userId: people.sam.id, type: 'oauth', ...sampleMicrosoftAccount });
  return { newcomer };
}
