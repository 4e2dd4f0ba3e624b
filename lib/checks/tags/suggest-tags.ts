import { artefactTypeTerms, phaseTerms, topicTerms, type ItemTerms } from './vocabulary-terms';
import type { SuggestionVocabularies } from './vocabularies';
import { PhraseCounts } from './word-counts';

export type { SuggestionVocabularies } from './vocabularies';

/** One piece of evidence: a term found in the file name, the title (the text's start) or the text. */
export interface Evidence {
  term: string;
  where: 'file name' | 'title' | 'text';
  count: number;
  /** What it added to the score. */
  points: number;
}

export interface TagSuggestion {
  slug: string;
  label: string;
  score: number;
  /** The strongest evidence first: enough to explain the suggestion to the uploader. */
  evidence: Evidence[];
}

export interface TagSuggestions {
  /** Ranked, best first; the first is the suggestion, the rest alternatives (up to five). */
  artefactTypes: TagSuggestion[];
  /** Phases with enough evidence; Discovery when none has. */
  phases: TagSuggestion[];
  /** Service areas with enough evidence (up to three); often none, for guidance about methods. */
  topics: TagSuggestion[];
}

/** The first characters of the text, where a title and introduction are, count double. */
const TITLE_CHARACTERS = 300;
/** Text is read up to here: plenty for the vocabulary's words to show. */
const MAX_TEXT_CHARACTERS = 300_000;
const WHERE_POINTS = { 'file name': 4, title: 2 } as const;

/** Thresholds below which a phase or topic is not suggested (set against the corpus: bench/suggest-tags.ts). */
export const PHASE_THRESHOLD = 3;
export const TOPIC_THRESHOLD = 6;

/**
 * Suggests an artefact type (ranked), phases and service areas for a file from its name and text,
 * by weighted keyword evidence that can be shown to the uploader: each term of a vocabulary item
 * (its label, its slug, cue words, and for service areas the LGSL services and synonyms) scores its
 * weight × (4 if in the file name + 2 if in the title + log2(1 + times in the text)). Nothing is
 * learned and nothing leaves the process.
 */
export function suggestTags(input: { fileName: string; text: string }, vocabularies: SuggestionVocabularies): TagSuggestions {
  const text = input.text.slice(0, MAX_TEXT_CHARACTERS);
  const places = {
    'file name': new PhraseCounts(input.fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/^\d+[-_ ]/, '')),
    title: new PhraseCounts(text.slice(0, TITLE_CHARACTERS)),
    text: new PhraseCounts(text),
  };

  const terms = termsFor(vocabularies);
  const presentation = /\.(pptx|odp|ppt|key)$/i.test(input.fileName);
  const types = rank(terms.artefactTypes, places, (slug) => (presentation && slug === 'show-and-tell' ? { term: 'a slide presentation', where: 'file name', count: 1, points: PRESENTATION_POINTS } : undefined))
    .filter((s) => s.score > 0)
    .slice(0, 5);
  if (types.length === 0) {
    const other = vocabularies.artefactTypes.find((t) => t.slug === 'other');
    if (other) types.push({ slug: other.slug, label: other.label, score: 0, evidence: [] });
  }
  let phases = rank(terms.phases, places).filter((s) => s.score >= PHASE_THRESHOLD);
  if (phases.length === 0) phases = fallbackPhases(vocabularies);
  const topics = rank(terms.topics, places).filter((s) => s.score >= TOPIC_THRESHOLD).slice(0, 3);
  return { artefactTypes: types, phases, topics };
}

/** When the text names no phase: Discovery, the hub's default (and the phase most material is from). */
function fallbackPhases(vocabularies: SuggestionVocabularies): TagSuggestion[] {
  return vocabularies.phases
    .filter((p) => p.slug === 'discovery')
    .map((p) => ({ slug: p.slug, label: p.label, score: 0, evidence: [{ term: 'no phase named: the hub’s default', where: 'text' as const, count: 0, points: 0 }] }));
}

/** A slide deck is most often a show and tell: worth as much as the phrase in the file name. */
const PRESENTATION_POINTS = 6;

const cache = new WeakMap<SuggestionVocabularies, { artefactTypes: ItemTerms[]; phases: ItemTerms[]; topics: ItemTerms[] }>();

function termsFor(vocabularies: SuggestionVocabularies) {
  let terms = cache.get(vocabularies);
  if (!terms) {
    terms = { artefactTypes: artefactTypeTerms(vocabularies), phases: phaseTerms(vocabularies), topics: topicTerms(vocabularies) };
    cache.set(vocabularies, terms);
  }
  return terms;
}

function rank(items: ItemTerms[], places: Record<'file name' | 'title' | 'text', PhraseCounts>, extra: (slug: string) => Evidence | undefined = () => undefined): TagSuggestion[] {
  return items
    .map((item) => {
      const evidence: Evidence[] = [];
      const bonus = extra(item.slug);
      if (bonus) evidence.push(bonus);
      for (const term of item.terms) {
        for (const where of ['file name', 'title'] as const) {
          const count = places[where].count(term.folded);
          if (count > 0) evidence.push({ term: term.term, where, count, points: term.weight * WHERE_POINTS[where] });
        }
        const count = places.text.count(term.folded);
        if (count > 0) evidence.push({ term: term.term, where: 'text', count, points: term.weight * Math.log2(1 + count) });
      }
      evidence.sort((a, b) => b.points - a.points);
      const score = Math.round(evidence.reduce((sum, e) => sum + e.points, 0) * 10) / 10;
      return { slug: item.slug, label: item.label, score, evidence: evidence.slice(0, 6) };
    })
    .sort((a, b) => b.score - a.score);
}
