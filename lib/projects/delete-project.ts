import 'server-only';
import { and, eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canDeleteProject } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { requireSignedIn } from '@/lib/commitments/commitment-access';
import { removeProjectEvidence } from '@/lib/commitments/remove-project-evidence';
import { follows, materials, projects } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { projectFor } from './project-access';
import { projectAuditView } from './project-input';

/**
 * Deletes a project with its partners, updates and reminders (canDeleteProject), and its follows: a
 * follow names its target by kind and id in text (lib/db/tables/following.ts), so no foreign key can
 * take them, and they go here, in the same transaction. Its materials stay:
 * they lose the link (materials.project_id is set to null by the database, and here first, so the
 * audit event can say which). Commitments that cited it as evidence lose that evidence, each with an
 * event in its own history (lib/commitments/remove-project-evidence.ts). What the project said stays
 * in the council's audit log.
 */
export async function deleteProject(services: Services, viewer: Viewer, projectId: unknown): Promise<{ organisationId: string }> {
  return services.db.transaction(async (tx) => {
    const row = await projectFor(tx, viewer, projectId, canDeleteProject, undefined, true);
    const user = requireSignedIn(viewer, 'delete a project');
    const unlinked = await tx.update(materials).set({ projectId: null }).where(eq(materials.projectId, row.id)).returning({ id: materials.id });
    const commitmentsAffected = await removeProjectEvidence(tx, user, { id: row.id, name: row.name });
    await tx.delete(follows).where(and(eq(follows.kind, 'project'), eq(follows.target, row.id)));
    await tx.delete(projects).where(eq(projects.id, row.id));
    await recordAuditEvent(tx, user, {
      action: 'project.deleted',
      subjectType: 'project',
      subjectId: row.id,
      organisationId: row.organisationId,
      before: { ...projectAuditView({ ...row, contactUserId: row.contactUserId ?? '' }), status: row.status, partners: row.invitedOrganisationIds, materialsUnlinked: unlinked.map((m) => m.id), commitmentEvidenceRemoved: commitmentsAffected },
    });
    return { organisationId: row.organisationId };
  });
}
