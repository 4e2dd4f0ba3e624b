import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { canViewMaterial, canViewVersion } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { materials, materialVersions } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { isUuid } from '@/lib/text/uuid';
import { currentVersion } from './current-version';
import { versionColumns } from './row-columns';

export type Download =
  /** S3: a short-lived presigned URL, made only after the permission check. */
  | { type: 'redirect'; url: string }
  /** Local disk: the app streams the bytes itself. */
  | { type: 'stream'; body: Readable; sizeBytes: number; contentType: string; fileName: string };

/** The current file of a material the viewer may see, or undefined (treated as not found). */
export async function openDownload(services: Services, viewer: Viewer, materialId: string): Promise<Download | undefined> {
  if (!(await mayView(services, viewer, materialId))) return undefined;
  const version = await currentVersion(services.db, materialId);
  return version ? openStored(services, version) : undefined;
}

/**
 * One file version (current or older) of a material the viewer may see, or undefined (treated as not
 * found). Old versions inherit the material's permissions: the same check as the current file.
 */
export async function openVersionDownload(
  services: Services,
  viewer: Viewer,
  materialId: string,
  versionNumber: number | string,
): Promise<Download | undefined> {
  const parsed = versionNumberSchema.safeParse(versionNumber);
  if (!parsed.success) return undefined;
  const material = await accessFacts(services, materialId);
  if (!material || !canViewMaterial(viewer, material)) return undefined;
  const [version] = await services.db
    .select(versionColumns)
    .from(materialVersions)
    .where(and(eq(materialVersions.materialId, materialId), eq(materialVersions.versionNumber, parsed.data)));
  // The current version goes with the material; an older one never published only to its council.
  const current = await currentVersion(services.db, materialId);
  if (!version || (version.id !== current?.id && !canViewVersion(viewer, material, version))) return undefined;
  return openStored(services, version);
}

/** A version number from a route ("3"), or a number: a positive integer, nothing else ("03", "3.0", "1e3" are refused). */
const versionNumberSchema = z
  .union([z.number(), z.string().regex(/^[1-9][0-9]{0,8}$/).transform(Number)])
  .pipe(z.number().int().min(1).max(2_147_483_647));

async function mayView(services: Services, viewer: Viewer, materialId: string): Promise<boolean> {
  const material = await accessFacts(services, materialId);
  return material !== undefined && canViewMaterial(viewer, material);
}

/** The material's access facts if the viewer may see it at all; undefined otherwise. */
async function accessFacts(services: Services, materialId: string) {
  if (!isUuid(materialId)) return undefined;
  const [material] = await services.db
    .select({ status: materials.status, visibility: materials.visibility, organisationId: materials.organisationId })
    .from(materials)
    .where(eq(materials.id, materialId));
  return material;
}

async function openStored(
  services: Services,
  version: { storageKey: string; fileName: string; contentType: string },
): Promise<Download> {
  const file = { fileName: version.fileName, contentType: version.contentType };
  const url = await services.storage.presignedDownloadUrl(version.storageKey, file);
  if (url) return { type: 'redirect', url };
  const { body, sizeBytes } = await services.storage.get(version.storageKey);
  return { type: 'stream', body, sizeBytes, ...file };
}
