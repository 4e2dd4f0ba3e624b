import 'server-only';
import type { Viewer } from '@/lib/auth/viewer';
import { AppError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { materialNotFound, materialToChange } from './material-access';
import { replaceMaterialFile, type ReplacedFile } from './replace-material-file';
import { viewableVersion } from './viewable-version';

/** The change note the confirmation page suggests; people may change it. */
export function madeCurrentNote(versionNumber: number): string {
  return `Made version ${versionNumber} current again`;
}

/**
 * Makes an older version of a material's file the current one again, by adding it as a new version
 * (the next number) with the old version's exact bytes, streamed from storage. History is never
 * rewritten: every earlier version, the old one included, stays as it was.
 *
 * It is a replacement in every other way (replaceMaterialFile): the same people may do it, the
 * material becomes a draft until its check has been seen and it is published, and it is audited as a
 * replacement, naming the version it came from.
 *
 * Who: as for replaceMaterialFile ('not_found' / 'forbidden'); a version the viewer may not see, or
 * that does not exist, is 'not_found' as its download is (viewable-version.ts). The current version
 * cannot be made current: 'conflict'.
 */
export async function makeVersionCurrent(
  services: Services,
  viewer: Viewer,
  materialId: string,
  versionNumber: number | string,
  fields: Record<string, unknown>,
): Promise<ReplacedFile> {
  await materialToChange(services.db, viewer, materialId);
  const found = await viewableVersion(services, viewer, materialId, versionNumber);
  if (!found) throw materialNotFound();
  const current = await viewableVersion(services, viewer, materialId);
  if (current?.version.id === found.version.id) throw new AppError('conflict', 'This is already the current version');

  const { body } = await services.storage.get(found.version.storageKey);
  return replaceMaterialFile(services, viewer, materialId, {
    fields,
    file: { fileName: found.version.fileName, stream: body },
    fromVersion: found.version.versionNumber,
  });
}
