import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { canViewVersion } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { materialVersions, organisations, users } from '@/lib/db/schema';
import { formatByCode } from '@/lib/formats/file-formats';
import type { Services } from '@/lib/services';
import { personAndOrganisation } from '@/lib/text/display-name';
import { materialToView } from './material-access';

/** One file version as the versions list shows it: no storage key, no email address. */
export interface MaterialVersionSummary {
  versionNumber: number;
  fileName: string;
  format: string;
  formatLabel: string;
  sizeBytes: number;
  uploadedAt: string;
  /** "Sam Jones, Bristol City Council"; null when not known (the starter kit, imports, a removed account). */
  uploadedBy: string | null;
  changeNote: string | null;
  /** The newest version: the one the material's Download button gives. */
  isCurrent: boolean;
}

/**
 * Every file version of a material, newest first, for people who may see the material (old versions
 * inherit its permissions); 'not_found' for everyone else.
 */
export async function listMaterialVersions(services: Services, viewer: Viewer, materialId: string): Promise<MaterialVersionSummary[]> {
  const material = await materialToView(services.db, viewer, materialId);
  const rows = await services.db
    .select({
      versionNumber: materialVersions.versionNumber,
      fileName: materialVersions.fileName,
      format: materialVersions.format,
      sizeBytes: materialVersions.sizeBytes,
      createdAt: materialVersions.createdAt,
      changeNote: materialVersions.changeNote,
      publishedAt: materialVersions.publishedAt,
      uploaderName: users.name,
      uploaderOrganisation: organisations.name,
    })
    .from(materialVersions)
    .leftJoin(users, eq(users.id, materialVersions.createdBy))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(materialVersions.materialId, material.id))
    .orderBy(desc(materialVersions.versionNumber));
  // A version never published (a draft's earlier file) is listed only for the council (canViewVersion).
  return rows.filter((row, index) => index === 0 || canViewVersion(viewer, material, row)).map((row, index) => ({
    versionNumber: row.versionNumber,
    fileName: row.fileName,
    format: row.format,
    formatLabel: formatByCode(row.format)?.label ?? row.format.toUpperCase(),
    sizeBytes: row.sizeBytes,
    uploadedAt: row.createdAt.toISOString(),
    uploadedBy: personAndOrganisation(row.uploaderName, row.uploaderOrganisation),
    changeNote: row.changeNote,
    isCurrent: index === 0,
  }));
}
