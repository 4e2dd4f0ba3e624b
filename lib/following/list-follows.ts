import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/viewer';
import { followerSettings, follows } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { describeTargets, resolveTarget, targetKey } from './follow-targets';
import type { DigestFrequency, FollowKind } from './follow-words';
import { findNewMaterials } from './find-new-materials';

/** One's own follows, for "What you follow" (/account/following). Only the viewer's own: there is no id to ask about. */
export interface FollowView {
  id: string;
  kind: FollowKind;
  label: string;
  href: string;
  /** Materials published since the last visit that the viewer may see (null on a first visit). */
  newSinceLastVisit: number | null;
}

export interface FollowingOverview {
  follows: FollowView[];
  frequency: DigestFrequency;
  lastDigestAt: string | null;
  /** The visit before this one (ISO), which the counts are from; null on a first visit. */
  lastVisitAt: string | null;
}

/**
 * Everything one follows, each with how many new materials there are since the last visit (from the
 * search engines, as the viewer). `markVisit`: remember this visit, so the next one counts from now.
 */
export async function listFollows(services: Services, viewer: Viewer, options: { markVisit?: boolean; now?: Date } = {}): Promise<FollowingOverview> {
  if (viewer.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to see what you follow');
  const now = options.now ?? new Date();
  const [rows, [settings]] = await Promise.all([
    services.db.select().from(follows).where(eq(follows.userId, viewer.userId)).orderBy(asc(follows.createdAt), asc(follows.id)),
    services.db.select().from(followerSettings).where(eq(followerSettings.userId, viewer.userId)),
  ]);
  const views = await describeTargets(services.db, rows);
  const lastVisitAt = settings?.lastVisitAt?.toISOString() ?? null;
  const known = rows.filter((row) => views.get(targetKey(row)));
  const counts = lastVisitAt
    ? (
        await findNewMaterials(
          services,
          known.map((row) => ({ follow: row, viewer, period: { after: lastVisitAt, upTo: now.toISOString() } })),
          { itemsEach: 0 },
        )
      ).answers
    : [];
  if (options.markVisit && settings) {
    await services.db.update(followerSettings).set({ lastVisitAt: now }).where(eq(followerSettings.userId, viewer.userId));
  }
  return {
    follows: known.map((row, index) => {
      const view = views.get(targetKey(row))!;
      return { id: row.id, kind: row.kind as FollowKind, label: view.label, href: view.href, newSinceLastVisit: lastVisitAt ? (counts[index]?.total ?? 0) : null };
    }),
    frequency: (settings?.frequency ?? 'weekly') as DigestFrequency,
    lastDigestAt: settings?.lastDigestAt?.toISOString() ?? null,
    lastVisitAt,
  };
}

/**
 * Whether the viewer follows this council, service area or search (for the Follow / Unfollow button):
 * the follow's id, or null. Anyone signed out, or a target that does not exist, follows nothing.
 */
export async function findFollow(services: Services, viewer: Viewer, kind: FollowKind, posted: string): Promise<string | null> {
  if (viewer.kind !== 'user') return null;
  let target: string;
  try {
    target = await resolveTarget(services.db, viewer, kind, posted);
  } catch {
    return null;
  }
  const [row] = await services.db
    .select({ id: follows.id })
    .from(follows)
    .where(and(eq(follows.userId, viewer.userId), eq(follows.kind, kind), eq(follows.target, target)));
  return row?.id ?? null;
}
