import 'server-only';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canRecordCommitment } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { commitments } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { requireSignedIn } from './commitment-access';
import { readCommitmentAnswers } from './commitment-input';

/**
 * Records a public commitment on behalf of the viewer's own council (canRecordCommitment): what it
 * will do, by when, what will count as evidence, who may see it (public unless they choose otherwise)
 * and who is reminded (the recorder unless they choose another member). Audited in the council's log
 * as 'commitment.recorded', which is also the first line of the commitment's history.
 */
export async function recordCommitment(services: Services, viewer: Viewer, fields: Record<string, unknown>, options: { now?: Date } = {}): Promise<{ id: string }> {
  const user = requireSignedIn(viewer, 'record a commitment');
  const organisation = user.organisation;
  if (!organisation || !canRecordCommitment(user)) {
    throw new AppError('forbidden', 'Only members of a council can record a commitment. Join your council first.');
  }
  return services.db.transaction(async (tx) => {
    const answers = await readCommitmentAnswers(tx, fields, { organisationId: organisation.id, recorderId: user.userId, now: options.now });
    const [row] = await tx
      .insert(commitments)
      .values({ ...answers, organisationId: organisation.id, recordedBy: user.userId })
      .returning({ id: commitments.id });
    const id = row!.id;
    await recordAuditEvent(tx, user, {
      action: 'commitment.recorded',
      subjectType: 'commitment',
      subjectId: id,
      organisationId: organisation.id,
      after: auditView(answers),
    });
    return { id };
  });
}

/** What the audit log keeps of a commitment's answers (the contact as an id: no names or addresses). */
export function auditView(answers: { kind: string; phase: string | null; description: string; dueOn: string; evidenceExpected: string; visibility: string; contactUserId: string | null }) {
  return {
    kind: answers.kind,
    phase: answers.phase,
    description: answers.description,
    dueOn: answers.dueOn,
    evidenceExpected: answers.evidenceExpected,
    visibility: answers.visibility,
    contactUserId: answers.contactUserId,
  };
}
