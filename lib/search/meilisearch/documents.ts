import 'server-only';
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';
import { indexedTextCharacters } from '@/lib/search/indexed-text';

/**
 * What the Meilisearch index holds for a material: what search matches, filters and shows, and
 * nothing else. No storage keys, checksums, uploaders, email addresses, source URLs or withdrawal
 * reasons. `visibility`, `organisationId` and `status` are there only so the visibility filter can run.
 */
export interface MaterialDocument {
  id: string;
  title: string;
  summary: string;
  tags: string[];
  /** The labels of `topics` ("Waste and recycling"), so words find them. */
  topicLabels: string[];
  councilName: string | null;
  /** The latest version's extracted text, its first `maxIndexedTextLength` characters ('' if none). */
  text: string;
  phases: string[];
  artefactType: string;
  kind: string;
  topics: string[];
  councilSlug: string | null;
  licence: string;
  visibility: string;
  organisationId: string | null;
  status: string;
  /** Microseconds since 1970, UTC: what "newest" sorts on (as precise as Postgres's own order). */
  createdAt: number;
  /** ISO 8601 (milliseconds, UTC), as results show it. */
  createdAtIso: string;
  /** Microseconds since 1970, UTC, when first published (null: never yet): digests filter on it. */
  publishedAt: number | null;
  /** ISO 8601 (microseconds, UTC): for people reading a reconcile report. */
  updatedAt: string;
  fileName: string | null;
  format: string | null;
  sizeBytes: number | null;
  /**
   * A hash of everything above: reconcile compares it with the database's to find stale documents
   * (a renamed council or newly extracted text changes it without changing `updatedAt`).
   */
  stamp: string;
}

/** The fields reconcile reads back from the index. */
export const stampFields = ['id', 'stamp', 'updatedAt'] as const;

/**
 * As much text as the Postgres engine indexes (its trigger keeps the first 600,000 characters), which
 * also keeps each document well inside Meilisearch's payload limit.
 */
export const maxIndexedTextLength = indexedTextCharacters;

/** Documents per write request, and bytes of JSON per write request, whichever is reached first. */
export const maxDocumentsPerBatch = 100;
export const maxBytesPerBatch = 10 * 1024 * 1024;

export interface MaterialRow {
  id: string;
  title: string;
  summary: string | null;
  phases: string[] | null;
  artefact_type: string;
  kind: string;
  topics: string[] | null;
  tags: string[] | null;
  licence: string;
  visibility: string;
  status: string;
  organisation_id: string | null;
  council_slug: string | null;
  council_name: string | null;
  topic_labels: string[] | null;
  created_at: string;
  created_at_micros: number | string;
  published_at_micros: number | string | null;
  updated_at: string;
  file_name: string | null;
  format: string | null;
  size_bytes: number | string | null;
  text: string | null;
}

/** The characters the engine uses as highlight and crop markers never come from a document. */
const markerCharacters = /[\u0001-\u0003]/g;
const clean = (value: string | null | undefined) => (value ?? '').replace(markerCharacters, '');

export function toDocument(row: MaterialRow): MaterialDocument {
  const document: Omit<MaterialDocument, 'stamp'> = {
    id: row.id,
    title: clean(row.title),
    summary: clean(row.summary),
    tags: (row.tags ?? []).map(clean),
    topicLabels: row.topic_labels ?? [],
    councilName: row.council_name,
    text: clean(row.text).slice(0, maxIndexedTextLength),
    phases: row.phases ?? [],
    artefactType: row.artefact_type,
    kind: row.kind,
    topics: row.topics ?? [],
    councilSlug: row.council_slug,
    licence: row.licence,
    visibility: row.visibility,
    organisationId: row.organisation_id,
    status: row.status,
    createdAt: Number(row.created_at_micros),
    createdAtIso: row.created_at,
    publishedAt: row.published_at_micros === null ? null : Number(row.published_at_micros),
    updatedAt: row.updated_at,
    fileName: row.file_name,
    format: row.format,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
  };
  return { ...document, stamp: stampOf(document) };
}

/** 16 hex characters of SHA-256 over the document's JSON (its keys are always in the same order). */
export function stampOf(document: Omit<MaterialDocument, 'stamp'> | object): string {
  return createHash('sha256').update(JSON.stringify(document)).digest('hex').slice(0, 16);
}

function selectMaterials(where: SQL, tail: SQL = sql``): SQL {
  return sql`
    SELECT m.id, m.title, m.summary, m.phases, m.artefact_type, m.kind, m.topics, m.tags, m.licence,
           m.visibility, m.status, m.organisation_id,
           o.slug AS council_slug, o.name AS council_name,
           ARRAY(SELECT t.label FROM topics t WHERE t.slug = ANY (m.topics) ORDER BY t.position) AS topic_labels,
           to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
           floor(extract(epoch FROM m.created_at) * 1000000)::float8 AS created_at_micros,
           floor(extract(epoch FROM m.first_published_at) * 1000000)::float8 AS published_at_micros,
           to_char(m.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS updated_at,
           latest.file_name, latest.format, latest.size_bytes::float8 AS size_bytes,
           left(coalesce(latest.text_content, ''), ${maxIndexedTextLength}) AS text
    FROM materials m
    LEFT JOIN organisations o ON o.id = m.organisation_id
    LEFT JOIN LATERAL (
      SELECT v.file_name, v.format, v.size_bytes, v.text_content
      FROM material_versions v
      WHERE v.material_id = m.id
      ORDER BY v.version_number DESC
      LIMIT 1
    ) latest ON true
    WHERE ${where}
    ${tail}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The documents of these materials, whatever their status (the caller decides what to index);
 * materials that no longer exist are simply absent.
 */
export async function loadMaterialDocuments(db: Database, ids: readonly string[]): Promise<MaterialDocument[]> {
  const valid = [...new Set(ids.filter((id) => uuidPattern.test(id)))];
  if (valid.length === 0) return [];
  const rows = await queryRows<MaterialRow>(
    db,
    selectMaterials(sql`m.id IN (${sql.join(valid.map((id) => sql`${id}::uuid`), sql`, `)})`),
  );
  return rows.map(toDocument);
}

/**
 * Every published material's document, `pageSize` at a time in id order (keyset pagination, so a
 * long run is not thrown by rows added or removed meanwhile).
 */
export async function* publishedDocuments(db: Database, pageSize = maxDocumentsPerBatch): AsyncGenerator<MaterialDocument[]> {
  let after: string | null = null;
  for (;;) {
    const where: SQL = after === null ? sql`m.status = 'published'` : sql`m.status = 'published' AND m.id > ${after}::uuid`;
    const rows: MaterialRow[] = await queryRows<MaterialRow>(db, selectMaterials(where, sql`ORDER BY m.id LIMIT ${pageSize}`));
    if (rows.length === 0) return;
    yield rows.map(toDocument);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Splits documents into write requests of at most `maxDocuments` documents and about `maxBytes` bytes
 * of JSON (a single larger document still goes, alone).
 */
export function batchesOf<T>(documents: readonly T[], maxDocuments = maxDocumentsPerBatch, maxBytes = maxBytesPerBatch): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const document of documents) {
    const size = Buffer.byteLength(JSON.stringify(document), 'utf8');
    if (current.length > 0 && (current.length >= maxDocuments || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(document);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
