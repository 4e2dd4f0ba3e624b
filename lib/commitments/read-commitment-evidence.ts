import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { canViewMaterial, visibleProjectsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { commitmentEvidence, materials, organisations, projects } from '@/lib/db/schema';

export type CommitmentEvidenceItem =
  | { id: string; kind: 'material'; material: { id: string; title: string }; addedAt: Date }
  | { id: string; kind: 'project'; project: { id: string; name: string; council: string }; addedAt: Date }
  | { id: string; kind: 'link'; url: string; title: string; addedAt: Date };

export interface CommitmentEvidenceRead {
  /** What the viewer may see, oldest first. */
  evidence: CommitmentEvidenceItem[];
  /** Materials and projects the viewer may not see: counted, never named. */
  hiddenCount: number;
  /** Every piece, seen or not: the status counts them all (it is the council's word, not the viewer's). */
  total: number;
}

/**
 * A commitment's evidence as this viewer may see it. Materials are checked by the materials' rule
 * (canViewMaterial), projects by the projects' rule in its SQL form (visibleProjectsSql, which takes in
 * partner councils), so a council-only project cited by a public commitment is counted, not shown.
 */
export async function readCommitmentEvidence(db: Database, viewer: Viewer, commitmentId: string): Promise<CommitmentEvidenceRead> {
  const rows = await db
    .select({
      id: commitmentEvidence.id,
      url: commitmentEvidence.url,
      title: commitmentEvidence.title,
      addedAt: commitmentEvidence.addedAt,
      material: { id: materials.id, title: materials.title, status: materials.status, visibility: materials.visibility, organisationId: materials.organisationId },
      project: { id: projects.id, name: projects.name, council: organisations.name },
      // The projects table is aliased `p` for the rule's SQL.
      projectVisible: sql<boolean>`(SELECT ${visibleProjectsSql(viewer)} FROM projects p WHERE p.id = ${commitmentEvidence.projectId})`,
    })
    .from(commitmentEvidence)
    .leftJoin(materials, eq(materials.id, commitmentEvidence.materialId))
    .leftJoin(projects, eq(projects.id, commitmentEvidence.projectId))
    .leftJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(eq(commitmentEvidence.commitmentId, commitmentId))
    .orderBy(asc(commitmentEvidence.addedAt), asc(commitmentEvidence.id));

  const evidence: CommitmentEvidenceItem[] = [];
  let hiddenCount = 0;
  for (const item of rows) {
    if (item.material) {
      if (canViewMaterial(viewer, item.material)) evidence.push({ id: item.id, kind: 'material', material: { id: item.material.id, title: item.material.title }, addedAt: item.addedAt });
      else hiddenCount += 1;
    } else if (item.project?.id) {
      const { id, name, council } = item.project;
      if (item.projectVisible === true) evidence.push({ id: item.id, kind: 'project', project: { id, name: name ?? '', council: council ?? '' }, addedAt: item.addedAt });
      else hiddenCount += 1;
    } else if (item.url && item.title) {
      evidence.push({ id: item.id, kind: 'link', url: item.url, title: item.title, addedAt: item.addedAt });
    }
  }
  return { evidence, hiddenCount, total: rows.length };
}
