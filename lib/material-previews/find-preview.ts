import 'server-only';
import { eq } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/viewer';
import { filePreviews } from '@/lib/db/schema';
import { viewableVersion } from '@/lib/materials/viewable-version';
import type { Services } from '@/lib/services';
import type { PreviewContent, PreviewStatus } from './preview-content';

/**
 * A version's preview row, after the same check as the version's download (viewable-version.ts):
 * undefined for a material or version the viewer may not see (or that does not exist). `preview` is
 * null where the version has no preview row yet (files shared before previews, until the worker adds it).
 */
export async function findViewablePreview(services: Services, viewer: Viewer, materialId: string, versionNumber?: string | number) {
  const found = await viewableVersion(services, viewer, materialId, versionNumber);
  if (!found) return undefined;
  const { version, material } = found;
  const [row] = await services.db.select().from(filePreviews).where(eq(filePreviews.versionId, version.id));
  const preview = row
    ? { ...row, status: row.status as PreviewStatus, content: row.content as PreviewContent | null }
    : null;
  return { version, material, preview };
}
