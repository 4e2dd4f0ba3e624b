import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { visibleProjectsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';
import type { Collaboration, ProjectPhase, ProjectStatus } from '@/lib/projects/project-words';
import { clamp } from '../facet-lists';
import { cleanProjectFilters, emptyProjectCounts, projectFacetLists, type ProjectCounts } from '../project-facet-lists';
import { projectFacetNames, type ProjectFacetName, type ProjectSearchFilters, type ProjectSearchQuery, type ProjectSearchResults } from '../project-search-types';
import { maxPageSize } from '../search-engine';
import { planSearch } from './plan';

/**
 * Projects in the built-in engine: the words planned as for materials (planSearch: the same synonyms,
 * and typed words the dictionary does not know widened with close dictionary words, the dictionary
 * holding projects' words too), matched against each project's name (A), summary (B) and service
 * areas and council (C) with Postgres full-text search, on both drivers; only projects the viewer may
 * see (visibleProjectsSql, the one visibility rule, partner councils included), in hits and counts.
 *
 * Projects are few (a register, not a library), so the vector is worked out per query rather than
 * stored. Facet counts are disjunctive, as for materials.
 */

const projectVector = sql`(setweight(to_tsvector('english', p.name), 'A') || setweight(to_tsvector('english', p.summary), 'B') ||
  setweight(to_tsvector('english', coalesce((SELECT string_agg(t.label, ' ') FROM topics t WHERE t.slug = ANY (p.topics)), '') || ' ' || o.name), 'C'))`;

const from = sql`projects p JOIN organisations o ON o.id = p.organisation_id`;

const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

function facetCondition(facet: ProjectFacetName, values: readonly string[]): SQL {
  switch (facet) {
    case 'phases':
      return sql`p.phase IN (${list(values)})`;
    case 'topics':
      return sql`p.topics && ARRAY[${list(values)}]::text[]`;
    case 'councils':
      return sql`o.slug IN (${list(values)})`;
    case 'collaboration':
      return sql`p.collaboration && ARRAY[${list(values)}]::text[]`;
  }
}

function filterConditions(filters: ProjectSearchFilters, except?: ProjectFacetName): SQL[] {
  return projectFacetNames.filter((facet) => facet !== except && filters[facet].length > 0).map((facet) => facetCondition(facet, filters[facet]));
}

/** The value each project is counted under, per facet (arrays unnested). */
const facetValue: Record<ProjectFacetName, SQL> = {
  phases: sql`p.phase`,
  topics: sql`unnest(p.topics)`,
  councils: sql`o.slug`,
  collaboration: sql`unnest(p.collaboration)`,
};

type Row = { id: string; name: string; summary: string; slug: string; council: string; phase: ProjectPhase; status: ProjectStatus; topics: string[]; collaboration: Collaboration[] };

export async function searchProjectsInPostgres(db: Database, viewer: Viewer, query: ProjectSearchQuery): Promise<ProjectSearchResults> {
  const pageSize = clamp(Math.floor(query.pageSize) || 1, 1, maxPageSize);
  const filters = cleanProjectFilters(query.filters);
  const plan = await planSearch(db, typeof query.text === 'string' ? query.text : '');
  const councilNames = await namesOf(db, filters.councils);
  const empty = (): ProjectSearchResults => ({ total: 0, page: 1, pageSize, hits: [], facets: projectFacetLists(emptyProjectCounts(), filters, councilNames) });
  if (plan.kind === 'nothing') return empty();

  const base: SQL[] = [visibleProjectsSql(viewer)];
  if (plan.kind === 'words') base.push(sql`${projectVector} @@ ${plan.match}`);
  const where = sql.join([...base, ...filterConditions(filters)], sql` AND `);

  const [counted] = await queryRows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM ${from} WHERE ${where}`);
  const total = counted?.total ?? 0;
  const page = clamp(Math.max(1, Math.floor(query.page) || 1), 1, Math.max(1, Math.ceil(total / pageSize)));
  const order = plan.kind === 'words' ? sql`ts_rank(${projectVector}, ${plan.match}) DESC, p.created_at DESC, p.id ASC` : sql`p.created_at DESC, p.id ASC`;
  const rows =
    total === 0
      ? []
      : await queryRows<Row>(
          db,
          sql`SELECT p.id, p.name, p.summary, o.slug, o.name AS council, p.phase, p.status, p.topics, p.collaboration
              FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        );

  const counts = query.facets === false ? emptyProjectCounts() : await countFacets(db, base, filters);
  for (const [slug, name] of await namesOf(db, [...counts.councils.keys()].filter((slug) => !councilNames.has(slug)))) councilNames.set(slug, name);
  return {
    total,
    page,
    pageSize,
    hits: rows.map((row) => ({
      id: row.id,
      name: row.name,
      summary: row.summary,
      council: { slug: row.slug, name: row.council },
      phase: row.phase,
      status: row.status,
      topics: row.topics,
      collaboration: row.collaboration,
    })),
    facets: projectFacetLists(counts, filters, councilNames),
  };
}

/** Each facet counted with the words, the visibility rule and every filter but its own. */
async function countFacets(db: Database, base: SQL[], filters: ProjectSearchFilters): Promise<ProjectCounts> {
  const counts = emptyProjectCounts();
  for (const facet of projectFacetNames) {
    const where = sql.join([...base, ...filterConditions(filters, facet)], sql` AND `);
    const rows = await queryRows<{ value: string; count: number }>(
      db,
      sql`SELECT v.value, count(*)::int AS count FROM (SELECT ${facetValue[facet]} AS value FROM ${from} WHERE ${where}) v GROUP BY v.value`,
    );
    for (const row of rows) if (row.value !== null) counts[facet].set(row.value, row.count);
  }
  return counts;
}

async function namesOf(db: Database, slugs: string[]): Promise<Map<string, string>> {
  if (slugs.length === 0) return new Map();
  const rows = await queryRows<{ slug: string; name: string }>(db, sql`SELECT slug, name FROM organisations WHERE slug IN (${list(slugs)})`);
  return new Map(rows.map((row) => [row.slug, row.name]));
}
