import 'server-only';
import type { Actor } from '@/lib/auth/viewer';
import { filePreviews, materialVersions } from '@/lib/db/schema';
import type { Transaction } from '@/lib/db/transaction';
import type { StoredFile } from './store-file';

/**
 * Records one version of a material's file, as stored (store-file.ts): the one place a version row is
 * written, for sharing (version 1) and for every replacement after it. Its text is read later by the
 * extract-text job ('pending' by default), it is checked before it is published (check_status
 * 'pending'; lib/file-checks), and its preview is made by the make-preview job (a 'pending'
 * file_previews row, written here in the same transaction; lib/material-previews). Returns the new
 * version's id.
 */
export async function insertVersion(
  tx: Transaction,
  version: {
    materialId: string;
    versionNumber: number;
    stored: StoredFile;
    actor: Actor;
    changeNote?: string | null;
    /** Published at once (the starter kit): not checked, and seen by whoever may see the material. */
    publishNow?: boolean;
  },
): Promise<string> {
  const { stored } = version;
  const [row] = await tx
    .insert(materialVersions)
    .values({
      materialId: version.materialId,
      versionNumber: version.versionNumber,
      fileName: stored.fileName,
      format: stored.format.code,
      contentType: stored.format.contentType,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      storageKey: stored.storageKey,
      changeNote: version.changeNote ?? null,
      createdBy: version.actor.kind === 'user' ? version.actor.userId : null,
      // Every other version waits for its check (lib/file-checks) and its uploader's decision.
      ...(version.publishNow ? { checkStatus: 'skipped', publishedAt: new Date() } : {}),
    })
    .returning({ id: materialVersions.id });
  if (!row) throw new Error('insert returned no row');
  await tx.insert(filePreviews).values({ versionId: row.id });
  return row.id;
}
