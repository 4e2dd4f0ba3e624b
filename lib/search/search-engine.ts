/**
 * The search interface every engine implements: the built-in Postgres full-text engine and the
 * Meilisearch engine. Types only (no database, no environment), so pages and components may import
 * them. Both engines pass one contract suite (lib/search/testing/).
 *
 * Engines apply the visibility rules themselves (only what the viewer may see is found and counted);
 * callers never pass a visibility filter.
 */

import type { Viewer } from '@/lib/auth/viewer';
import type { ProjectSearchQuery, ProjectSearchResults } from './project-search-types';

export type * from './project-search-types';

export type FacetName = 'phases' | 'artefactTypes' | 'kinds' | 'topics' | 'councils' | 'licences';

export const facetNames: readonly FacetName[] = ['phases', 'artefactTypes', 'kinds', 'topics', 'councils', 'licences'];

export interface SearchFilters {
  /** Phase slugs (phases.csv). */
  phases: string[];
  /** Artefact type slugs (artefact-types.csv). */
  artefactTypes: string[];
  /** Kind slugs (kinds.csv). */
  kinds: string[];
  /** Topic slugs (topics.csv). */
  topics: string[];
  /** Organisation slugs. */
  councils: string[];
  /** Licence SPDX identifiers (licences.csv). */
  licences: string[];
}

/**
 * 'most-used': most councils that said "We used this" first; 'most-downloaded': most downloads
 * (counted once per viewer a day) first. Ties, and the Meilisearch engine for these two (see its
 * buildSearchRequest), go newest first.
 */
export const searchSorts = ['relevance', 'newest', 'most-used', 'most-downloaded'] as const;
export type SearchSort = (typeof searchSorts)[number];

export interface SearchQuery {
  /** What the person typed. Empty: browse everything. */
  text: string;
  /** OR within a facet, AND across facets. */
  filters: SearchFilters;
  /** 'relevance' with no words falls back to newest. */
  sort: SearchSort;
  /** 1-based. */
  page: number;
  /** At most 50. */
  pageSize: number;
  /**
   * 'all': every word typed must be found. 'some': materials with any of the words, those with the
   * most of them first. Left out (the search page): 'all', and searchMaterials asks for 'some' itself
   * when that finds little (lib/search/index.ts). Given as 'all', never widened (feeds).
   */
  matching?: 'all' | 'some';
  /**
   * Only materials first published in this period (ISO 8601 instants): after `after`, up to and
   * including `upTo`. Digests and "new since your last visit" (lib/following) ask for what is new this
   * way, so one query per followed thing finds only the new materials, however many there are in all.
   * Left out (the search page): any time.
   */
  published?: PublishedPeriod;
  /**
   * false: only the total and the hits, no facet counts (every facet list is then just its selected
   * values, at 0). Digests need no counts, and skipping them is most of a browse query's work.
   * Left out: counted.
   */
  facets?: boolean;
}

export interface PublishedPeriod {
  after?: string;
  upTo?: string;
}

/** Text split into segments; matched segments are the words the query found. Never HTML. */
export type HighlightedText = { text: string; matched: boolean }[];

export interface SearchHit {
  id: string;
  title: string;
  summary: string;
  phases: string[];
  artefactType: string;
  kind: string;
  topics: string[];
  tags: string[];
  licence: string;
  council: { slug: string; name: string } | null;
  /** Of the latest version; null only if a material somehow has no file. */
  format: string | null;
  fileName: string | null;
  sizeBytes: number | null;
  /** ISO 8601, UTC. */
  createdAt: string;
  /**
   * `text` is a snippet from inside the file where the words occur (empty when they were found only
   * in the details, or when browsing).
   */
  highlights: { title: HighlightedText; summary: HighlightedText; text: HighlightedText };
  /** The current file's thumbnail, added by searchMaterials (lib/material-previews); absent when there is none. */
  thumbnail?: { url: string; width: number; height: number };
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

export interface SearchResults {
  total: number;
  /**
   * Set when so many materials match that the built-in engine estimated, from an even sample of them
   * (lib/search/postgres/sampling.ts), rounded: `total`, when more than a thousand are found (the
   * page says "about"), and `facets`, the counts beside the filters. Left out: everything is exact.
   */
  estimated?: { total: boolean; facets: boolean };
  /** The page actually returned (the requested page, brought back within range). */
  page: number;
  pageSize: number;
  hits: SearchHit[];
  facets: Record<FacetName, FacetValue[]>;
  /**
   * Words the engine did not know and searched for close dictionary words instead (as well), so
   * the page can say so: "recyclng" → ["recycling"]. Empty when nothing was corrected, or when the
   * engine does not say (Meilisearch forgives typos without reporting them).
   */
  corrections: { typed: string; closeMatches: string[] }[];
  /**
   * When nothing was found: other words that would find something this viewer may see ("did you
   * mean"), else null. Set by searchMaterials (lib/search/index.ts), not by engines.
   */
  didYouMean: string | null;
  /**
   * True when the configured engine (Meilisearch) could not be reached and these results come from
   * the built-in Postgres engine instead; the page says so.
   */
  fallback: boolean;
  /**
   * Set when few materials had every word typed, so materials with some of the words are shown
   * too, after those with all of them: how many had them all. Null when every result has every word.
   */
  someWords: { allWordsTotal: number } | null;
}

/** What an engine itself returns; `didYouMean`, `fallback` and `someWords` are added around it. */
export type EngineResults = Omit<SearchResults, 'didYouMean' | 'fallback' | 'someWords'>;

/**
 * The material a "More like this" list is made for, as the viewer saw it (lib/search/related.ts
 * checks they may see it before asking an engine).
 */
export interface RelatedSource {
  id: string;
  title: string;
  summary: string;
  artefactType: string;
  /** Service area slugs (topics.csv). */
  topics: string[];
}

export interface SearchEngine {
  /** 'postgres' or 'meilisearch': for logs and the fallback notice. */
  readonly name: string;
  /** Only what `viewer` may see, in hits and in every facet count (lib/auth/permissions.ts). */
  search(viewer: Viewer, query: SearchQuery): Promise<EngineResults>;
  /**
   * "More like this": up to `limit` (at most maxRelated) published materials the viewer may see
   * (lib/auth/permissions.ts, as for search), never `source` itself, each of the same type or sharing
   * a service area with it; those with most of the source's title and summary words (found in their
   * details or their file) first, then those sharing both type and a service area, then newest. Hits
   * carry no highlights.
   */
  related(viewer: Viewer, source: RelatedSource, limit: number): Promise<SearchHit[]>;
  /**
   * Projects (lib/search/project-search-types.ts): the same words, synonyms and typo forgiveness as
   * materials; only projects the viewer may see (visibleProjectsSql: the one visibility rule, partner
   * councils included), in hits and in every facet count.
   */
  searchProjects(viewer: Viewer, query: ProjectSearchQuery): Promise<ProjectSearchResults>;
}

export const maxRelated = 20;

export const maxPageSize = 50;
