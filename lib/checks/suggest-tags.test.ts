import { beforeAll, describe, expect, it } from 'vitest';
import { suggestTags, type SuggestionVocabularies } from './tags/suggest-tags';
import { loadSuggestionVocabularies } from './testing/load-vocabularies';

/**
 * Tag suggestions from a file's name and text, with the hub's real vocabularies (lib/taxonomy, the
 * LGSL list and synonyms.txt). Accuracy on the real corpus is measured by bench/suggest-tags.ts.
 */

let vocabularies: SuggestionVocabularies;
beforeAll(() => {
  vocabularies = loadSuggestionVocabularies();
});

describe('suggestTags', () => {
  it('suggests a consent form from its name and words, and explains why', () => {
    const text = 'Consent form\n\nPlease read the participant information sheet. I agree to take part in this research. I understand I can withdraw at any time.';
    const { artefactTypes } = suggestTags({ fileName: 'research-consent-form.docx', text }, vocabularies);
    expect(artefactTypes[0]).toMatchObject({ slug: 'consent-form', label: 'Consent form or participant information sheet' });
    expect(artefactTypes[0]!.evidence[0]).toEqual({ term: 'consent form', where: 'file name', count: 1, points: 12 });
    expect(artefactTypes[0]!.evidence.map((e) => e.term)).toContain('participant information sheet');
  });

  it('ranks alternatives after the first suggestion', () => {
    const text = 'Discussion guide for interviews with residents, part of our research plan. Interview guide questions: tell me about the last time you reported a pothole.';
    const { artefactTypes } = suggestTags({ fileName: 'guide.docx', text }, vocabularies);
    expect(artefactTypes[0]!.slug).toBe('discussion-guide');
    expect(artefactTypes.map((s) => s.slug)).toContain('research-plan');
    const scores = artefactTypes.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('suggests service areas from LGSL services and synonyms, not from everyday words', () => {
    const bins = suggestTags({ fileName: 'missed-bin-collections.md', text: 'Residents told us about missed refuse collections, garden waste and recycling collections. Rubbish left out.' }, vocabularies);
    expect(bins.topics.map((t) => t.slug)).toEqual(['waste-recycling']);
    expect(bins.topics[0]!.evidence.map((e) => e.term)).toEqual(expect.arrayContaining(['garden waste', 'recycling collections', 'bins']));
    const meals = suggestTags({ fileName: 'fsm-case-study.pdf', text: 'How we made applying for free school meals easier. Free school meals are claimed by parents.' }, vocabularies);
    expect(meals.topics.map((t) => t.slug)).toContain('education-schools');
    const method = suggestTags({ fileName: 'how-to-interview.md', text: 'The benefits of interviewing users in their own homes are many. Business as usual.' }, vocabularies);
    expect(method.topics).toEqual([]);
  });

  it('suggests phases named in the text, and Discovery when none is', () => {
    const alpha = suggestTags({ fileName: 'alpha-round-3.md', text: 'In alpha we tested three prototypes. The alpha phase ends with an assessment. Alpha findings follow.' }, vocabularies);
    expect(alpha.phases.map((p) => p.slug)).toEqual(['alpha']);
    const none = suggestTags({ fileName: 'notes.txt', text: 'Some notes about a workshop.' }, vocabularies);
    expect(none.phases).toEqual([{ slug: 'discovery', label: 'Discovery', score: 0, evidence: [{ term: 'no phase named: the hub’s default', where: 'text', count: 0, points: 0 }] }]);
    // "live" as a verb is not the Live phase.
    const verb = suggestTags({ fileName: 'a.md', text: 'Where people live and work. They live nearby. Many live alone.' }, vocabularies);
    expect(verb.phases.map((p) => p.slug)).not.toContain('live');
  });

  it('suggests a show and tell for a slide deck, and Other when nothing matches', () => {
    expect(suggestTags({ fileName: 'sprint-12.pptx', text: 'Sprint 12' }, vocabularies).artefactTypes[0]!.slug).toBe('show-and-tell');
    expect(suggestTags({ fileName: 'x.txt', text: 'Lorem ipsum dolor' }, vocabularies).artefactTypes).toEqual([{ slug: 'other', label: 'Other', score: 0, evidence: [] }]);
  });
});
