import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canSetOwnName } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { users } from '@/lib/db/schema';
import { AppError, ValidationError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { displayNameProblem, givenName, normaliseDisplayName } from '@/lib/text/display-name';

const nameSchema = z.object({ name: z.string().max(10_000).default('') });

/**
 * A person sets the name others see (member lists, versions, the audit log). Checked by the one rule
 * for names (lib/text/display-name.ts, displayNameProblem). Returns the name as stored.
 */
export async function setDisplayName(services: Services, viewer: Viewer, input: unknown): Promise<{ name: string }> {
  if (viewer.kind !== 'user' || !canSetOwnName(viewer)) throw new AppError('forbidden', 'Sign in to change your name.');
  const parsed = nameSchema.safeParse(input);
  const raw = parsed.success ? parsed.data.name : '';
  const problem = displayNameProblem(raw);
  if (problem) throw new ValidationError([{ field: 'name', message: problem }]);
  const name = normaliseDisplayName(raw);

  return services.db.transaction(async (tx) => {
    const [before] = await tx.select({ name: users.name, organisationId: users.organisationId }).from(users).where(eq(users.id, viewer.userId)).for('update');
    if (!before) throw new AppError('forbidden', 'Sign in to change your name.');
    if (before.name === name) return { name };
    await tx.update(users).set({ name }).where(eq(users.id, viewer.userId));
    await recordAuditEvent(tx, { ...viewer, name }, {
      action: 'user.name_changed',
      subjectType: 'user',
      subjectId: viewer.userId,
      organisationId: before.organisationId,
      before: { name: givenName(before.name) },
      after: { name },
    });
    return { name };
  });
}
