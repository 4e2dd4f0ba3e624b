import 'server-only';
import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { materials } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { currentVersion } from './current-version';
import { canViewMaterial } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';

export type Download =
  /** S3: a short-lived presigned URL, made only after the permission check. */
  | { type: 'redirect'; url: string }
  /** Local disk: the app streams the bytes itself. */
  | { type: 'stream'; body: Readable; sizeBytes: number; contentType: string; fileName: string };

/** The current file of a material the viewer may see, or undefined (treated as not found). */
export async function openDownload(services: Services, viewer: Viewer, materialId: string): Promise<Download | undefined> {
  if (!z.uuid().safeParse(materialId).success) return undefined;
  const [material] = await services.db
    .select({ status: materials.status, visibility: materials.visibility, organisationId: materials.organisationId })
    .from(materials)
    .where(eq(materials.id, materialId));
  if (!material || !canViewMaterial(viewer, material)) return undefined;
  const version = await currentVersion(services.db, materialId);
  if (!version) return undefined;

  const file = { fileName: version.fileName, contentType: version.contentType };
  const url = await services.storage.presignedDownloadUrl(version.storageKey, file);
  if (url) return { type: 'redirect', url };
  const { body, sizeBytes } = await services.storage.get(version.storageKey);
  return { type: 'stream', body, sizeBytes, ...file };
}
