import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';
import { maxDocumentsPerBatch, stampOf } from './documents';

/**
 * What the Meilisearch projects index holds for a project: what search matches, filters and shows,
 * and nothing else. No contact, no email addresses, no funding detail, no links. `visibility`,
 * `organisationId` and `partnerOrganisationIds` are there only so the visibility filter can run.
 */
export interface ProjectDocument {
  id: string;
  name: string;
  summary: string;
  /** The labels of `topics` ("Waste and recycling"), so words find them. */
  topicLabels: string[];
  councilName: string;
  phase: string;
  topics: string[];
  councilSlug: string;
  collaboration: string[];
  status: string;
  visibility: string;
  organisationId: string;
  /** Councils invited as partners, accepted or not: they may see a council-only project too (canViewProject). */
  partnerOrganisationIds: string[];
  /** Microseconds since 1970, UTC: what "newest" sorts on. */
  createdAt: number;
  /** ISO 8601 (microseconds, UTC): for people reading a reconcile report. */
  updatedAt: string;
  /** A hash of everything above: reconcile compares it with the database's (see documents.ts). */
  stamp: string;
}

export interface ProjectRow {
  id: string;
  name: string;
  summary: string;
  topic_labels: string[] | null;
  council_name: string;
  phase: string;
  topics: string[] | null;
  council_slug: string;
  collaboration: string[] | null;
  status: string;
  visibility: string;
  organisation_id: string;
  partner_organisation_ids: string[] | null;
  created_at_micros: number | string;
  updated_at: string;
}

/** The characters the engine uses as highlight markers never come from a document. */
const clean = (value: string | null | undefined) => (value ?? '').replace(/[\u0001-\u0003]/g, '');

export function toProjectDocument(row: ProjectRow): ProjectDocument {
  const document: Omit<ProjectDocument, 'stamp'> = {
    id: row.id,
    name: clean(row.name),
    summary: clean(row.summary),
    topicLabels: row.topic_labels ?? [],
    councilName: row.council_name,
    phase: row.phase,
    topics: row.topics ?? [],
    councilSlug: row.council_slug,
    collaboration: row.collaboration ?? [],
    status: row.status,
    visibility: row.visibility,
    organisationId: row.organisation_id,
    partnerOrganisationIds: [...(row.partner_organisation_ids ?? [])].sort(),
    createdAt: Number(row.created_at_micros),
    updatedAt: row.updated_at,
  };
  return { ...document, stamp: stampOf(document) };
}

function selectProjects(where: SQL, tail: SQL = sql``): SQL {
  return sql`
    SELECT p.id, p.name, p.summary, p.phase, p.topics, p.collaboration, p.status, p.visibility, p.organisation_id,
           o.slug AS council_slug, o.name AS council_name,
           ARRAY(SELECT t.label FROM topics t WHERE t.slug = ANY (p.topics) ORDER BY t.position) AS topic_labels,
           ARRAY(SELECT pp.organisation_id::text FROM project_partners pp WHERE pp.project_id = p.id ORDER BY pp.organisation_id) AS partner_organisation_ids,
           floor(extract(epoch FROM p.created_at) * 1000000)::float8 AS created_at_micros,
           to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS updated_at
    FROM projects p
    JOIN organisations o ON o.id = p.organisation_id
    WHERE ${where}
    ${tail}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The documents of these projects; projects that no longer exist are simply absent. */
export async function loadProjectDocuments(db: Database, ids: readonly string[]): Promise<ProjectDocument[]> {
  const valid = [...new Set(ids.filter((id) => uuidPattern.test(id)))];
  if (valid.length === 0) return [];
  const rows = await queryRows<ProjectRow>(db, selectProjects(sql`p.id IN (${sql.join(valid.map((id) => sql`${id}::uuid`), sql`, `)})`));
  return rows.map(toProjectDocument);
}

/** Every project's document (every project is indexed: visibility is filtered at search time), in id order. */
export async function* allProjectDocuments(db: Database, pageSize = maxDocumentsPerBatch): AsyncGenerator<ProjectDocument[]> {
  let after: string | null = null;
  for (;;) {
    const where: SQL = after === null ? sql`TRUE` : sql`p.id > ${after}::uuid`;
    const rows: ProjectRow[] = await queryRows<ProjectRow>(db, selectProjects(where, sql`ORDER BY p.id LIMIT ${pageSize}`));
    if (rows.length === 0) return;
    yield rows.map(toProjectDocument);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.id;
  }
}
