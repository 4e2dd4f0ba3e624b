import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/viewer';
import { followerSettings, follows } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { describeTargets, resolveTarget, targetKey } from './follow-targets';
import type { DigestFrequency, FollowKind } from './follow-words';
import { findNewMaterials } from './find-new-materials';
import { findNewProjects } from './find-new-projects';
import { findProjectUpdates } from './find-project-updates';
import { findSimilarProjects } from './find-similar-projects';

/** One's own follows, for "What you follow" (/account/following). Only the viewer's own: there is no id to ask about. */
export interface FollowView {
  id: string;
  kind: FollowKind;
  label: string;
  href: string;
  /**
   * What is new since the last visit that the viewer may see (null on a first visit): for a council or
   * service area, materials published and projects registered; for a project, its updates.
   */
  newSinceLastVisit: number | null;
}

export interface FollowingOverview {
  follows: FollowView[];
  frequency: DigestFrequency;
  lastDigestAt: string | null;
  /** The visit before this one (ISO), which the counts are from; null on a first visit. */
  lastVisitAt: string | null;
  /** Other councils' projects like the viewer's council's own, registered since the last visit (null on a first visit). */
  similarProjectsSinceLastVisit: number | null;
}

/**
 * Everything one follows, each with how much is new since the last visit, as the viewer may see it
 * now: materials from the search engines, projects through visibleProjectsSql, the same functions the
 * digests use. `markVisit`: remember this visit, so the next one counts from now.
 */
export async function listFollows(services: Services, viewer: Viewer, options: { markVisit?: boolean; now?: Date } = {}): Promise<FollowingOverview> {
  if (viewer.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to see what you follow');
  const now = options.now ?? new Date();
  const [rows, [settings]] = await Promise.all([
    services.db.select().from(follows).where(eq(follows.userId, viewer.userId)).orderBy(asc(follows.createdAt), asc(follows.id)),
    services.db.select().from(followerSettings).where(eq(followerSettings.userId, viewer.userId)),
  ]);
  const views = await describeTargets(services.db, rows, viewer);
  const lastVisitAt = settings?.lastVisitAt?.toISOString() ?? null;
  const known = rows.filter((row) => views.get(targetKey(row)));
  const counts = lastVisitAt ? await countsSince(services, viewer, known, { after: lastVisitAt, upTo: now.toISOString() }) : undefined;
  if (options.markVisit && settings) {
    await services.db.update(followerSettings).set({ lastVisitAt: now }).where(eq(followerSettings.userId, viewer.userId));
  }
  return {
    follows: known.map((row, index) => {
      const view = views.get(targetKey(row))!;
      return { id: row.id, kind: row.kind as FollowKind, label: view.label, href: view.href, newSinceLastVisit: counts ? counts.perFollow[index]! : null };
    }),
    frequency: (settings?.frequency ?? 'weekly') as DigestFrequency,
    lastDigestAt: settings?.lastDigestAt?.toISOString() ?? null,
    lastVisitAt,
    similarProjectsSinceLastVisit: counts ? counts.similarProjects : null,
  };
}

/** For each follow, how much is new in the period (in the order given), and how many projects like the viewer's council's. */
async function countsSince(
  services: Services,
  viewer: Viewer,
  rows: { kind: string; target: string }[],
  period: { after: string; upTo: string },
): Promise<{ perFollow: number[]; similarProjects: number }> {
  const [materials, newProjects, updates, similar] = await Promise.all([
    findNewMaterials(services, rows.map((follow) => ({ follow, viewer, period })), { itemsEach: 0 }),
    findNewProjects(services, rows.map((follow) => ({ follow, viewer, period })), { itemsEach: 0 }),
    findProjectUpdates(services, rows.map((follow) => ({ projectId: follow.kind === 'project' ? follow.target : '', viewer, period })), { itemsEach: 0 }),
    findSimilarProjects(services, [{ viewer, period }], { itemsEach: 0 }),
  ]);
  return {
    perFollow: rows.map((_, index) => (materials.answers[index]?.total ?? 0) + (newProjects.answers[index]?.total ?? 0) + (updates.answers[index]?.total ?? 0)),
    similarProjects: similar.answers[0]?.total ?? 0,
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
