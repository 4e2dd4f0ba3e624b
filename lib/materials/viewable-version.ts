import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { canViewMaterial, canViewVersion } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { materials, materialVersions } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { isUuid } from '@/lib/text/uuid';
import { currentVersion } from './current-version';
import { versionColumns } from './row-columns';

/**
 * The one check for reaching a file version: its download, and everything derived from it (its
 * preview's pages, pictures and thumbnail; SECURITY.md rule 9). The current version goes with the
 * material (canViewMaterial); an older one also needs canViewVersion (one never published is seen
 * only by its council and site admins). Returns the version's row with the material's access facts
 * (status, visibility, council), or undefined for anything the
 * viewer may not see or that does not exist, which callers answer with the same 404.
 *
 * `versionNumber` undefined means the current version.
 */
export async function viewableVersion(services: Services, viewer: Viewer, materialId: string, versionNumber?: number | string) {
  if (!isUuid(materialId)) return undefined;
  const [material] = await services.db
    .select({ status: materials.status, visibility: materials.visibility, organisationId: materials.organisationId })
    .from(materials)
    .where(eq(materials.id, materialId));
  if (!material || !canViewMaterial(viewer, material)) return undefined;
  const current = await currentVersion(services.db, materialId);
  if (versionNumber === undefined) return current ? { version: current, material } : undefined;
  const parsed = versionNumberSchema.safeParse(versionNumber);
  if (!parsed.success) return undefined;
  const [version] = await services.db
    .select(versionColumns)
    .from(materialVersions)
    .where(and(eq(materialVersions.materialId, materialId), eq(materialVersions.versionNumber, parsed.data)));
  if (!version || (version.id !== current?.id && !canViewVersion(viewer, material, version))) return undefined;
  return { version, material };
}

/** A version number from a route ("3"), or a number: a positive integer, nothing else ("03", "3.0", "1e3" are refused). */
const versionNumberSchema = z
  .union([z.number(), z.string().regex(/^[1-9][0-9]{0,8}$/).transform(Number)])
  .pipe(z.number().int().min(1).max(2_147_483_647));
