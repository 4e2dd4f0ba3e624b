import 'server-only';
import type { Readable } from 'node:stream';
import type { Viewer } from '@/lib/auth/viewer';
import { and, eq } from 'drizzle-orm';
import { materialVersionAlternatives } from '@/lib/db/schema';
import { alternativeFileName, alternativeFormatSchema } from '@/lib/material-alternatives/alternative-formats';
import type { Services } from '@/lib/services';
import { viewableVersion } from './viewable-version';

export type Download =
  /** S3: a short-lived presigned URL, made only after the permission check. */
  | { type: 'redirect'; url: string }
  /** Local disk: the app streams the bytes itself. */
  | { type: 'stream'; body: Readable; sizeBytes: number; contentType: string; fileName: string };

/** The current file of a material the viewer may see, or undefined (treated as not found). */
export async function openDownload(services: Services, viewer: Viewer, materialId: string): Promise<Download | undefined> {
  const found = await viewableVersion(services, viewer, materialId);
  return found ? openStored(services, found.version) : undefined;
}

/**
 * One file version (current or older) of a material the viewer may see, or undefined (treated as not
 * found). Old versions inherit the material's permissions: the same check as the current file
 * (viewable-version.ts, which previews use too).
 */
export async function openVersionDownload(
  services: Services,
  viewer: Viewer,
  materialId: string,
  versionNumber: number | string,
): Promise<Download | undefined> {
  const found = await viewableVersion(services, viewer, materialId, versionNumber);
  return found ? openStored(services, found.version) : undefined;
}

/**
 * A version's file in an alternative format (a starter template as DOCX or ODT), or undefined (treated
 * as not found). The same check as the version's own download (viewable-version.ts): an alternative
 * inherits its version's permissions. `versionNumber` undefined means the current version, so an
 * alternative made for an earlier file is never offered as the current file's.
 */
export async function openAlternativeDownload(
  services: Services,
  viewer: Viewer,
  materialId: string,
  versionNumber: number | string | undefined,
  format: string,
): Promise<Download | undefined> {
  const code = alternativeFormatSchema.safeParse(format);
  if (!code.success) return undefined;
  const found = await viewableVersion(services, viewer, materialId, versionNumber);
  if (!found) return undefined;
  const [alternative] = await services.db
    .select({ storageKey: materialVersionAlternatives.storageKey, contentType: materialVersionAlternatives.contentType })
    .from(materialVersionAlternatives)
    .where(and(eq(materialVersionAlternatives.versionId, found.version.id), eq(materialVersionAlternatives.format, code.data)));
  if (!alternative) return undefined;
  return openStored(services, { ...alternative, fileName: alternativeFileName(found.version.fileName, code.data) });
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
