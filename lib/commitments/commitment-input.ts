import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { visibilities } from '@/lib/auth/viewer';
import { phases, users } from '@/lib/db/schema';
import type { Transaction } from '@/lib/db/transaction';
import { ValidationError, type FieldError } from '@/lib/errors';
import { single } from '@/lib/materials/material-access';
import { dayFromParts, todayInLondon } from '@/lib/text/calendar-days';
import { commitmentDescriptionLimit, commitmentKinds, evidenceExpectedLimit } from './commitment-words';

/**
 * The answers of the commitment form (recording and editing), checked: what (a kind, the phase when
 * sharing materials, a short description), by when (a day, not in the past), what will count as
 * evidence, who may see it and who is reminded. Every problem is reported at once, each beside its
 * field, as the GOV.UK pattern asks.
 */
export interface CommitmentAnswers {
  kind: (typeof commitmentKinds)[number];
  phase: string | null;
  description: string;
  dueOn: string;
  evidenceExpected: string;
  visibility: (typeof visibilities)[number];
  contactUserId: string;
}

const text = (value: unknown) => String(single(value) ?? '').trim();

const basics = z.object({
  kind: z.enum(commitmentKinds, { error: 'Choose what your council will do' }),
  description: z
    .string()
    .min(1, 'Describe the commitment in a few words')
    .max(commitmentDescriptionLimit, `The description must be ${commitmentDescriptionLimit} characters or fewer`),
  evidenceExpected: z
    .string()
    .min(1, 'Say what will show that your council kept it')
    .max(evidenceExpectedLimit, `What will count as evidence must be ${evidenceExpectedLimit} characters or fewer`),
  visibility: z.enum(visibilities, { error: 'Choose who can see this commitment' }),
});

/**
 * Checks the answers for a commitment of `organisationId`. `recorderId` is the contact when none is
 * chosen. `keepDay` is the commitment's current date when editing: keeping a date that has since
 * passed is allowed (an overdue commitment can still be corrected), moving it into the past is not.
 */
export async function readCommitmentAnswers(
  tx: Transaction,
  fields: Record<string, unknown>,
  options: { organisationId: string; recorderId: string; keepDay?: string; now?: Date },
): Promise<CommitmentAnswers> {
  const errors: FieldError[] = [];
  const parsed = basics.safeParse({
    kind: text(fields.kind),
    description: text(fields.description),
    evidenceExpected: text(fields.evidenceExpected),
    visibility: text(fields.visibility) || 'public',
  });
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      if (!seen.has(field)) errors.push({ field, message: issue.message });
      seen.add(field);
    }
  }

  let phase: string | null = null;
  if (parsed.success ? parsed.data.kind === 'share-materials' : text(fields.kind) === 'share-materials') {
    phase = text(fields.phase);
    const [known] = phase ? await tx.select({ slug: phases.slug }).from(phases).where(eq(phases.slug, phase)) : [];
    if (!known) {
      errors.push({ field: 'phase', message: 'Choose the phase whose materials your council will share' });
      phase = null;
    }
  }

  const due = dayFromParts(text(fields.dueDay), text(fields.dueMonth), text(fields.dueYear), 'Enter the date your council will do it by');
  let dueOn = '';
  if ('error' in due) errors.push({ field: 'dueDay', message: due.error });
  else if (due.day < todayInLondon(options.now) && due.day !== options.keepDay) errors.push({ field: 'dueDay', message: 'The date must be today or in the future' });
  else dueOn = due.day;

  let contactUserId = options.recorderId;
  const chosen = text(fields.contact);
  if (chosen) {
    const [member] = z.uuid().safeParse(chosen).success
      ? await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.id, chosen), eq(users.organisationId, options.organisationId)))
      : [];
    if (member) contactUserId = member.id;
    else errors.push({ field: 'contact', message: 'Choose a member of your council as the contact' });
  }

  if (errors.length > 0 || !parsed.success) throw new ValidationError(order(errors));
  return { ...parsed.data, phase, dueOn, contactUserId };
}

const fieldOrder = ['kind', 'phase', 'description', 'dueDay', 'evidenceExpected', 'visibility', 'contact'];

/** Errors in the order the fields are on the page, as the error summary lists them. */
function order(errors: FieldError[]): FieldError[] {
  return [...errors].sort((a, b) => fieldOrder.indexOf(a.field) - fieldOrder.indexOf(b.field));
}
