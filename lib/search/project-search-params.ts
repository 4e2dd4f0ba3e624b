import 'server-only';
import { collaborationChoices, projectPhases, type Collaboration, type ProjectPhase } from '@/lib/projects/project-words';
import { defaultPageSize, maxFilterValues, parseSearchParams, searchHref, type RawSearchParams } from './search-params';
import type { ProjectSearchQuery } from './project-search-types';

/**
 * The /search page's projects view (`show=projects`), both ways: what the query string asks for, and
 * the links the page shows. The words, service areas (`topic`), councils (`council`) and page are read
 * as for materials (search-params.ts); `phase` takes the project phases (idea … retired) and
 * `collaboration` how open a project is to working with others. Never throws: anything unknown is
 * dropped.
 *
 *   show=projects   q   phase   topic   council   collaboration   page
 */

export const projectsView = 'projects';

export function isProjectsView(raw: RawSearchParams): boolean {
  return valuesOf(raw, 'show')[0] === projectsView;
}

export function parseProjectSearchParams(raw: RawSearchParams): ProjectSearchQuery {
  const shared = parseSearchParams(raw);
  const allowed = <T extends string>(name: string, list: readonly T[]): T[] =>
    [...new Set(valuesOf(raw, name).map((v) => v.trim()))].filter((v): v is T => (list as readonly string[]).includes(v)).slice(0, maxFilterValues);
  return {
    text: shared.text,
    filters: {
      phases: allowed<ProjectPhase>('phase', projectPhases),
      topics: shared.filters.topics,
      councils: shared.filters.councils,
      collaboration: allowed<Collaboration>('collaboration', collaborationChoices),
    },
    page: shared.page,
    pageSize: defaultPageSize,
  };
}

/** `/search?show=projects&…` for a projects query; the first page is left out. */
export function projectSearchHref(query: Pick<ProjectSearchQuery, 'text' | 'filters' | 'page'>): string {
  const params = new URLSearchParams({ show: projectsView });
  if (query.text.trim()) params.set('q', query.text.trim());
  for (const value of query.filters.phases) params.append('phase', value);
  for (const value of query.filters.topics) params.append('topic', value);
  for (const value of query.filters.councils) params.append('council', value);
  for (const value of query.filters.collaboration) params.append('collaboration', value);
  if (query.page > 1) params.set('page', String(query.page));
  return `/search?${params.toString()}`;
}

/** The materials search for the same words, service areas and councils. */
export function materialSearchHrefFor(query: Pick<ProjectSearchQuery, 'text' | 'filters'>): string {
  const { text, filters } = query;
  return searchHref({
    text,
    filters: { phases: [], artefactTypes: [], kinds: [], topics: filters.topics, councils: filters.councils, licences: [] },
    sort: text.trim() === '' ? 'newest' : 'relevance',
    page: 1,
  });
}

function valuesOf(raw: RawSearchParams, name: string): string[] {
  const value = raw instanceof URLSearchParams ? raw.getAll(name) : raw[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');
}
