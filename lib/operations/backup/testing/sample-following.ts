import type { Council, Person } from '@/lib/organisations/testing/fixtures';
import { follow } from '@/lib/following/follow';
import { sendDigests } from '@/lib/following/send-digests';
import { mondayMorning } from '@/lib/following/testing/fixtures';
import type { MailMessage } from '@/lib/mail/mailer';
import type { TestHub } from '@/lib/testing/test-hub';

/**
 * The sample hub's following: a person follows a council before it shares anything (so their first
 * digest has news in it), then a project; the weekly digest goes out once, with its one-click
 * unsubscribe link. Together these fill follows, follower_settings, digests and unsubscribe_tokens.
 */

export async function followCouncil(hub: TestHub, follower: Person, followed: Council): Promise<void> {
  await follow(hub.services, follower.viewer, { kind: 'council', target: followed.slug });
}

export async function followProject(hub: TestHub, follower: Person, projectId: string): Promise<void> {
  await follow(hub.services, follower.viewer, { kind: 'project', target: projectId });
}

export interface SentDigests {
  /** When the digests were sent: sending again at this instant must find the period already done. */
  sentAt: Date;
  /** The token in the one digest's "Stop these emails" link, as its reader received it (only its hash is stored). */
  unsubscribeToken: string;
}

/** Sends the week's digests through a mailer that keeps the messages, and reads the unsubscribe link off the one sent. */
export async function sendFirstDigests(hub: TestHub): Promise<SentDigests> {
  const sent: MailMessage[] = [];
  const sentAt = mondayMorning();
  const result = await sendDigests({ ...hub.services, mail: { hubUrl: 'http://hub.test', send: async (message) => void sent.push(message) } }, { now: sentAt });
  if (result.sent !== 1 || sent.length !== 1) throw new Error(`the sample hub expected one digest with news, got ${JSON.stringify(result)}`);
  const token = /\/unsubscribe\/([A-Za-z0-9_-]{43})\/one-click>$/.exec(sent[0]!.headers?.['List-Unsubscribe'] ?? '')?.[1];
  if (!token) throw new Error('the sample digest carried no unsubscribe link');
  return { sentAt, unsubscribeToken: token };
}
