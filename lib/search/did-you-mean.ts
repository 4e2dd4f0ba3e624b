import 'server-only';
import type { Viewer } from '@/lib/auth/viewer';
import type { Services } from '@/lib/services';
import { corrections, unknownWords } from './postgres/dictionary';
import { suggestionAllowance } from './query/edit-distance';
import { parseQuery, type QueryTerm } from './query/parse-query';
import type { SearchEngine, SearchQuery } from './search-engine';

/** Words corrected at most (the first ones typed): each is a dictionary lookup. */
const maxWordsCorrected = 8;
/** Suggestions tried through the engine before giving up. */
const maxAttempts = 3;

/**
 * "Did you mean": when a search finds nothing, the same text with mistyped words replaced by close
 * words from the typo dictionary (search_words), or null.
 *
 * Looser than the typo tolerance searches apply by themselves (two edits from 5 letters, one for 3–4
 * letters), because a person reads it before following it. Words inside quotes are corrected too;
 * excluded words are left alone. The rest of the text (quotes, minus signs, "or") is kept as typed.
 *
 * The dictionary holds words of every material, including ones this viewer may not see, so a
 * suggestion is returned only if searching it, through the same engine with the same viewer and
 * filters, finds something: a word from a private material never shows unless it finds something
 * public to this viewer too.
 */
export async function suggestCorrection(
  services: Services,
  engine: SearchEngine,
  viewer: Viewer,
  query: SearchQuery,
): Promise<string | null> {
  const parsed = parseQuery(query.text);
  const words = wordsOf(parsed.clauses.flat()).slice(0, maxWordsCorrected);
  if (words.length === 0) return null;

  const unknown = new Set(await unknownWords(services.db, words.map((w) => w.word)));
  if (unknown.size === 0) return null;
  const found = await corrections(services.db, [...unknown], suggestionAllowance);
  if (found.size === 0) return null;

  const tried = new Set<string>();
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    // The attempt-th closest word for each mistyped word (the closest, where it has fewer).
    const replacements = words
      .filter((w) => found.has(w.word))
      .map((w) => {
        const list = found.get(w.word)!;
        return { ...w, replacement: list[Math.min(attempt, list.length - 1)]!.word };
      });
    const suggestion = rewrite(parsed.text, replacements).replace(/\s+/g, ' ').trim();
    if (tried.has(suggestion)) break;
    tried.add(suggestion);
    const results = await engine.search(viewer, { ...query, text: suggestion, page: 1, pageSize: 1 });
    if (results.total > 0) return suggestion;
  }
  return null;
}

interface WordAt {
  word: string;
  start: number;
  end: number;
}

/** The a–z words of the terms (phrases word by word), lower-cased, with where each is in the text. */
function wordsOf(terms: QueryTerm[]): WordAt[] {
  const words: WordAt[] = [];
  for (const term of terms) {
    for (const match of term.text.matchAll(/\p{L}+/gu)) {
      const word = match[0].toLowerCase();
      if (/^[a-z]{3,30}$/.test(word)) words.push({ word, start: term.start + match.index, end: term.start + match.index + match[0].length });
    }
  }
  return words;
}

function rewrite(text: string, replacements: (WordAt & { replacement: string })[]): string {
  let out = '';
  let at = 0;
  for (const r of [...replacements].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, r.start) + r.replacement;
    at = r.end;
  }
  return out + text.slice(at);
}
