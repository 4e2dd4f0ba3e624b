import type { RelatedSource } from './search-engine';

/** At most this many of the source's words are looked for (a long summary says enough in its first). */
export const relatedWordLimit = 30;

/**
 * The words "More like this" looks for, for every engine: the source's title and summary, lower
 * case, letters and digits only, each once, the first relatedWordLimit of them.
 */
export function sourceWords(source: Pick<RelatedSource, 'title' | 'summary'>): string {
  const words = `${source.title} ${source.summary}`.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);
  return [...new Set(words)].slice(0, relatedWordLimit).join(' ');
}
