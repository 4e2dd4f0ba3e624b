import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canEditProject } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { requireSignedIn } from '@/lib/commitments/commitment-access';
import { projects } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { projectFor } from './project-access';
import { projectAuditView, readProjectAnswers } from './project-input';

/** Changes a project's details (canEditProject), audited with before and after as 'project.edited'. */
export async function editProject(services: Services, viewer: Viewer, projectId: unknown, fields: Record<string, unknown>): Promise<void> {
  await services.db.transaction(async (tx) => {
    const row = await projectFor(tx, viewer, projectId, canEditProject, undefined, true);
    const user = requireSignedIn(viewer, 'change a project');
    // The contact stays a member of the project's own council, even when a site admin edits.
    const answers = await readProjectAnswers(tx, fields, { organisationId: row.organisationId, registrarId: row.contactUserId ?? user.userId });
    await tx.update(projects).set({ ...answers, updatedAt: new Date() }).where(eq(projects.id, row.id));
    await recordAuditEvent(tx, user, {
      action: 'project.edited',
      subjectType: 'project',
      subjectId: row.id,
      organisationId: row.organisationId,
      before: projectAuditView({ ...row, contactUserId: row.contactUserId ?? '' }),
      after: projectAuditView(answers),
    });
  });
}
