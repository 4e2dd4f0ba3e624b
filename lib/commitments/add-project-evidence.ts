import 'server-only';
import { canCiteProjectAsEvidence } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { AppError, ValidationError } from '@/lib/errors';
import { single } from '@/lib/materials/material-access';
import { projectFor, type ProjectWithFacts } from '@/lib/projects/project-access';
import type { Services } from '@/lib/services';
import { parseUuid } from '@/lib/text/uuid';
import { addEvidence } from './add-evidence';

export const projectEvidenceField = 'project';

const notOneOfOurs = () =>
  new ValidationError([{ field: projectEvidenceField, message: "Choose one of your council's projects, or one it is a partner in" }]);

/**
 * Attaches a project as evidence (canCiteProjectAsEvidence): the council's own project, or one it is
 * an accepted partner in, that the viewer may see. Any other id (a project the council was only
 * invited to, another council's, one that does not exist, not an id at all) is refused with the same
 * message, so nothing is learnt about projects the viewer cannot see. Attaching the same project twice
 * changes nothing. Readers of the commitment see the project only if they may see it themselves
 * (get-commitment.ts counts it as hidden otherwise).
 */
export async function addProjectEvidence(services: Services, viewer: Viewer, commitmentId: unknown, fields: Record<string, unknown>): Promise<void> {
  await addEvidence(services, viewer, commitmentId, async (tx, _user, commitment) => {
    const projectId = parseUuid(String(single(fields[projectEvidenceField]) ?? '').trim());
    if (!projectId) throw new ValidationError([{ field: projectEvidenceField, message: 'Choose a project' }]);
    let project: ProjectWithFacts;
    try {
      project = await projectFor(tx, viewer, projectId, (who, facts) => canCiteProjectAsEvidence(who, commitment, facts));
    } catch (error) {
      if (error instanceof AppError && (error.code === 'not_found' || error.code === 'forbidden')) throw notOneOfOurs();
      throw error;
    }
    return { values: { projectId: project.id }, audit: { projectId: project.id, title: project.name } };
  });
}
