import 'server-only';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Council synonyms (lib/search/synonyms.txt, whose header describes the format). Both engines use
 * `synonymGroups()`: the Postgres engine expands queries with it (lib/search/query/expand-query.ts),
 * and the Meilisearch index gets it as its synonyms setting.
 */

const synonymsFile = path.join(process.cwd(), 'lib', 'search', 'synonyms.txt');

/** Letters, digits, spaces, hyphens and apostrophes; starting and ending with a letter or digit. */
const termPattern = /^[\p{L}\p{N}](?:[\p{L}\p{N} '’-]*[\p{L}\p{N}])?$/u;
const maxWordsPerTerm = 6;

let loaded: string[][] | undefined;

/**
 * The synonym groups, lower-cased, as written in synonyms.txt. Read and checked once; a mistake in
 * the file stops the first search with a message naming the line, rather than quietly searching
 * differently.
 */
export function synonymGroups(): string[][] {
  loaded ??= parseSynonyms(fs.readFileSync(synonymsFile, 'utf8'));
  return loaded;
}

/** Parses and checks the synonyms file's text. Exported for tests. */
export function parseSynonyms(text: string): string[][] {
  const groups: string[][] = [];
  const groupOfKey = new Map<string, number>();
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `synonyms.txt line ${index + 1}`;
    const terms = [...new Set(line.split(',').map((term) => term.trim().replace(/\s+/g, ' ').toLowerCase()))];
    if (terms.some((term) => term === '')) throw new Error(`${where}: an empty term (two commas together, or one at the end)`);
    if (terms.length < 2) throw new Error(`${where}: a group needs at least two different terms`);
    for (const term of terms) {
      if (!termPattern.test(term)) throw new Error(`${where}: "${term}" may have only letters, digits, spaces, hyphens and apostrophes`);
      const key = synonymKey(term);
      if (key.split(' ').length > maxWordsPerTerm) throw new Error(`${where}: "${term}" has more than ${maxWordsPerTerm} words`);
      const earlier = groupOfKey.get(key);
      if (earlier !== undefined && earlier !== groups.length) {
        throw new Error(`${where}: "${term}" is already in the group "${groups[earlier]!.join(', ')}"`);
      }
      groupOfKey.set(key, groups.length);
    }
    groups.push(terms);
  });
  return groups;
}

/**
 * What a term or typed text is matched on: lower-case words of letters and digits, apostrophes
 * dropped and anything else a space. "Children's social-care" → "childrens social care".
 */
export function synonymKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');
}

export interface SynonymIndex {
  /** The group whose term has this key (see synonymKey), if any. */
  groupOf(key: string): string[] | undefined;
  /** The most words any term has: the longest run of typed words worth trying. */
  maxWords: number;
}

/**
 * Looks terms up by key. A last word that differs only by a final "s" also matches ("road defect"
 * finds the group of "road defects"), for the plurals the file does not list.
 */
export function buildSynonymIndex(groups: string[][]): SynonymIndex {
  const byKey = new Map<string, string[]>();
  let maxWords = 1;
  for (const group of groups) {
    for (const term of group) {
      const key = synonymKey(term);
      byKey.set(key, group);
      maxWords = Math.max(maxWords, key.split(' ').length);
    }
  }
  return {
    maxWords,
    groupOf(key) {
      if (key === '') return undefined;
      const exact = byKey.get(key);
      if (exact) return exact;
      const other = key.endsWith('s') ? key.slice(0, -1) : `${key}s`;
      // Not for very short words: "us" is not the plural of "u".
      return /(^|\s)\S{3,}$/.test(other) ? byKey.get(other) : undefined;
    },
  };
}

let index: SynonymIndex | undefined;

/** The index of synonyms.txt, built once. */
export function synonymIndex(): SynonymIndex {
  index ??= buildSynonymIndex(synonymGroups());
  return index;
}
