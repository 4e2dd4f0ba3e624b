import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Viewer } from '@/lib/auth/viewer';
import { filePreviews, materials, materialVersionAlternatives, materialVersions, pendingUploads } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { materialToDelete } from './material-access';
import { logger } from '@/lib/logging';

export interface DeletedMaterial {
  id: string;
  title: string;
  versionsDeleted: number;
  /** Stored files not deleted yet (storage unavailable): left to the sweeper, which retries. */
  filesDeferred: number;
}

/**
 * Deletes a material for good: its row, every version's row (they cascade, and their previews' rows
 * with them), every version's stored file, alternative formats and preview pictures, and its search entry. Site admins only: others who can see it get 'forbidden', others 'not_found'.
 *
 * Never half-written, in this order:
 *   1. One transaction: lock the row, record every version's storage key in pending_uploads, delete the
 *      row (versions cascade), write the audit event. If it fails, nothing has changed.
 *   2. After commit, delete each stored object and then its pending_uploads key. If storage fails (or
 *      the process stops), the key stays in pending_uploads and sweepPendingUploads deletes the object
 *      later (it takes keys older than six hours), so no file outlives its row for long.
 *
 * Search: the built-in engine searches the materials row itself, so deleting the row removes the
 * entry in the same transaction. For Meilisearch, deleting the row writes a search_outbox entry in
 * this same transaction (a database trigger, drizzle/0004), so the worker removes the document even
 * if this process stops.
 */
export async function deleteMaterial(services: Services, viewer: Viewer, materialId: string): Promise<DeletedMaterial> {
  const { deleted, storageKeys } = await services.db.transaction(async (tx) => {
    const row = await materialToDelete(tx, viewer, materialId, true);
    const versions = await tx
      .select({
        id: materialVersions.id,
        versionNumber: materialVersions.versionNumber,
        fileName: materialVersions.fileName,
        sha256: materialVersions.sha256,
        storageKey: materialVersions.storageKey,
      })
      .from(materialVersions)
      .where(eq(materialVersions.materialId, row.id))
      .orderBy(asc(materialVersions.versionNumber));
    const previews = versions.length
      ? await tx.select({ keys: filePreviews.storageKeys }).from(filePreviews).where(inArray(filePreviews.versionId, versions.map((v) => v.id)))
      : [];
    const alternatives = versions.length
      ? await tx
          .select({ key: materialVersionAlternatives.storageKey })
          .from(materialVersionAlternatives)
          .where(inArray(materialVersionAlternatives.versionId, versions.map((v) => v.id)))
      : [];
    // The files, their alternative formats, then their previews' pictures: recorded for the sweeper
    // like the files themselves (the alternatives' rows cascade with their versions).
    const storageKeys = [...versions.map((v) => v.storageKey), ...alternatives.map((a) => a.key), ...previews.flatMap((p) => p.keys)];
    if (storageKeys.length) {
      await tx.insert(pendingUploads).values(storageKeys.map((storageKey) => ({ storageKey }))).onConflictDoNothing();
    }
    // Also queues the Meilisearch removal (the search_outbox trigger), in this transaction.
    await tx.delete(materials).where(eq(materials.id, row.id));
    await recordAuditEvent(tx, viewer, {
      action: 'material.deleted',
      subjectType: 'material',
      subjectId: row.id,
      organisationId: row.organisationId,
      before: {
        title: row.title,
        visibility: row.visibility,
        status: row.status,
        versions: versions.map(({ versionNumber, fileName, sha256 }) => ({ versionNumber, fileName, sha256 })),
      },
      after: null,
    });
    return { deleted: { id: row.id, title: row.title, versionsDeleted: versions.length }, storageKeys };
  });

  let filesDeferred = 0;
  for (const storageKey of storageKeys) {
    try {
      await services.storage.delete(storageKey);
      await services.db.delete(pendingUploads).where(eq(pendingUploads.storageKey, storageKey));
    } catch (error) {
      filesDeferred++;
      logger('delete').warn({ err: error }, 'file clean-up deferred to the sweeper');
    }
  }
  return { ...deleted, filesDeferred };
}
