import 'server-only';
import { sql } from 'drizzle-orm';
import { publicInterfaceViewer, visibleMaterialsSql } from '@/lib/auth/permissions';
import { queryRows } from '@/lib/db/query-rows';
import { formatByCode } from '@/lib/formats/file-formats';
import type { Services } from '@/lib/services';
import { labelOf, vocabularies } from '@/lib/taxonomy/vocabularies';

/**
 * The public materials of the data catalogue, one page of rows at a time, so a hub of 100,000
 * materials is never held in memory at once. Asked as publicInterfaceViewer (lib/auth/permissions.ts)
 * through visibleMaterialsSql: public and published only, whoever asks. Each comes with its newest
 * published file (a replacement still being checked is not public yet).
 */

export interface CatalogueRecord {
  id: string;
  title: string;
  summary: string;
  /** ISO 8601. */
  issued: string;
  modified: string;
  /** Labels of its phases, type and service areas, then its tags. */
  keywords: string[];
  publisher: { slug: string; name: string; gssCode: string | null } | null;
  licence: { spdx: string; label: string; url: string | null };
  file: { versionNumber: number; fileName: string; mediaType: string; formatLabel: string; byteSize: number };
}

/** Rows per database query: small enough to keep memory flat, large enough to be quick. */
export const catalogueBatchSize = 500;

interface Row {
  id: string;
  title: string;
  summary: string;
  phases: string[];
  artefact_type: string;
  topics: string[];
  tags: string[];
  licence: string;
  created_at: string | Date;
  updated_at: string | Date;
  slug: string | null;
  name: string | null;
  gss_code: string | null;
  version_number: number;
  file_name: string;
  format: string;
  content_type: string;
  size_bytes: number | string;
  published_at: string | Date;
}

export async function* publicCatalogueRecords(services: Services, batchSize = catalogueBatchSize): AsyncGenerator<CatalogueRecord> {
  let after: string | null = null;
  for (;;) {
    // Keyset paging on the primary key: each query starts where the last ended, however deep.
    const rows: Row[] = await queryRows<Row>(
      services.db,
      sql`SELECT m.id, m.title, m.summary, m.phases, m.artefact_type, m.topics, m.tags, m.licence, m.created_at, m.updated_at,
                 o.slug, o.name, o.gss_code,
                 v.version_number, v.file_name, v.format, v.content_type, v.size_bytes, v.published_at
            FROM materials m
            LEFT JOIN organisations o ON o.id = m.organisation_id
            JOIN LATERAL (
                 SELECT version_number, file_name, format, content_type, size_bytes, published_at FROM material_versions
                  WHERE material_id = m.id AND published_at IS NOT NULL
                  ORDER BY version_number DESC LIMIT 1
            ) v ON true
           WHERE ${visibleMaterialsSql(publicInterfaceViewer)} ${after === null ? sql`` : sql`AND m.id > ${after}`}
           ORDER BY m.id
           LIMIT ${batchSize}`,
    );
    for (const row of rows) yield recordOf(row);
    if (rows.length < batchSize) return;
    after = rows.at(-1)!.id;
  }
}

function recordOf(row: Row): CatalogueRecord {
  const v = vocabularies();
  const licence = v.licences.find((l) => l.spdx === row.licence);
  const keywords = [
    ...row.phases.map((slug) => labelOf(v.phases, slug)),
    labelOf(v.artefactTypes, row.artefact_type),
    ...row.topics.map((slug) => labelOf(v.topics, slug)),
    ...row.tags,
  ];
  const format = formatByCode(row.format);
  const fileChanged = new Date(row.published_at).getTime();
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    issued: new Date(row.created_at).toISOString(),
    modified: new Date(Math.max(new Date(row.updated_at).getTime(), fileChanged)).toISOString(),
    keywords: [...new Set(keywords)],
    publisher: row.slug && row.name ? { slug: row.slug, name: row.name, gssCode: row.gss_code } : null,
    licence: { spdx: row.licence, label: licence?.label ?? row.licence, url: licence?.url || null },
    file: {
      versionNumber: row.version_number,
      fileName: row.file_name,
      mediaType: (format?.contentType ?? row.content_type).split(';')[0]!.trim(),
      formatLabel: format?.label ?? row.format.toUpperCase(),
      byteSize: Number(row.size_bytes),
    },
  };
}
