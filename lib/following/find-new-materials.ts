import 'server-only';
import { visibilityScopeKey } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { searchWithFallback } from '@/lib/search';
import type { PublishedPeriod } from '@/lib/search/search-engine';
import type { Services } from '@/lib/services';
import { councilSlugsFor, followSearchQuery, targetKey } from './follow-targets';

/**
 * What is new for many follows at once: for digests (thousands of followers) and for "new since your
 * last visit". Every answer comes from the search engines, asked as the follower (their live
 * visibility), so a digest never lists anything its recipient may not see when it is built, and there
 * is no second visibility rule here.
 *
 * Asking once per follower is what made digests slow (185 s for 1,000 followers): followers of the
 * same thing who see the same things (visibilityScopeKey: their council, or site admin) over the same
 * period get the same answer, so each such group is asked once, and the engines are asked only for
 * materials published in the period (SearchQuery.published), never the whole search.
 */
export interface NewMaterialsRequest {
  follow: { kind: string; target: string };
  viewer: Viewer;
  period: PublishedPeriod;
}

export interface NewMaterialItem {
  id: string;
  title: string;
  council: string | null;
}

export interface NewMaterials {
  total: number;
  /** The newest first, at most `itemsEach`. */
  items: NewMaterialItem[];
}

export interface FindNewMaterialsResult {
  /** In the order of the requests; undefined where the follow points at nothing any more. */
  answers: (NewMaterials | undefined)[];
  /** How many searches were run (the benchmark reports it). */
  searches: number;
}

export async function findNewMaterials(
  services: Services,
  requests: NewMaterialsRequest[],
  options: { itemsEach: number; concurrency?: number },
): Promise<FindNewMaterialsResult> {
  const councilSlugs = await councilSlugsFor(
    services.db,
    requests.filter((request) => request.follow.kind === 'council').map((request) => request.follow.target),
  );
  const groups = new Map<string, { request: NewMaterialsRequest; positions: number[] }>();
  requests.forEach((request, position) => {
    const key = [targetKey(request.follow), visibilityScopeKey(request.viewer), request.period.after ?? '', request.period.upTo ?? ''].join('\u0001');
    const group = groups.get(key);
    if (group) group.positions.push(position);
    else groups.set(key, { request, positions: [position] });
  });

  const answers: (NewMaterials | undefined)[] = new Array(requests.length).fill(undefined);
  const pending = [...groups.values()];
  let searches = 0;
  // A few at once suit a Postgres pool; on PGlite (one connection) they simply queue.
  const concurrency = options.concurrency ?? 2;
  const work = async () => {
    for (let group = pending.shift(); group; group = pending.shift()) {
      const query = followSearchQuery(group.request.follow, councilSlugs);
      if (!query) continue;
      searches += 1;
      const { found } = await searchWithFallback(services, group.request.viewer, {
        ...query,
        sort: 'newest',
        page: 1,
        pageSize: Math.max(1, options.itemsEach),
        matching: 'all',
        facets: false,
        published: group.request.period,
      });
      const answer: NewMaterials = {
        total: found.total,
        items: found.hits.slice(0, options.itemsEach).map((hit) => ({ id: hit.id, title: hit.title, council: hit.council?.name ?? null })),
      };
      for (const position of group.positions) answers[position] = answer;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, work));
  return { answers, searches };
}
