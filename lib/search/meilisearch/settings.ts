import 'server-only';
import type { Settings } from 'meilisearch';
import { synonymGroups } from '../synonyms';
import { filterableAttributes } from './filters';
import { projectFilterableAttributes } from './project-filters';
import { waitForTasks, type MeiliGateway } from './gateway';

/**
 * The index settings, applied by code (never by hand in a dashboard), so that every index the hub
 * builds (the live one, a reindex's fresh one, a test's) is the same.
 */

/** Searched in this order of importance: a word in the title counts most, one inside the file least. */
export const searchableAttributes = ['title', 'summary', 'tags', 'topicLabels', 'councilName', 'text'] as const;

/** `createdAt` is microseconds since 1970 (a number), `id` breaks ties, as in the Postgres engine. */
export const sortableAttributes = ['createdAt', 'id'] as const;

/**
 * `sort` first, so "newest" is strictly by date, as in the Postgres engine; without a sort parameter
 * it does nothing and the usual relevance rules apply, newest first among equals. ("attribute" is
 * understood by every server version; 1.36 split it into attributeRank and wordPosition.)
 */
export const rankingRules = ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', 'createdAt:desc'] as const;

/**
 * Postgres's English stop-word list (the one `to_tsvector('english', …)` drops), so that "a guide to
 * housing" needs the same words in both engines.
 */
export const stopWords = [
  'i', 'me', 'my', 'myself', 'we', 'our', 'ours', 'ourselves', 'you', 'your', 'yours', 'yourself',
  'yourselves', 'he', 'him', 'his', 'himself', 'she', 'her', 'hers', 'herself', 'it', 'its', 'itself',
  'they', 'them', 'their', 'theirs', 'themselves', 'what', 'which', 'who', 'whom', 'this', 'that', 'these',
  'those', 'am', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'have', 'has', 'had', 'having', 'do',
  'does', 'did', 'doing', 'a', 'an', 'the', 'and', 'but', 'if', 'or', 'because', 'as', 'until', 'while',
  'of', 'at', 'by', 'for', 'with', 'about', 'against', 'between', 'into', 'through', 'during', 'before',
  'after', 'above', 'below', 'to', 'from', 'up', 'down', 'in', 'out', 'on', 'off', 'over', 'under',
  'again', 'further', 'then', 'once', 'here', 'there', 'when', 'where', 'why', 'how', 'all', 'any',
  'both', 'each', 'few', 'more', 'most', 'other', 'some', 'such', 'no', 'nor', 'not', 'only', 'own',
  'same', 'so', 'than', 'too', 'very', 's', 't', 'can', 'will', 'just', 'don', 'should', 'now',
];

/** More than any facet can have (382 councils and the public bodies), so counts are never cut short. */
export const maxValuesPerFacet = 1000;

/** Totals are exact up to this many hits (page 500 of 50 is 25,000). */
export const maxTotalHits = 100_000;

/**
 * Each term maps to every other term of its groups (Meilisearch synonyms are one-way, so a mutual map
 * is spelt out). Terms are lower-cased and trimmed; a term in two groups gets both groups' terms.
 */
export function synonymMap(groups: readonly (readonly string[])[]): Record<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    const terms = [...new Set(group.map((term) => term.trim().toLowerCase()).filter(Boolean))];
    for (const term of terms) {
      const others = map.get(term) ?? new Set<string>();
      for (const other of terms) if (other !== term) others.add(other);
      map.set(term, others);
    }
  }
  return Object.fromEntries(
    [...map]
      .filter(([, others]) => others.size > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([term, others]) => [term, [...others].sort()]),
  );
}

/** The whole settings object for a materials index. */
export function materialIndexSettings(groups: readonly (readonly string[])[] = synonymGroups()): Settings {
  return {
    searchableAttributes: [...searchableAttributes],
    filterableAttributes: [...filterableAttributes],
    sortableAttributes: [...sortableAttributes],
    rankingRules: [...rankingRules],
    stopWords: [...stopWords],
    synonyms: synonymMap(groups),
    typoTolerance: {
      enabled: true,
      // One typo from 5 letters ("recyclng"), two from 9; shorter words must be spelt right, or
      // "bins" would find "bias" (and "2023" would find "2024"). Only settings every 1.x server
      // understands are used: one it did not know would stop the whole update.
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    },
    faceting: { maxValuesPerFacet, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits },
  };
}

/** Searched in this order of importance: a word in the name counts most (as title does for materials). */
export const projectSearchableAttributes = ['name', 'summary', 'topicLabels', 'councilName'] as const;

/**
 * The whole settings object for the projects index: the materials index's words, synonyms, stop
 * words, typo tolerance and ranking rules, with the projects' own attributes, so a project is found
 * by the same words as a material.
 */
export function projectIndexSettings(groups: readonly (readonly string[])[] = synonymGroups()): Settings {
  const materials = materialIndexSettings(groups);
  return {
    ...materials,
    searchableAttributes: [...projectSearchableAttributes],
    filterableAttributes: [...projectFilterableAttributes],
    sortableAttributes: [...sortableAttributes],
  };
}

/** Applies the settings to an index and waits until Meilisearch has applied them (throws if it failed). */
export async function applyIndexSettings(gateway: MeiliGateway, indexUid: string, settings: Settings = materialIndexSettings()): Promise<void> {
  const task = await gateway.updateSettings(indexUid, settings);
  await waitForTasks(gateway, [task], `Applying the search settings to index ${indexUid}`);
}
