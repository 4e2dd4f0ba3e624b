import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { canSendFeedback } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { feedback } from '@/lib/db/schema';
import { AppError, ValidationError, type FieldError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { emailAddressProblemMessage, parseEmailAddress } from '@/lib/text/email-address';
import {
  FEEDBACK_KEPT_MONTHS,
  FEEDBACK_MAX_LENGTH,
  FEEDBACK_PER_HOUR,
  FEEDBACK_PER_NETWORK_PER_HOUR,
  tooMuchFeedbackMessage,
} from './feedback-rules';

const inputSchema = z.object({
  message: z
    .string()
    .default('')
    .transform((text) => text.replace(/\r\n?/g, '\n').trim()),
  replyEmail: z
    .string()
    .default('')
    .transform((text) => text.trim()),
});

/** Any constant: serialises the count-then-insert below across every web instance. */
const FEEDBACK_LOCK = 4242102;

/**
 * Keeps one piece of feedback from the feedback page. Anyone may send it (canSendFeedback); one network
 * address may send FEEDBACK_PER_NETWORK_PER_HOUR an hour and everyone together FEEDBACK_PER_HOUR, so a
 * script cannot flood the table. The network address is kept only as a one-way code, and feedback older
 * than FEEDBACK_KEPT_MONTHS is deleted as new feedback arrives.
 */
export async function sendFeedback(
  services: Services,
  viewer: Viewer,
  input: { message?: unknown; replyEmail?: unknown },
  request: { networkAddress: string | null },
  now: Date = new Date(),
): Promise<{ id: string }> {
  if (!canSendFeedback(viewer)) throw new AppError('forbidden', 'You cannot send feedback.');
  const parsed = inputSchema.safeParse({
    message: typeof input.message === 'string' ? input.message : undefined,
    replyEmail: typeof input.replyEmail === 'string' ? input.replyEmail : undefined,
  });
  const errors: FieldError[] = [];
  const message = parsed.success ? parsed.data.message : '';
  const typedEmail = parsed.success ? parsed.data.replyEmail : '';
  if (message === '') errors.push({ field: 'message', message: 'Enter your feedback' });
  else if (message.length > FEEDBACK_MAX_LENGTH) errors.push({ field: 'message', message: `Your feedback must be ${FEEDBACK_MAX_LENGTH} characters or fewer` });
  let replyEmail: string | null = null;
  if (typedEmail !== '') {
    const email = parseEmailAddress(typedEmail);
    if (email.ok) replyEmail = email.address;
    else errors.push({ field: 'replyEmail', message: emailAddressProblemMessage(email.problem) });
  }
  if (errors.length) throw new ValidationError(errors);

  const networkHash = request.networkAddress ? createHash('sha256').update(`feedback:${request.networkAddress}`).digest('hex') : null;
  const hourAgo = new Date(now.getTime() - 60 * 60_000);
  return services.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${FEEDBACK_LOCK})`);
    const count = sql<number>`count(*)::int`.mapWith(Number);
    const [everyone] = await tx.select({ count }).from(feedback).where(gte(feedback.createdAt, hourAgo));
    if ((everyone?.count ?? 0) >= FEEDBACK_PER_HOUR) throw new ValidationError([{ field: 'message', message: tooMuchFeedbackMessage }]);
    if (networkHash) {
      const [fromNetwork] = await tx
        .select({ count })
        .from(feedback)
        .where(and(eq(feedback.networkHash, networkHash), gte(feedback.createdAt, hourAgo)));
      if ((fromNetwork?.count ?? 0) >= FEEDBACK_PER_NETWORK_PER_HOUR) {
        throw new ValidationError([{ field: 'message', message: tooMuchFeedbackMessage }]);
      }
    }
    const [row] = await tx.insert(feedback).values({ message, replyEmail, networkHash, createdAt: now }).returning({ id: feedback.id });
    if (!row) throw new Error('insert returned no row');
    const keptSince = new Date(now);
    keptSince.setMonth(keptSince.getMonth() - FEEDBACK_KEPT_MONTHS);
    await tx.delete(feedback).where(lt(feedback.createdAt, keptSince));
    return { id: row.id };
  });
}
