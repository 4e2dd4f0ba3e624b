import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import { canFollowTarget, type FollowTargetFacts } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { organisations } from '@/lib/db/schema';
import type { Queryable } from '@/lib/db/transaction';
import { AppError, ValidationError } from '@/lib/errors';
import { emptySearchQuery } from '@/lib/search/search-params';
import type { SearchQuery } from '@/lib/search/search-engine';
import { labelOf, vocabularies } from '@/lib/taxonomy/vocabularies';
import type { FollowKind } from './follow-words';
import { savedSearchHref, savedSearchQuery, savedSearchTarget } from './saved-search';

/**
 * What each kind of follow points at, in one place: how a target from a form is checked and stored,
 * whether the viewer may see it (canFollowTarget), its name and page, and the search that finds its
 * new materials. Projects add their kinds here.
 */

/** A follow's target as a page shows it. */
export interface FollowTargetView {
  label: string;
  href: string;
}

/**
 * The stored target for what a form posted: a council's id for its slug, a service area's slug, a
 * search's validated query string. Anything that does not exist, or that the viewer may not see, is
 * "not found" (the same answer, so following cannot be used to find out what exists).
 */
export async function resolveTarget(db: Queryable, viewer: Viewer, kind: FollowKind, posted: string): Promise<string> {
  let target: string | undefined;
  let facts: FollowTargetFacts = { visibility: 'public', organisationId: null };
  if (kind === 'council') {
    const [row] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, posted.slice(0, 100)));
    target = row?.id;
    // A council's page is public; the rule is asked anyway, so a narrower council would be refused.
    if (row) facts = { visibility: 'public', organisationId: row.id };
  } else if (kind === 'topic') {
    target = vocabularies().topics.some((topic) => topic.slug === posted) ? posted : undefined;
  } else {
    if (posted.length > 2000) throw new ValidationError([{ field: 'search', message: 'That search is too long to follow' }]);
    target = savedSearchTarget(posted);
  }
  if (target === undefined || !canFollowTarget(viewer, facts)) throw new AppError('not_found', 'There is nothing to follow there');
  return target;
}

/** Names and pages for many follows at once (one query for councils), read live. */
export async function describeTargets(
  db: Queryable,
  follows: { kind: string; target: string; name: string | null }[],
): Promise<Map<string, FollowTargetView | undefined>> {
  const councilIds = follows.filter((f) => f.kind === 'council').map((f) => f.target);
  const councils = new Map<string, { slug: string; name: string }>();
  if (councilIds.length > 0) {
    const rows = await db.select({ id: organisations.id, slug: organisations.slug, name: organisations.name }).from(organisations).where(inArray(organisations.id, [...new Set(councilIds)]));
    for (const row of rows) councils.set(row.id, row);
  }
  const topics = vocabularies().topics;
  const views = new Map<string, FollowTargetView | undefined>();
  for (const follow of follows) {
    views.set(targetKey(follow), describe(follow, councils, topics));
  }
  return views;
}

function describe(
  follow: { kind: string; target: string; name: string | null },
  councils: Map<string, { slug: string; name: string }>,
  topics: { slug: string; label: string }[],
): FollowTargetView | undefined {
  if (follow.kind === 'council') {
    const council = councils.get(follow.target);
    return council ? { label: council.name, href: `/organisations/${council.slug}` } : undefined;
  }
  if (follow.kind === 'topic') {
    if (!topics.some((topic) => topic.slug === follow.target)) return undefined;
    return { label: labelOf(topics, follow.target), href: `/search?topic=${encodeURIComponent(follow.target)}` };
  }
  if (follow.kind === 'search') return { label: follow.name ?? 'Saved search', href: savedSearchHref(follow.target) };
  return undefined; // a kind this version does not know (written by a newer one): left out, not guessed
}

/**
 * The search that finds a follow's materials (the engines then add the viewer's visibility and the
 * period). `councilSlugs` maps council ids to slugs, read live. Undefined: nothing to search for (a
 * council that was deleted).
 */
export function followSearchQuery(follow: { kind: string; target: string }, councilSlugs: Map<string, string>): SearchQuery | undefined {
  if (follow.kind === 'council') {
    const slug = councilSlugs.get(follow.target);
    return slug ? emptySearchQuery({ filters: { ...emptySearchQuery().filters, councils: [slug] } }) : undefined;
  }
  if (follow.kind === 'topic') return emptySearchQuery({ filters: { ...emptySearchQuery().filters, topics: [follow.target] } });
  if (follow.kind === 'search') return { ...savedSearchQuery(follow.target), page: 1 };
  return undefined;
}

/** The slugs of these councils, read live. */
export async function councilSlugsFor(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: organisations.id, slug: organisations.slug }).from(organisations).where(inArray(organisations.id, unique));
  return new Map(rows.map((row) => [row.id, row.slug]));
}

export const targetKey = (follow: { kind: string; target: string }) => `${follow.kind}\u0000${follow.target}`;
