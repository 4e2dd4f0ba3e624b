import type { SearchHit } from '../search-engine';

/**
 * A material's row as the Postgres engine's queries select it (search and "more like this" alike):
 * the material, its council and its latest file. Both turn it into a SearchHit here, each adding its
 * own highlights.
 */
export interface MaterialHitRow {
  id: string;
  title: string;
  summary: string;
  phases: string[] | null;
  artefact_type: string;
  kind: string;
  topics: string[] | null;
  tags: string[] | null;
  licence: string;
  council_slug: string | null;
  council_name: string | null;
  created_at: string;
  file_name: string | null;
  format: string | null;
  size_bytes: number | string | null;
}

export function materialHit(row: MaterialHitRow, highlights: SearchHit['highlights']): SearchHit {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    phases: row.phases ?? [],
    artefactType: row.artefact_type,
    kind: row.kind,
    topics: row.topics ?? [],
    tags: row.tags ?? [],
    licence: row.licence,
    council: row.council_slug && row.council_name ? { slug: row.council_slug, name: row.council_name } : null,
    format: row.format,
    fileName: row.file_name,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    createdAt: row.created_at,
    highlights,
  };
}
