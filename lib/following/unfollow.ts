import 'server-only';
import { eq } from 'drizzle-orm';
import { canManageFollow } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { follows } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { parseUuid } from '@/lib/text/uuid';

/**
 * Stop following. Only one's own follows (canManageFollow): anyone else's, or one that is already gone,
 * is "not found", so ids cannot be probed.
 */
export async function unfollow(services: Services, viewer: Viewer, followId: unknown): Promise<void> {
  if (viewer.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to change what you follow');
  const id = parseUuid(followId);
  await services.db.transaction(async (tx) => {
    const [row] = id ? await tx.select({ id: follows.id, userId: follows.userId }).from(follows).where(eq(follows.id, id)).for('update') : [];
    if (!row || !canManageFollow(viewer, row)) throw new AppError('not_found', 'You do not follow that');
    await tx.delete(follows).where(eq(follows.id, row.id));
  });
}
