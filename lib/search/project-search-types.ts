/**
 * Searching projects (issue 8, part 4): what every search engine answers when asked for projects.
 * Types and small constants only (no database, no environment), so pages may import them.
 *
 * Projects are found by the same words as materials (synonyms, typos, other forms of a word), and only
 * those the viewer may see: the one visibility rule (lib/auth/permissions.ts, visibleProjectsSql),
 * where a council's invited partner councils see its council-only projects too.
 */

import type { Collaboration, ProjectPhase, ProjectStatus } from '@/lib/projects/project-words';
import type { FacetValue } from './search-engine';

export interface ProjectSearchFilters {
  /** Project phases (idea … retired: lib/projects/project-words.ts). */
  phases: ProjectPhase[];
  /** Service areas (topic slugs). */
  topics: string[];
  /** Councils' slugs. */
  councils: string[];
  /** How open to working with others. */
  collaboration: Collaboration[];
}

export type ProjectFacetName = keyof ProjectSearchFilters;

export const projectFacetNames: readonly ProjectFacetName[] = ['phases', 'topics', 'councils', 'collaboration'];

export interface ProjectSearchQuery {
  /** What the person typed. Empty: browse every project the viewer may see, newest first. */
  text: string;
  /** OR within a facet, AND across facets. */
  filters: ProjectSearchFilters;
  /** 1-based; brought back within range in the answer. */
  page: number;
  /** At most maxPageSize (50). */
  pageSize: number;
  /** false: no facet counts (each list is then only its selected values, at 0). Left out: counted. */
  facets?: boolean;
}

export interface ProjectSearchHit {
  id: string;
  name: string;
  summary: string;
  council: { slug: string; name: string };
  phase: ProjectPhase;
  status: ProjectStatus;
  topics: string[];
  collaboration: Collaboration[];
}

export interface ProjectSearchResults {
  total: number;
  /** The page actually returned. */
  page: number;
  pageSize: number;
  /** With words: best match first (a word in the name above one only in the summary). Browsing: newest first. */
  hits: ProjectSearchHit[];
  /** Each facet counted with every filter but its own, as for materials. */
  facets: Record<ProjectFacetName, FacetValue[]>;
}

export function noProjectFilters(): ProjectSearchFilters {
  return { phases: [], topics: [], councils: [], collaboration: [] };
}
