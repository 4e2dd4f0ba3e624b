import 'server-only';
import { and, count, eq, gte } from 'drizzle-orm';
import { z } from 'zod';
import { canContactOrganisationAdmins } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { contactMessages, users } from '@/lib/db/schema';
import { sendQuietly } from '@/lib/mail/mailer';
import type { Services } from '@/lib/services';
import { personAndOrganisation } from '@/lib/text/display-name';
import { adminRecipients } from './organisation-admins';
import { forbidden, organisationOrNotFound, parseInput, refuse, requireSignedIn } from './organisation-common';

export const maxContactMessageLength = 2000;
/** Messages one person may send (to any organisations) in an hour: enough to ask, too few to spam. */
export const contactMessagesPerHour = 5;

const contactSchema = z.object({
  message: z
    .string()
    .default('')
    .transform((text) => text.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(1, { error: 'Enter your message' })
        .max(maxContactMessageLength, { error: `Your message must be ${maxContactMessageLength} characters or fewer` })
        // Line breaks and tabs are fine; other control characters have no place in a message.
        .refine((text) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text), { error: 'Your message must not contain control characters' }),
    ),
});

export const contactProblems = {
  no_admin: 'It has no organisation admin yet, so there is nobody to send your message to',
  too_many: `You have sent ${contactMessagesPerHour} messages in the last hour. Wait an hour before sending another`,
} as const;

/**
 * Someone signed in writes to an organisation's admins from its page (/organisations/<slug>#contact).
 * The message is stored, then emailed to each admin with the sender's address as Reply-To: the
 * sender's address is never shown on a page, and the admins' addresses are never shown to the sender.
 * Limited per sender (contactMessagesPerHour). Returns how many admins it went to.
 */
export async function contactOrganisationAdmins(services: Services, viewer: Viewer, slug: unknown, input: unknown): Promise<{ admins: number }> {
  const user = requireSignedIn(viewer, 'Sign in to contact an organisation’s admins.');
  if (!canContactOrganisationAdmins(viewer)) throw forbidden();
  const organisation = await organisationOrNotFound(services.db, slug);
  const { message } = parseInput(contactSchema, input);

  const { admins, sender } = await services.db.transaction(async (tx) => {
    // One at a time per sender, so the limit holds under parallel posts.
    const [sender] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, user.userId)).for('update');
    if (!sender) throw forbidden('Sign in to contact an organisation’s admins.');
    const admins = await adminRecipients(tx, organisation.id);
    if (admins.length === 0) throw refuse(contactProblems.no_admin, 'message');
    const [sent] = await tx
      .select({ n: count() })
      .from(contactMessages)
      .where(and(eq(contactMessages.senderId, user.userId), gte(contactMessages.createdAt, new Date(Date.now() - 60 * 60 * 1000))));
    if (Number(sent?.n ?? 0) >= contactMessagesPerHour) throw refuse(contactProblems.too_many, 'message');
    await tx.insert(contactMessages).values({ organisationId: organisation.id, senderId: user.userId, message });
    return { admins, sender };
  });

  const from = personAndOrganisation(sender.name, user.organisation?.name) ?? 'Someone who gave no name';
  await sendQuietly(
    services.mail,
    {
      to: admins.map((a) => a.email),
      replyTo: sender.email,
      subject: `A message for the admins of ${organisation.name}`,
      text: [
        `${from} wrote to the organisation admins of ${organisation.name} through Discovery Commons:`,
        '',
        message,
        '',
        'Reply to this email to answer them.',
        '',
        'Discovery Commons',
        '',
      ].join('\n'),
    },
    'a message to an organisation’s admins',
  );
  return { admins: admins.length };
}
