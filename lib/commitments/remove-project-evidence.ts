import 'server-only';
import { eq, inArray, isNotNull, and, notExists } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Actor } from '@/lib/auth/viewer';
import { commitmentEvidence, commitments } from '@/lib/db/schema';
import type { Transaction } from '@/lib/db/transaction';

/**
 * A project is being deleted (lib/projects/delete-project.ts, in its transaction): its evidence goes
 * from every commitment that cited it, as a material deleted for good takes its evidence with it.
 * Rather than leave that to the database's cascade, it is removed here so each commitment's history
 * says "Evidence removed (the project's name)", and a kept commitment left with no evidence is no
 * longer kept, as when a member removes its last evidence (remove-evidence.ts). Greying out a row
 * that points nowhere was the other choice; a link to "Page not found" would help no reader.
 * Returns the commitments that lost evidence, for the project's own audit event.
 */
export async function removeProjectEvidence(tx: Transaction, actor: Actor, project: { id: string; name: string }): Promise<string[]> {
  const removed = await tx
    .delete(commitmentEvidence)
    .where(eq(commitmentEvidence.projectId, project.id))
    .returning({ id: commitmentEvidence.id, commitmentId: commitmentEvidence.commitmentId });
  if (removed.length === 0) return [];
  const commitmentIds = removed.map((row) => row.commitmentId);
  const noEvidenceLeft = notExists(tx.select({ one: commitmentEvidence.id }).from(commitmentEvidence).where(eq(commitmentEvidence.commitmentId, commitments.id)));
  const unconfirmed = await tx
    .update(commitments)
    .set({ confirmedAt: null, confirmedBy: null })
    .where(and(inArray(commitments.id, commitmentIds), isNotNull(commitments.confirmedAt), noEvidenceLeft))
    .returning({ id: commitments.id });
  const unconfirmedIds = new Set(unconfirmed.map((row) => row.id));
  const owners = await tx.select({ id: commitments.id, organisationId: commitments.organisationId }).from(commitments).where(inArray(commitments.id, commitmentIds));
  const ownerOf = new Map(owners.map((row) => [row.id, row.organisationId]));
  for (const row of removed) {
    await recordAuditEvent(tx, actor, {
      action: 'commitment.evidence_removed',
      subjectType: 'commitment',
      subjectId: row.commitmentId,
      organisationId: ownerOf.get(row.commitmentId) ?? null,
      before: { evidenceId: row.id, projectId: project.id, title: project.name },
      after: { reason: 'project deleted', ...(unconfirmedIds.has(row.commitmentId) ? { kept: false } : {}) },
    });
  }
  return commitmentIds;
}
