import 'server-only';
import { desc, eq, or } from 'drizzle-orm';
import { canViewMaterial } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { materials, organisations } from '@/lib/db/schema';
import { listThumbnails } from '@/lib/material-previews/list-thumbnails';
import type { Services } from '@/lib/services';
import { materialListLimit, type MaterialListItem } from './material-list-item';

export interface AccountMaterials {
  /** What the viewer shared themself, in every state, that they may still see. */
  yours: MaterialListItem[];
  /** Everything their council has shared, in every state (published and withdrawn). Empty with no council. */
  yourCouncils: MaterialListItem[];
}

/**
 * "Your materials" and "Your council's materials" on the account page, withdrawn ones included so
 * they can be found and restored. The candidates (shared by the viewer, or belonging to their council)
 * are filtered through canViewMaterial, the one visibility rule: someone who has left a council no
 * longer sees what they shared there once it is withdrawn or private.
 */
export async function listAccountMaterials(services: Services, viewer: Viewer): Promise<AccountMaterials> {
  if (viewer.kind !== 'user') return { yours: [], yourCouncils: [] };
  const councilId = viewer.organisation?.id;
  const rows = await services.db
    .select({
      id: materials.id,
      title: materials.title,
      status: materials.status,
      visibility: materials.visibility,
      organisationId: materials.organisationId,
      createdBy: materials.createdBy,
      organisationName: organisations.name,
      updatedAt: materials.updatedAt,
    })
    .from(materials)
    .leftJoin(organisations, eq(organisations.id, materials.organisationId))
    .where(councilId ? or(eq(materials.createdBy, viewer.userId), eq(materials.organisationId, councilId)) : eq(materials.createdBy, viewer.userId))
    .orderBy(desc(materials.updatedAt), desc(materials.id))
    .limit(materialListLimit * 2);
  const seen = rows.filter((row) => canViewMaterial(viewer, row));
  // Thumbnails only for what the viewer may see (filtered above), as search results have them.
  const thumbnails = await listThumbnails(services, seen.map((row) => row.id));
  const item = (row: (typeof rows)[number]): MaterialListItem => {
    const thumbnail = thumbnails.get(row.id);
    return {
      id: row.id,
      title: row.title,
      status: row.status,
      visibility: row.visibility,
      organisationName: row.organisationName,
      updatedAt: row.updatedAt.toISOString(),
      ...(thumbnail ? { thumbnail } : {}),
    };
  };
  return {
    yours: seen.filter((row) => row.createdBy === viewer.userId).slice(0, materialListLimit).map(item),
    yourCouncils: councilId ? seen.filter((row) => row.organisationId === councilId).slice(0, materialListLimit).map(item) : [],
  };
}
