import 'server-only';
import { sql } from 'drizzle-orm';
import { publicInterfaceViewer, visibleMaterialsSql } from '@/lib/auth/permissions';
import { queryRows } from '@/lib/db/query-rows';
import { getOrganisation } from '@/lib/organisations/get-organisation';
import { searchMaterials, type SearchHit, type SearchQuery, type SearchResults } from '@/lib/search';
import { facetNames } from '@/lib/search/search-engine';
import { emptySearchQuery, searchFeedHref, searchHref } from '@/lib/search/search-params';
import type { Services } from '@/lib/services';
import { labelOf, vocabularies } from '@/lib/taxonomy/vocabularies';
import { atomFeed, type AtomCategory, type AtomEntry } from './atom-feed';
import { absoluteUrl, hubName } from './site-address';

/**
 * The Atom feeds: the newest public materials of any search (/search/feed) and of one council
 * (/organisations/<slug>/feed). A feed is the same for everyone and is read by feed readers that
 * never sign in, so it always asks as publicInterfaceViewer (lib/auth/permissions.ts): public,
 * published materials only, whoever asks. Found through the search engine, like the search page,
 * then checked against the database again with the same rule (visibleMaterialsSql), so a material
 * withdrawn a moment ago is left out even if the search index has not caught up.
 */

/** Entries in a feed: a reader polls it, so the newest are all it needs. */
export const feedEntryLimit = 50;

/** The feed of a search (words and filters as /search reads them), newest first. */
export async function publicSearchFeed(services: Services, site: string, query: SearchQuery): Promise<string> {
  const results = await newestPublic(services, query);
  const chosen = facetNames.flatMap((facet) => results.facets[facet].filter((value) => value.selected).map((value) => value.label));
  const words = query.text ? `matching “${query.text}”` : '';
  const title = ['Newest public materials', words, chosen.length > 0 ? `(${chosen.join(', ')})` : ''].filter(Boolean).join(' ');
  return atomFeed({
    self: absoluteUrl(site, searchFeedHref(query)),
    alternate: absoluteUrl(site, searchHref({ ...query, sort: 'newest', page: 1 })),
    title: `${title} – ${hubName}`,
    subtitle: `The ${feedEntryLimit} newest public materials on ${hubName} for this search.`,
    author: hubName,
    entries: await entriesOf(services, site, results.hits),
    updatedWhenEmpty: new Date().toISOString(),
  });
}

/** The feed of one council's public materials, newest first; undefined when there is no such council. */
export async function publicOrganisationFeed(services: Services, site: string, slug: unknown): Promise<string | undefined> {
  const organisation = await getOrganisation(services, publicInterfaceViewer, slug);
  if (!organisation) return undefined;
  const query = emptySearchQuery();
  query.filters.councils = [organisation.slug];
  const results = await newestPublic(services, query);
  return atomFeed({
    self: absoluteUrl(site, `/organisations/${organisation.slug}/feed`),
    alternate: absoluteUrl(site, `/organisations/${organisation.slug}`),
    title: `Public materials from ${organisation.name} – ${hubName}`,
    subtitle: `The ${feedEntryLimit} newest public materials ${organisation.name} has shared on ${hubName}.`,
    author: organisation.name,
    entries: await entriesOf(services, site, results.hits),
    updatedWhenEmpty: new Date().toISOString(),
  });
}

function newestPublic(services: Services, query: SearchQuery): Promise<SearchResults> {
  // Every word, never widened to some of them: a feed tells of new materials for exactly this search.
  return searchMaterials(services, publicInterfaceViewer, { ...query, sort: 'newest', page: 1, pageSize: feedEntryLimit, matching: 'all' });
}

/** The hits still public in the database, in the engine's order, with their dates from the database. */
async function entriesOf(services: Services, site: string, hits: SearchHit[]): Promise<AtomEntry[]> {
  if (hits.length === 0) return [];
  const rows = await queryRows<{ id: string; updated_at: string | Date; published_at: string | Date | null; created_at: string | Date }>(
    services.db,
    sql`SELECT m.id, m.updated_at, m.created_at,
               (SELECT min(v.published_at) FROM material_versions v WHERE v.material_id = m.id) AS published_at
          FROM materials m
         WHERE m.id IN (${sql.join(
           hits.map((hit) => sql`${hit.id}`),
           sql`, `,
         )})
           AND ${visibleMaterialsSql(publicInterfaceViewer)}`,
  );
  const dates = new Map(rows.map((row) => [row.id, row]));
  return hits.flatMap((hit) => {
    const row = dates.get(hit.id);
    if (!row) return [];
    const page = absoluteUrl(site, `/materials/${hit.id}`);
    const published = new Date(row.published_at ?? row.created_at).getTime();
    return [
      {
        id: page,
        title: hit.title,
        link: page,
        summary: hit.summary,
        author: hit.council?.name ?? hubName,
        published: new Date(published).toISOString(),
        // Publishing stamps the file a moment after the row: never updated before published.
        updated: new Date(Math.max(published, new Date(row.updated_at).getTime())).toISOString(),
        categories: categoriesOf(site, hit),
      },
    ];
  });
}

/** Phase, type and service area, each with the search address that lists its materials as scheme. */
function categoriesOf(site: string, hit: SearchHit): AtomCategory[] {
  const v = vocabularies();
  const scheme = (param: string) => absoluteUrl(site, `/search?${param}=`);
  return [
    ...hit.phases.map((slug) => ({ term: slug, label: labelOf(v.phases, slug), scheme: scheme('phase') })),
    { term: hit.artefactType, label: labelOf(v.artefactTypes, hit.artefactType), scheme: scheme('type') },
    ...hit.topics.map((slug) => ({ term: slug, label: labelOf(v.topics, slug), scheme: scheme('topic') })),
  ];
}
