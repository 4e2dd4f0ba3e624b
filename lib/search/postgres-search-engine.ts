import { queryRows } from '@/lib/db/query-rows';
import { visibleMaterialsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { vocabularies } from '@/lib/taxonomy/vocabularies';
import {
  facetNames,
  maxPageSize,
  type EngineResults,
  type FacetName,
  type FacetValue,
  type HighlightedText,
  type SearchEngine,
  type SearchFilters,
  type SearchHit,
  type SearchQuery,
  type SearchResults,
} from './search-engine';

/**
 * The built-in search engine: Postgres full-text search on `materials.search_vector`, which the
 * materials_search_vector trigger keeps up to date (title A, summary B, tags/topic labels/council C).
 *
 * - Words go through `websearch_to_tsquery('english', …)`: quoted phrases, `-word` exclusion and `or`,
 *   and it never raises an error whatever is typed.
 * - Every value from outside is a bound parameter; the only SQL text is written here.
 * - Facet counts are disjunctive: each facet is counted with every filter except its own, so people
 *   can widen a selection within a facet.
 * - What may be seen is decided by lib/auth/permissions.ts (`visibleMaterialsSql`), for hits and counts alike.
 *
 * Works the same on PGlite and on Postgres 15+.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres';

  constructor(private readonly db: Database) {}

  async search(viewer: Viewer, query: SearchQuery): Promise<EngineResults> {
    // Postgres refuses NUL in text, and control characters mean nothing to a search.
    const text = query.text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
    const pageSize = clamp(Math.floor(query.pageSize) || 1, 1, maxPageSize);
    const filters = cleanFilters(query.filters);

    const counts = await this.countFacets(viewer, text, filters);
    const total = counts.total;
    const lastPage = Math.max(1, Math.ceil(total / pageSize));
    const page = clamp(Math.floor(query.page) || 1, 1, lastPage);

    const hits = total === 0 ? [] : await this.findHits(viewer, text, filters, query.sort, page, pageSize);
    const facets = await this.buildFacets(counts.byFacet, filters);
    return { total, page, pageSize, hits, facets };
  }

  /** The total and, for each facet, the count per value (computed with every other facet's filter). */
  private async countFacets(viewer: Viewer, text: string, filters: SearchFilters) {
    const conditions = filterConditions(filters);
    const allExcept = (facet: FacetName | null) =>
      sql.join(
        facetNames.filter((name) => name !== facet).map((name) => sql.raw(`f_${name}`)),
        sql` AND `,
      );

    const rows = await queryRows<{ facet: string; value: string | null; label: string | null; count: number }>(this.db, sql`
      WITH ${queryCte(text)},
      base AS (
        SELECT m.phases, m.artefact_type, m.kind, m.topics, m.licence,
               o.slug AS council_slug, o.name AS council_name,
               ${conditions.phases} AS f_phases,
               ${conditions.artefactTypes} AS f_artefactTypes,
               ${conditions.kinds} AS f_kinds,
               ${conditions.topics} AS f_topics,
               ${conditions.councils} AS f_councils,
               ${conditions.licences} AS f_licences
        FROM materials m
        LEFT JOIN organisations o ON o.id = m.organisation_id
        CROSS JOIN search_query
        WHERE ${visibleMaterialsSql(viewer)} AND ${textCondition(text)}
      )
      SELECT 'total' AS facet, NULL AS value, NULL AS label, count(*)::int AS count
        FROM base WHERE ${allExcept(null)}
      UNION ALL
      SELECT 'phases', phase, NULL, count(*)::int
        FROM base CROSS JOIN LATERAL unnest(base.phases) AS phase
        WHERE ${allExcept('phases')} GROUP BY phase
      UNION ALL
      SELECT 'artefactTypes', artefact_type, NULL, count(*)::int
        FROM base WHERE ${allExcept('artefactTypes')} GROUP BY artefact_type
      UNION ALL
      SELECT 'kinds', kind, NULL, count(*)::int
        FROM base WHERE ${allExcept('kinds')} GROUP BY kind
      UNION ALL
      SELECT 'topics', topic, NULL, count(*)::int
        FROM base CROSS JOIN LATERAL unnest(base.topics) AS topic
        WHERE ${allExcept('topics')} GROUP BY topic
      UNION ALL
      SELECT 'councils', council_slug, min(council_name), count(*)::int
        FROM base WHERE council_slug IS NOT NULL AND ${allExcept('councils')} GROUP BY council_slug
      UNION ALL
      SELECT 'licences', licence, NULL, count(*)::int
        FROM base WHERE ${allExcept('licences')} GROUP BY licence
    `);

    let total = 0;
    const byFacet = Object.fromEntries(facetNames.map((name) => [name, new Map<string, { count: number; label: string | null }>()])) as Record<
      FacetName,
      Map<string, { count: number; label: string | null }>
    >;
    for (const row of rows) {
      const count = Number(row.count);
      if (row.facet === 'total') total = count;
      else if (isFacetName(row.facet) && row.value !== null) byFacet[row.facet].set(row.value, { count, label: row.label });
    }
    return { total, byFacet };
  }

  private async findHits(
    viewer: Viewer,
    text: string,
    filters: SearchFilters,
    sort: SearchQuery['sort'],
    page: number,
    pageSize: number,
  ): Promise<SearchHit[]> {
    const conditions = filterConditions(filters);
    const byRelevance = sort === 'relevance' && text !== '';
    const rank = text === '' ? sql`0::real` : sql`ts_rank_cd(m.search_vector, search_query.q)`;
    // Inside `found` the rank is an output column; outside it is found's.
    const order = (table: 'm' | 'found') =>
      sql.raw(
        (byRelevance ? `${table === 'm' ? 'rank' : 'found.rank'} DESC, ` : '') + `${table}.created_at DESC, ${table}.id`,
      );

    const rows = await queryRows<HitRow>(this.db, sql`
      WITH ${queryCte(text)},
      found AS (
        SELECT m.id, m.title, m.summary, m.phases, m.artefact_type, m.kind, m.topics, m.tags, m.licence,
               m.created_at, o.slug AS council_slug, o.name AS council_name, ${rank} AS rank
        FROM materials m
        LEFT JOIN organisations o ON o.id = m.organisation_id
        CROSS JOIN search_query
        WHERE ${visibleMaterialsSql(viewer)} AND ${textCondition(text)} AND ${sql.join(Object.values(conditions), sql` AND `)}
        ORDER BY ${order('m')}
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
      )
      SELECT found.id, found.title, found.summary, found.phases, found.artefact_type, found.kind, found.topics,
             found.tags, found.licence, found.council_slug, found.council_name,
             to_char(found.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
             latest.file_name, latest.format, latest.size_bytes::float8 AS size_bytes,
             ${text === '' ? sql`NULL` : sql`ts_headline('english', ${withoutMarkers(sql`found.title`)}, search_query.q, ${titleHeadlineOptions})`} AS title_headline,
             ${text === '' ? sql`NULL` : sql`ts_headline('english', ${withoutMarkers(sql`found.summary`)}, search_query.q, ${summaryHeadlineOptions})`} AS summary_headline
      FROM found
      CROSS JOIN search_query
      LEFT JOIN LATERAL (
        SELECT v.file_name, v.format, v.size_bytes
        FROM material_versions v
        WHERE v.material_id = found.id
        ORDER BY v.version_number DESC
        LIMIT 1
      ) latest ON true
      ORDER BY ${order('found')}
    `);

    return rows.map((row) => ({
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
      highlights: {
        title: row.title_headline === null ? plain(row.title) : splitHighlights(row.title_headline),
        summary:
          row.summary_headline === null
            ? plain(row.summary)
            : withEllipses(splitHighlights(row.summary_headline), row.summary),
        text: [],
      },
    }));
  }

  /**
   * Facet lists: every vocabulary value with a count above zero, plus any selected value (even at
   * zero, so it can be unticked), sorted by count then label. Councils are labelled from the
   * organisations table.
   */
  private async buildFacets(
    counts: Record<FacetName, Map<string, { count: number; label: string | null }>>,
    filters: SearchFilters,
  ): Promise<SearchResults['facets']> {
    const v = vocabularies();
    const fromVocabulary = (facet: FacetName, items: { value: string; label: string }[]): FacetValue[] => {
      const selected = new Set(filters[facet]);
      return sortFacet(
        items
          .map((item) => ({
            value: item.value,
            label: item.label,
            count: counts[facet].get(item.value)?.count ?? 0,
            selected: selected.has(item.value),
          }))
          .filter((item) => item.count > 0 || item.selected),
      );
    };

    const councilCounts = counts.councils;
    const missing = filters.councils.filter((slug) => !councilCounts.has(slug));
    const missingNames = new Map<string, string>();
    if (missing.length > 0) {
      const rows = await queryRows<{ slug: string; name: string }>(
        this.db,
        sql`SELECT slug, name FROM organisations WHERE slug IN (${sql.join(
          missing.map((slug) => sql`${slug}`),
          sql`, `,
        )})`,
      );
      for (const row of rows) missingNames.set(row.slug, row.name);
    }
    const selectedCouncils = new Set(filters.councils);
    const councils: FacetValue[] = [
      ...[...councilCounts].map(([slug, { count, label }]) => ({
        value: slug,
        label: label ?? slug,
        count,
        selected: selectedCouncils.has(slug),
      })),
      // A selected council with nothing found; one that does not exist at all is left out.
      ...missing
        .filter((slug) => missingNames.has(slug))
        .map((slug) => ({ value: slug, label: missingNames.get(slug)!, count: 0, selected: true })),
    ];

    return {
      phases: fromVocabulary('phases', v.phases.map((p) => ({ value: p.slug, label: p.label }))),
      artefactTypes: fromVocabulary('artefactTypes', v.artefactTypes.map((a) => ({ value: a.slug, label: a.label }))),
      kinds: fromVocabulary('kinds', v.kinds.map((k) => ({ value: k.slug, label: k.label }))),
      topics: fromVocabulary('topics', v.topics.map((t) => ({ value: t.slug, label: t.label }))),
      councils: sortFacet(councils),
      licences: fromVocabulary('licences', v.licences.map((l) => ({ value: l.spdx, label: l.label }))),
    };
  }
}

interface HitRow {
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
  title_headline: string | null;
  summary_headline: string | null;
}

// ---- Query pieces ------------------------------------------------------------------------------------

/** `search_query(q)`: the parsed words, or NULL when browsing. */
function queryCte(text: string): SQL {
  return text === ''
    ? sql`search_query AS (SELECT NULL::tsquery AS q)`
    : sql`search_query AS (SELECT websearch_to_tsquery('english', ${text}) AS q)`;
}

function textCondition(text: string): SQL {
  return text === '' ? sql`true` : sql`m.search_vector @@ search_query.q`;
}

/** One condition per facet; `true` when nothing is selected. Values are bound parameters. */
function filterConditions(filters: SearchFilters): Record<FacetName, SQL> {
  return {
    phases: overlaps(sql`m.phases`, filters.phases),
    artefactTypes: isIn(sql`m.artefact_type`, filters.artefactTypes),
    kinds: isIn(sql`m.kind`, filters.kinds),
    topics: overlaps(sql`m.topics`, filters.topics),
    councils: isIn(sql`o.slug`, filters.councils),
    licences: isIn(sql`m.licence`, filters.licences),
  };
}

function parameters(values: string[]): SQL {
  return sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
}

function overlaps(column: SQL, values: string[]): SQL {
  return values.length === 0 ? sql`true` : sql`(${column} && ARRAY[${parameters(values)}]::text[])`;
}

function isIn(column: SQL, values: string[]): SQL {
  return values.length === 0 ? sql`true` : sql`(${column} IS NOT NULL AND ${column} IN (${parameters(values)}))`;
}

// ---- Highlights ---------------------------------------------------------------------------------------

const startMarker = '\u0002';
const stopMarker = '\u0003';
const fragmentDelimiter = ' … ';

const titleHeadlineOptions = `StartSel="${startMarker}", StopSel="${stopMarker}", HighlightAll=true`;
const summaryHeadlineOptions = `StartSel="${startMarker}", StopSel="${stopMarker}", MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter="${fragmentDelimiter}"`;

/** The markers must mean only what ts_headline put there: take any out of the stored text first. */
function withoutMarkers(column: SQL): SQL {
  return sql`translate(${column}, chr(2) || chr(3), '')`;
}

function plain(text: string): HighlightedText {
  return text === '' ? [] : [{ text, matched: false }];
}

/** Splits ts_headline output marked with \u0002…\u0003 into segments. Exported for tests. */
export function splitHighlights(marked: string): HighlightedText {
  const segments: HighlightedText = [];
  const push = (text: string, matched: boolean) => {
    if (text === '') return;
    const last = segments[segments.length - 1];
    if (last && last.matched === matched) last.text += text;
    else segments.push({ text, matched });
  };
  let matched = false;
  let current = '';
  for (const char of marked) {
    if (char === startMarker || char === stopMarker) {
      push(current, matched);
      current = '';
      matched = char === startMarker;
    } else {
      current += char;
    }
  }
  push(current, matched);
  // Spaces between two highlighted words read better as one highlight.
  return segments.reduce<HighlightedText>((merged, segment) => {
    const previous = merged[merged.length - 1];
    const before = merged[merged.length - 2];
    if (segment.matched && previous && !previous.matched && /^\s+$/.test(previous.text) && before?.matched) {
      before.text += previous.text + segment.text;
      merged.pop();
    } else {
      merged.push({ ...segment });
    }
    return merged;
  }, []);
}

/**
 * A fragment of a longer summary says so with "…" where words were left out at the start or end.
 * (ts_headline cuts at word boundaries, so a full stop left off the end is not a missing word.)
 */
function withEllipses(segments: HighlightedText, stored: string): HighlightedText {
  const full = stored.replace(/[\u0002\u0003]/g, '');
  const shown = segments.map((s) => s.text).join('').trim();
  if (shown === '') return segments;
  const probe = Math.min(24, shown.length);
  const head = shown.slice(0, probe);
  const tail = shown.slice(-probe);
  const headAt = full.indexOf(head);
  const tailAt = full.lastIndexOf(tail);
  const hasWords = (text: string) => /[\p{L}\p{N}]/u.test(text);
  const result = segments.map((s) => ({ ...s }));
  if (headAt > 0 && hasWords(full.slice(0, headAt))) {
    const first = result[0];
    if (first && !first.matched) first.text = `… ${first.text.trimStart()}`;
    else result.unshift({ text: '… ', matched: false });
  }
  if (tailAt >= 0 && hasWords(full.slice(tailAt + tail.length))) {
    const last = result[result.length - 1];
    if (last && !last.matched) last.text = `${last.text.trimEnd()} …`;
    else result.push({ text: ' …', matched: false });
  }
  return result;
}

// ---- Helpers -----------------------------------------------------------------------------------------

function sortFacet(values: FacetValue[]): FacetValue[] {
  return values.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'en-GB'));
}

/**
 * Filter values reach SQL only as bound parameters; this just takes out what Postgres would refuse
 * (NUL). A value is never dropped: that would turn a filter that matches nothing into no filter.
 */
function cleanFilters(filters: SearchFilters): SearchFilters {
  const clean = (values: string[] | undefined) => [...new Set((values ?? []).map((v) => String(v).replace(/\u0000/g, '')))];
  return {
    phases: clean(filters.phases),
    artefactTypes: clean(filters.artefactTypes),
    kinds: clean(filters.kinds),
    topics: clean(filters.topics),
    councils: clean(filters.councils),
    licences: clean(filters.licences),
  };
}

function isFacetName(value: string): value is FacetName {
  return (facetNames as readonly string[]).includes(value);
}

function clamp(value: number, min: number, max: number) {
  return Math.min(Math.max(value, min), max);
}
