import 'server-only';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canRegisterProject } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { requireSignedIn } from '@/lib/commitments/commitment-access';
import { projects } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { projectAuditView, readProjectAnswers } from './project-input';

/**
 * Registers a project for the viewer's own council (canRegisterProject): whatever the form says, it
 * is their council's. Audited as 'project.registered' in the council's log.
 */
export async function registerProject(services: Services, viewer: Viewer, fields: Record<string, unknown>): Promise<{ id: string }> {
  const user = requireSignedIn(viewer, 'register a project');
  const organisation = user.organisation;
  if (!organisation || !canRegisterProject(user)) {
    throw new AppError('forbidden', 'Only members of a council can register a project. Join your council first.');
  }
  return services.db.transaction(async (tx) => {
    const answers = await readProjectAnswers(tx, fields, { organisationId: organisation.id, registrarId: user.userId });
    const [row] = await tx
      .insert(projects)
      .values({ ...answers, organisationId: organisation.id, registeredBy: user.userId })
      .returning({ id: projects.id });
    const id = row!.id;
    await recordAuditEvent(tx, user, { action: 'project.registered', subjectType: 'project', subjectId: id, organisationId: organisation.id, after: projectAuditView(answers) });
    return { id };
  });
}
