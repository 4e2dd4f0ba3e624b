import 'server-only';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { materialVersionAlternatives, pendingUploads } from '@/lib/db/schema';
import type { AlternativeFormat } from '@/lib/documents';
import { logger } from '@/lib/logging';
import type { Services } from '@/lib/services';
import { newStorageKey } from '@/lib/storage/storage-key';

/**
 * Stores a version's alternative formats, each the way a version's own file is stored
 * (lib/materials/store-file.ts): its server-made key recorded in pending_uploads first, then the bytes,
 * then one transaction that writes the row and removes the pending key. A version that already has
 * an alternative in a format keeps it (another instance got there first): the new copy is deleted.
 * Returns how many were added.
 */
export async function storeVersionAlternatives(services: Services, versionId: string, files: AlternativeFormat[]): Promise<number> {
  let added = 0;
  for (const file of files) {
    const storageKey = newStorageKey();
    await services.db.insert(pendingUploads).values({ storageKey });
    await services.storage.put(storageKey, Readable.from([file.body]), { contentType: file.contentType });
    const inserted = await services.db.transaction(async (tx) => {
      const rows = await tx
        .insert(materialVersionAlternatives)
        .values({
          versionId,
          format: file.format,
          contentType: file.contentType,
          sizeBytes: file.body.length,
          sha256: createHash('sha256').update(file.body).digest('hex'),
          storageKey,
        })
        .onConflictDoNothing()
        .returning({ storageKey: materialVersionAlternatives.storageKey });
      // Kept pending when not recorded, so the sweeper removes it if the delete below fails.
      if (rows.length) await tx.delete(pendingUploads).where(eq(pendingUploads.storageKey, storageKey));
      return rows.length > 0;
    });
    if (inserted) {
      added++;
      continue;
    }
    try {
      await services.storage.delete(storageKey);
      await services.db.delete(pendingUploads).where(eq(pendingUploads.storageKey, storageKey));
    } catch (error) {
      logger('alternatives').warn({ err: error }, 'clean-up deferred to the sweeper');
    }
  }
  return added;
}
