import 'server-only';
import { eq } from 'drizzle-orm';
import { canViewMaterial } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { materials } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { isUuid } from '@/lib/text/uuid';
import { viewableVersion } from './viewable-version';

/**
 * Whether the viewer may see this material at all: the same rule as every read
 * (lib/auth/permissions.ts, canViewMaterial), answered from its access facts alone. The proxy uses it
 * to answer "Page not found" before a page renders (proxy.ts); the pages still check for themselves.
 */
export async function canSeeMaterial(services: Services, viewer: Viewer, materialId: unknown): Promise<boolean> {
  if (!isUuid(materialId)) return false;
  const [row] = await services.db
    .select({ status: materials.status, visibility: materials.visibility, organisationId: materials.organisationId })
    .from(materials)
    .where(eq(materials.id, materialId));
  return row !== undefined && canViewMaterial(viewer, row);
}

/**
 * Whether the viewer may see this version of the material's file: the same check as its download
 * (viewable-version.ts), so a version's page is "Page not found" exactly when its download is.
 */
export async function canSeeMaterialVersion(services: Services, viewer: Viewer, materialId: unknown, versionNumber: string): Promise<boolean> {
  if (!isUuid(materialId)) return false;
  return (await viewableVersion(services, viewer, materialId, versionNumber)) !== undefined;
}
