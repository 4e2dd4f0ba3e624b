import 'server-only';
import type { Viewer } from '@/lib/auth/viewer';
import type { Services } from '@/lib/services';
import { askWithFallback } from './index';
import { cleanProjectFilters } from './project-facet-lists';
import type { ProjectSearchFilters, ProjectSearchQuery, ProjectSearchResults } from './project-search-types';

export type * from './project-search-types';

/**
 * Projects matching a search (issue 8, part 4), through the configured engine (Meilisearch's
 * `projects` index, or the built-in Postgres engine), with the same fallback to Postgres as
 * materials when Meilisearch cannot be reached; `fallback` says so. Pages call this, never the tables.
 */
export async function searchProjects(services: Services, viewer: Viewer, query: ProjectSearchQuery): Promise<ProjectSearchResults & { fallback: boolean }> {
  const { found, fallback } = await askWithFallback(services, (engine) => engine.searchProjects(viewer, query));
  return { ...found, fallback };
}

/** How many matching projects the materials search page shows above its materials. */
export const projectSearchLimit = 5;

/** A project query from words and (some) filters: the first page, `pageSize` at a time. */
export function projectQuery(text: string, filters: Partial<ProjectSearchFilters> = {}, options: { page?: number; pageSize?: number; facets?: boolean } = {}): ProjectSearchQuery {
  return {
    text,
    filters: cleanProjectFilters(filters),
    page: options.page ?? 1,
    pageSize: options.pageSize ?? projectSearchLimit,
    ...(options.facets === undefined ? {} : { facets: options.facets }),
  };
}
