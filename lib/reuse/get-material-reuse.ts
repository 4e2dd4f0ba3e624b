import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { canRecordUse } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { materialUses, organisations } from '@/lib/db/schema';
import { materialToView } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import { downloadCountOf } from './count-download';

export interface MaterialUse {
  council: { slug: string; name: string };
  note: string;
  recordedAt: string;
}

export interface MaterialReuse {
  /** Downloads counted (each viewer once a day), all days together. */
  downloads: number;
  uses: MaterialUse[];
  /** May the viewer record (or change, or withdraw) their own council's use? */
  canRecord: boolean;
  /** The viewer's own council's record, if it has one: the form starts from its note. */
  own: MaterialUse | null;
}

/**
 * How a material was reused: the councils that said they used it, with their notes, and how many
 * times it was downloaded. For anyone who may see the material (canViewMaterial, through
 * materialToView: 'not_found' otherwise). Who recorded each use is not shown.
 */
export async function getMaterialReuse(services: Services, viewer: Viewer, materialId: string): Promise<MaterialReuse> {
  const material = await materialToView(services.db, viewer, materialId);
  const rows = await services.db
    .select({ organisationId: organisations.id, slug: organisations.slug, name: organisations.name, note: materialUses.note, recordedAt: materialUses.recordedAt })
    .from(materialUses)
    .innerJoin(organisations, eq(organisations.id, materialUses.organisationId))
    .where(eq(materialUses.materialId, material.id))
    .orderBy(asc(organisations.name));
  const ownId = viewer.kind === 'user' ? viewer.organisation?.id : undefined;
  const uses = rows.map((row) => ({
    organisationId: row.organisationId,
    use: { council: { slug: row.slug, name: row.name }, note: row.note, recordedAt: row.recordedAt.toISOString() },
  }));
  return {
    downloads: await downloadCountOf(services, material.id),
    uses: uses.map((u) => u.use),
    canRecord: canRecordUse(viewer, material),
    own: uses.find((u) => u.organisationId === ownId)?.use ?? null,
  };
}
