/**
 * Counting words and short phrases (up to four words) in a text, with the simplest folding that
 * matters for council vocabulary: case, punctuation and plural "s" ("Bins" = "bin", "interviews" =
 * "interview", "policies" = "policy"). Phrases are looked up in a map of the text's n-grams, so a
 * few hundred vocabulary terms cost one pass over the text.
 */
export const MAX_PHRASE_WORDS = 4;

export function foldWord(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

/** "Free School Meals!" → "free school meal". */
export function foldPhrase(phrase: string): string {
  return words(phrase).join(' ');
}

export function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []).map((word) => foldWord(word.replace(/['’]/g, '')));
}

export class PhraseCounts {
  private readonly counts = new Map<string, number>();
  readonly wordCount: number;

  constructor(text: string) {
    const list = words(text);
    this.wordCount = list.length;
    for (let i = 0; i < list.length; i++) {
      let phrase = '';
      for (let n = 0; n < MAX_PHRASE_WORDS && i + n < list.length; n++) {
        phrase = n === 0 ? list[i]! : `${phrase} ${list[i + n]}`;
        this.counts.set(phrase, (this.counts.get(phrase) ?? 0) + 1);
      }
    }
  }

  /** How often a folded phrase occurs. */
  count(folded: string): number {
    return this.counts.get(folded) ?? 0;
  }
}
