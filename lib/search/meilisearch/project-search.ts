import 'server-only';
import { sql } from 'drizzle-orm';
import type { MultiSearchQuery, MultiSearchResult } from 'meilisearch';
import { visibleProjectsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';
import type { Collaboration, ProjectPhase, ProjectStatus } from '@/lib/projects/project-words';
import { clamp } from '../facet-lists';
import { cleanProjectFilters, emptyProjectCounts, projectFacetLists, type ProjectCounts } from '../project-facet-lists';
import {
  projectFacetNames,
  type ProjectFacetName,
  type ProjectSearchFilters,
  type ProjectSearchHit,
  type ProjectSearchQuery,
  type ProjectSearchResults,
} from '../project-search-types';
import { maxPageSize } from '../search-engine';
import type { MeiliGateway } from './gateway';
import { projectFacetAttributes, projectSearchFilter } from './project-filters';

/**
 * Projects through Meilisearch's projects index, as materials are searched (meilisearch-engine.ts):
 * the viewer's visibility filter first in every query, disjunctive facet counts in one multi-search,
 * every word must match, the page brought back within range, and the hits checked once more against
 * the database (a narrowing the index has not caught up with never shows a project).
 */

const attributesToRetrieve = ['id', 'name', 'summary', 'councilSlug', 'councilName', 'phase', 'status', 'topics', 'collaboration'];

export interface ProjectSearchRequest {
  text: string;
  filters: ProjectSearchFilters;
  page: number;
  pageSize: number;
  /** The main query first, then one per facet with a selection, in `facetQueries` order. */
  queries: MultiSearchQuery[];
  facetQueries: ProjectFacetName[];
}

/** The multi-search for one projects search: pure, so its shape can be tested without a server. */
export function buildProjectSearchRequest(indexUid: string, viewer: Viewer, query: ProjectSearchQuery): ProjectSearchRequest {
  const text = String(query.text ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  const pageSize = clamp(Math.floor(query.pageSize) || 1, 1, maxPageSize);
  const page = Math.max(1, Math.floor(query.page) || 1);
  const filters = cleanProjectFilters(query.filters);
  const counted = query.facets !== false;
  const main: MultiSearchQuery = {
    indexUid,
    q: text,
    filter: projectSearchFilter(viewer, filters),
    ...(counted ? { facets: projectFacetNames.map((facet) => projectFacetAttributes[facet]) } : {}),
    page,
    hitsPerPage: pageSize,
    matchingStrategy: 'all',
    attributesToRetrieve,
    // Browsing: newest first, as in Postgres. With words: relevance, newest first among equals.
    ...(text === '' ? { sort: ['createdAt:desc', 'id:asc'] } : {}),
  };
  const facetQueries = counted ? projectFacetNames.filter((facet) => filters[facet].length > 0) : [];
  const counts: MultiSearchQuery[] = facetQueries.map((facet) => ({
    indexUid,
    q: text,
    filter: projectSearchFilter(viewer, filters, facet),
    facets: [projectFacetAttributes[facet]],
    matchingStrategy: 'all',
    limit: 0,
  }));
  return { text, filters, page, pageSize, queries: [main, ...counts], facetQueries };
}

/** Each facet's counts: from its own query when it has a selection, else from the main query. */
export function projectFacetCounts(request: ProjectSearchRequest, responses: MultiSearchResult<Record<string, unknown>>[]): ProjectCounts {
  const counts = emptyProjectCounts();
  for (const facet of projectFacetNames) {
    const position = request.facetQueries.indexOf(facet);
    const response = position === -1 ? responses[0] : responses[position + 1];
    if (!response) throw new Error(`Meilisearch left out the project counts for ${facet}`);
    for (const [value, count] of Object.entries(response.facetDistribution?.[projectFacetAttributes[facet]] ?? {})) if (count > 0) counts[facet].set(value, count);
  }
  return counts;
}

const asString = (value: unknown): string => (typeof value === 'string' ? value : '');
const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export function toProjectHit(hit: Record<string, unknown>): ProjectSearchHit {
  return {
    id: String(hit.id),
    name: asString(hit.name),
    summary: asString(hit.summary),
    council: { slug: asString(hit.councilSlug), name: asString(hit.councilName) },
    phase: asString(hit.phase) as ProjectPhase,
    status: asString(hit.status) as ProjectStatus,
    topics: asStrings(hit.topics),
    collaboration: asStrings(hit.collaboration) as Collaboration[],
  };
}

function totalOf(response: MultiSearchResult<Record<string, unknown>>): number {
  const total = response.totalHits ?? response.estimatedTotalHits;
  if (typeof total !== 'number') throw new Error('Meilisearch answered without a total');
  return total;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function searchProjectsInMeilisearch(
  gateway: MeiliGateway,
  db: Database,
  indexUid: string,
  viewer: Viewer,
  query: ProjectSearchQuery,
): Promise<ProjectSearchResults> {
  const request = buildProjectSearchRequest(indexUid, viewer, query);
  const responses = await gateway.multiSearch(request.queries);
  let main = responses[0];
  if (!main) throw new Error('Meilisearch answered a multi-search with no results');
  const total = totalOf(main);
  const page = clamp(request.page, 1, Math.max(1, Math.ceil(total / request.pageSize)));
  if (page !== request.page && total > 0) {
    const [again] = await gateway.multiSearch([{ ...request.queries[0]!, page }]);
    if (!again) throw new Error('Meilisearch answered a multi-search with no results');
    main = again;
  }
  const counts = projectFacetCounts(request, responses);
  const hitIds = main.hits.map((hit) => String(hit.id)).filter((id) => uuidPattern.test(id));
  const slugs = [...new Set([...counts.councils.keys(), ...request.filters.councils])];
  const [visible, councilNames] = await Promise.all([
    hitIds.length === 0
      ? Promise.resolve(new Set<string>())
      : queryRows<{ id: string }>(db, sql`SELECT p.id FROM projects p WHERE p.id IN (${sql.join(hitIds.map((id) => sql`${id}::uuid`), sql`, `)}) AND ${visibleProjectsSql(viewer)}`).then(
          (rows) => new Set(rows.map((row) => row.id)),
        ),
    slugs.length === 0
      ? Promise.resolve(new Map<string, string>())
      : queryRows<{ slug: string; name: string }>(db, sql`SELECT slug, name FROM organisations WHERE slug IN (${sql.join(slugs.map((slug) => sql`${slug}`), sql`, `)})`).then(
          (rows) => new Map(rows.map((row) => [row.slug, row.name])),
        ),
  ]);
  const hits = main.hits.filter((hit) => visible.has(String(hit.id))).map(toProjectHit);
  return {
    total: Math.max(0, total - (main.hits.length - hits.length)),
    page,
    pageSize: request.pageSize,
    hits,
    facets: projectFacetLists(counts, request.filters, councilNames),
  };
}
