import 'server-only';
import { eq, lt } from 'drizzle-orm';
import { pendingUploads } from '@/lib/db/schema';
import type { Services } from '@/lib/services';

/**
 * Deletes files whose upload never finished recording (the process stopped, or clean-up failed,
 * between storing the file and committing its row). Only keys older than `olderThanMs` are touched,
 * so uploads still in progress are left alone. Returns how many were removed.
 */
export async function sweepPendingUploads(services: Services, olderThanMs = 6 * 60 * 60 * 1000): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanMs);
  const stale = await services.db
    .select({ storageKey: pendingUploads.storageKey })
    .from(pendingUploads)
    .where(lt(pendingUploads.createdAt, cutoff));
  let removed = 0;
  for (const { storageKey } of stale) {
    await services.storage.delete(storageKey);
    await services.db.delete(pendingUploads).where(eq(pendingUploads.storageKey, storageKey));
    removed++;
  }
  return removed;
}
