import 'server-only';
import { and, eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canAnswerProjectInvitation } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { requireSignedIn } from '@/lib/commitments/commitment-access';
import { projectPartners } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { projectFor } from './project-access';

/**
 * A member of an invited council accepts (its members may then post updates) or declines (the
 * invitation is removed, and the council no longer sees an 'organisation'-level project). Audited in
 * both councils' logs.
 */
export async function answerProjectInvitation(services: Services, viewer: Viewer, projectId: unknown, answer: 'accept' | 'decline'): Promise<void> {
  await services.db.transaction(async (tx) => {
    const row = await projectFor(tx, viewer, projectId, canAnswerProjectInvitation, () => new AppError('forbidden', 'Your council has no invitation to answer for this project'), true);
    const user = requireSignedIn(viewer, 'answer an invitation');
    const organisationId = user.organisation!.id;
    const partner = and(eq(projectPartners.projectId, row.id), eq(projectPartners.organisationId, organisationId));
    if (answer === 'accept') await tx.update(projectPartners).set({ acceptedAt: new Date() }).where(partner);
    else await tx.delete(projectPartners).where(partner);
    for (const council of [row.organisationId, organisationId]) {
      await recordAuditEvent(tx, user, {
        action: answer === 'accept' ? 'project.partner_accepted' : 'project.partner_declined',
        subjectType: 'project',
        subjectId: row.id,
        organisationId: council,
        after: { organisationId },
      });
    }
  });
}
