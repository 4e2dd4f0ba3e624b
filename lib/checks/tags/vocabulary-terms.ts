import { ARTEFACT_TYPE_CUES, PHASE_CUES, TOPIC_CUES, WEAK_TOPIC_WORDS, type Cues } from './cues';
import type { SuggestionVocabularies } from './vocabularies';
import { foldPhrase, MAX_PHRASE_WORDS } from './word-counts';

/** A term that counts as evidence for one vocabulary item, with its weight. */
export interface Term {
  /** As shown in the evidence ("free school meals"). */
  term: string;
  /** Folded, for matching. */
  folded: string;
  weight: number;
}

export interface ItemTerms {
  slug: string;
  label: string;
  terms: Term[];
}

/** Artefact types: the label's phrases and the slug ("research plan"), at weight 3, and the cues. */
export function artefactTypeTerms(vocabularies: SuggestionVocabularies): ItemTerms[] {
  return vocabularies.artefactTypes.map((item) => ({ slug: item.slug, label: item.label, terms: withCues(item.slug, labelPhrases(item.label, item.slug, 3), ARTEFACT_TYPE_CUES) }));
}

/** Phases: the cue phrases, and the label itself when the cues do not say otherwise ("live" is left out). */
export function phaseTerms(vocabularies: SuggestionVocabularies): ItemTerms[] {
  return vocabularies.phases.map((item) => ({ slug: item.slug, label: item.label, terms: withCues(item.slug, [], PHASE_CUES, PHASE_CUES[item.slug] ? [] : [[item.label.toLowerCase(), 1]]) }));
}

/**
 * Service areas: the label's parts ("Bins, waste and recycling" → bins, waste, recycling), the LGSL
 * services mapped to the area ("Find out about free school meals" → "free school meals"), and the
 * synonyms of any of those (synonyms.txt: bins → refuse, rubbish). Words too common in council
 * documents ("digital", "data", "service") weigh little on their own.
 */
export function topicTerms(vocabularies: SuggestionVocabularies): ItemTerms[] {
  const services = new Map(vocabularies.localServices.map((service) => [service.lgsl, service.description]));
  return vocabularies.topics.map((topic) => {
    const slugWords = topic.slug.replace(/-/g, ' ');
    const terms: [string, number][] = [[topic.label, phraseWeight(topic.label, 1, 3)], [slugWords, phraseWeight(slugWords, 1, 3)]];
    // A single everyday word ("housing", "business", "benefits") is weak evidence on its own: it
    // turns up in documents about anything. Phrases ("free school meals") are strong.
    for (const part of topic.label.split(/,\s*|\s+and\s+|\s+or\s+/i)) terms.push([part, phraseWeight(part, 1)]);
    for (const code of topic.lgslCodes) {
      const phrase = servicePhrase(services.get(code) ?? '');
      // A service named in one word is a specific one ("potholes", "allotments", "flytipping").
      if (phrase) terms.push([phrase, phraseWeight(phrase, 2)]);
    }
    terms.push(...(TOPIC_CUES[topic.slug] ?? []));
    const expanded = [...terms];
    for (const [term, weight] of terms) {
      const group = vocabularies.synonyms.find((g) => g.some((s) => foldPhrase(s) === foldPhrase(term)));
      for (const synonym of group ?? []) expanded.push([synonym, weight]);
    }
    return { slug: topic.slug, label: topic.label, terms: toTerms(expanded) };
  });
}

function phraseWeight(phrase: string, singleWord: number, severalWords = 2.5): number {
  const trimmed = phrase.trim().toLowerCase();
  if (WEAK_TOPIC_WORDS.has(trimmed)) return 0.3;
  return trimmed.includes(' ') ? severalWords : singleWord;
}

/** "Find out about help with school clothing costs" → "school clothing costs" (at most three words). */
function servicePhrase(description: string): string {
  const phrase = description
    .replace(/^(find out (more )?(about|abut)|find out (how to|which day)|find (out|your|the location of)|get information on|apply (for|to)|report|pay( for)?|request|book|register( for)?|renew|search( the)?)\s+/i, '')
    .replace(/^(a|an|the|your|my|help with|local)\s+/i, '')
    .replace(/\s+(services?|schemes?|problems?)$/i, '')
    .trim();
  const words = phrase.split(/\s+/).filter(Boolean).slice(-3);
  while (words.length > 1 && /^(of|for|to|and|with|on|in|by|the|a|an)$/i.test(words[0]!)) words.shift();
  return words.join(' ');
}

function labelPhrases(label: string, slug: string, weight: number): [string, number][] {
  const phrases: [string, number][] = [[slug.replace(/-/g, ' '), weight]];
  for (const part of label.split(/\s+or\s+|\s+and\s+|,\s*/i)) if (part.trim().split(/\s+/).length > 1) phrases.push([part.trim(), weight]);
  return phrases;
}

function withCues(slug: string, own: [string, number][], cues: Cues, extra: [string, number][] = []): Term[] {
  return toTerms([...own, ...extra, ...(cues[slug] ?? [])]);
}

function toTerms(list: [string, number][]): Term[] {
  const byFolded = new Map<string, Term>();
  for (const [term, weight] of list) {
    const folded = foldPhrase(term);
    if (!folded || folded.split(' ').length > MAX_PHRASE_WORDS) continue;
    const known = byFolded.get(folded);
    if (!known || known.weight < weight) byFolded.set(folded, { term: term.toLowerCase().trim(), folded, weight });
  }
  return [...byFolded.values()];
}
