/**
 * The search interface every engine implements: the built-in Postgres full-text engine now, a
 * Meilisearch engine later. Types only (no database, no environment), so pages and components may
 * import them.
 *
 * Engines apply the visibility rules themselves (only what the viewer may see is found and counted);
 * callers never pass a visibility filter.
 */

import type { Viewer } from '@/lib/auth/viewer';

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

export type SearchSort = 'relevance' | 'newest';

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
  highlights: { title: HighlightedText; summary: HighlightedText };
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

export interface SearchResults {
  total: number;
  /** The page actually returned (the requested page, brought back within range). */
  page: number;
  pageSize: number;
  hits: SearchHit[];
  facets: Record<FacetName, FacetValue[]>;
}

export interface SearchEngine {
  /** Only what `viewer` may see, in hits and in every facet count (lib/auth/permissions.ts). */
  search(viewer: Viewer, query: SearchQuery): Promise<SearchResults>;
}

export const maxPageSize = 50;
