/**
 * In-process search engines a Next.js team might use instead of the hub's own search (MiniSearch,
 * Orama), held to the same documents and the same queries as the hub, for the relevance and latency
 * benchmarks. Only the benchmarks use these (dev dependencies): the hub never does.
 *
 * Each engine indexes, per published material, its title, summary and the text the hub itself
 * extracted from the latest version (material_versions.text_content, as the search trigger reads it),
 * so the comparison is of ranking, not of extraction. The filters (phase, type, kind, topic, council,
 * licence) are kept with each document so that filtered queries can be answered, and every search
 * counts the facets of what it found, as the /search page needs: plain counts over the matches (the
 * hub's counts are disjunctive, which costs it more).
 */
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { materials, materialVersions, organisations } from '@/lib/db/schema';
import type { FacetName, SearchQuery } from '@/lib/search/search-engine';

export interface EngineDocument {
  id: string;
  title: string;
  summary: string;
  /** The extracted text of the latest version ('' when it has none). */
  text: string;
  phases: string[];
  artefactType: string;
  kind: string;
  topics: string[];
  licence: string;
  /** Organisation slug, '' when none. */
  council: string;
  /** Milliseconds since 1970, for "newest first". */
  createdAt: number;
}

export interface EngineResults {
  /** Material ids of the requested page, best first. */
  ids: string[];
  total: number;
  facets: Record<FacetName, Map<string, number>>;
}

export interface InProcessEngine {
  /** How it was set up, to print beside its figures. */
  settings: string;
  search(query: SearchQuery): Promise<EngineResults>;
}

export interface EngineFactory {
  name: string;
  build(documents: EngineDocument[]): Promise<InProcessEngine>;
}

/** Every published material with the text of its latest version, as the hub indexes it. */
export async function loadEngineDocuments(db: Database): Promise<EngineDocument[]> {
  const rows = await db
    .select({
      id: materials.id,
      title: materials.title,
      summary: materials.summary,
      phases: materials.phases,
      artefactType: materials.artefactType,
      kind: materials.kind,
      topics: materials.topics,
      licence: materials.licence,
      council: organisations.slug,
      createdAt: materials.createdAt,
    })
    .from(materials)
    .leftJoin(organisations, eq(materials.organisationId, organisations.id))
    .where(eq(materials.status, 'published'));
  const latest = new Map<string, { version: number; text: string }>();
  for (let i = 0; i < rows.length; i += 1000) {
    const ids = rows.slice(i, i + 1000).map((row) => row.id);
    const versions = await db
      .select({ materialId: materialVersions.materialId, version: materialVersions.versionNumber, text: materialVersions.textContent })
      .from(materialVersions)
      .where(inArray(materialVersions.materialId, ids));
    for (const v of versions) {
      const seen = latest.get(v.materialId);
      if (!seen || v.version > seen.version) latest.set(v.materialId, { version: v.version, text: v.text ?? '' });
    }
  }
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    summary: row.summary,
    text: latest.get(row.id)?.text ?? '',
    phases: row.phases,
    artefactType: row.artefactType ?? '',
    kind: row.kind ?? '',
    topics: row.topics,
    licence: row.licence ?? '',
    council: row.council ?? '',
    createdAt: row.createdAt.getTime(),
  }));
}

const facetFields: Record<FacetName, (d: EngineDocument) => string[]> = {
  phases: (d) => d.phases,
  artefactTypes: (d) => [d.artefactType],
  kinds: (d) => [d.kind],
  topics: (d) => d.topics,
  councils: (d) => (d.council ? [d.council] : []),
  licences: (d) => [d.licence],
};

/** The hub's filter rules: OR within a facet, AND across facets. */
export function matchesFilters(document: EngineDocument, filters: SearchQuery['filters']): boolean {
  return (Object.keys(facetFields) as FacetName[]).every((facet) => {
    const wanted = filters[facet];
    return wanted.length === 0 || facetFields[facet](document).some((value) => wanted.includes(value));
  });
}

export function countFacets(documents: Iterable<EngineDocument>): EngineResults['facets'] {
  const facets = Object.fromEntries((Object.keys(facetFields) as FacetName[]).map((facet) => [facet, new Map<string, number>()])) as EngineResults['facets'];
  for (const document of documents) {
    for (const facet of Object.keys(facetFields) as FacetName[]) {
      for (const value of facetFields[facet](document)) facets[facet].set(value, (facets[facet].get(value) ?? 0) + 1);
    }
  }
  return facets;
}

/** The requested page of a ranked list. */
export function pageOf<T>(ranked: T[], query: SearchQuery): T[] {
  const start = (query.page - 1) * query.pageSize;
  return ranked.slice(start, start + query.pageSize);
}
