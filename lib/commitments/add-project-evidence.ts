import 'server-only';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canAddCommitmentEvidence, canCiteProjectAsEvidence } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { commitmentEvidence } from '@/lib/db/schema';
import { AppError, ValidationError } from '@/lib/errors';
import { single } from '@/lib/materials/material-access';
import { projectFor, type ProjectWithFacts } from '@/lib/projects/project-access';
import type { Services } from '@/lib/services';
import { parseUuid } from '@/lib/text/uuid';
import { cannotAddEvidence } from './add-material-evidence';
import { commitmentFor, requireSignedIn } from './commitment-access';

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
  await services.db.transaction(async (tx) => {
    const commitment = await commitmentFor(tx, viewer, commitmentId, canAddCommitmentEvidence, cannotAddEvidence, true);
    // Anyone signed out was refused above (the rule needs a member): this only tells TypeScript.
    const user = requireSignedIn(viewer, 'add evidence');
    const projectId = parseUuid(String(single(fields[projectEvidenceField]) ?? '').trim());
    if (!projectId) throw new ValidationError([{ field: projectEvidenceField, message: 'Choose a project' }]);
    let project: ProjectWithFacts;
    try {
      project = await projectFor(tx, viewer, projectId, (who, facts) => canCiteProjectAsEvidence(who, commitment, facts));
    } catch (error) {
      if (error instanceof AppError && (error.code === 'not_found' || error.code === 'forbidden')) throw notOneOfOurs();
      throw error;
    }
    const added = await tx
      .insert(commitmentEvidence)
      .values({ commitmentId: commitment.id, projectId: project.id, addedBy: user.userId })
      .onConflictDoNothing()
      .returning({ id: commitmentEvidence.id });
    if (added.length === 0) return;
    await recordAuditEvent(tx, user, {
      action: 'commitment.evidence_added',
      subjectType: 'commitment',
      subjectId: commitment.id,
      organisationId: commitment.organisationId,
      after: { evidenceId: added[0]!.id, projectId: project.id, title: project.name },
    });
  });
}
