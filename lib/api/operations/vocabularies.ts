import 'server-only';
import { z } from 'zod';
import { vocabularies } from '@/lib/taxonomy/vocabularies';
import { defineOperation, type ApiContext } from '../api-operation';
import { vocabulary, vocabularyList, vocabularyNames, type VocabularyName } from '../schemas/vocabulary';

/**
 * The hub's fixed lists (from lib/taxonomy): what the search filters and material fields take. The
 * same for everyone, so always cacheable.
 */

const about: Record<VocabularyName, { title: string; searchParameter: string }> = {
  phases: { title: 'Phases of service design', searchParameter: 'phase' },
  'artefact-types': { title: 'Types of artefact', searchParameter: 'type' },
  kinds: { title: 'Kinds of material', searchParameter: 'kind' },
  topics: { title: 'Service areas (topics)', searchParameter: 'topic' },
  licences: { title: 'Licences', searchParameter: 'licence' },
};

function termsOf(name: VocabularyName) {
  const v = vocabularies();
  switch (name) {
    case 'phases':
      return v.phases.map((p) => ({ id: p.slug, label: p.label, description: p.description || null, url: null }));
    case 'artefact-types':
      return v.artefactTypes.map((a) => ({ id: a.slug, label: a.label, description: a.description || null, url: null, typicalPhases: a.typicalPhases }));
    case 'kinds':
      return v.kinds.map((k) => ({ id: k.slug, label: k.label, description: k.description || null, url: null }));
    case 'topics':
      return v.topics.map((t) => ({ id: t.slug, label: t.label, description: null, url: null }));
    case 'licences':
      return v.licences.map((l) => ({ id: l.spdx, label: l.label, description: null, url: l.url || null }));
  }
}

function summaryOf(name: VocabularyName) {
  return { name, ...about[name], termCount: termsOf(name).length, url: `/api/v1/vocabularies/${name}` };
}

export const listVocabulariesOperation = defineOperation({
  operationId: 'listVocabularies',
  path: '/vocabularies',
  tag: 'Vocabularies',
  summary: 'The lists materials are described with',
  description: 'Phases, artefact types, kinds, topics and licences: each with the search parameter its terms filter by.',
  params: {},
  query: {},
  response: vocabularyList,
  problems: [],
});

export async function answerVocabularies() {
  return { body: { vocabularies: vocabularyNames.map(summaryOf) }, sameForEveryone: true };
}

const nameParams = { name: z.enum(vocabularyNames).describe('Which list.') };

export const getVocabularyOperation = defineOperation({
  operationId: 'getVocabulary',
  path: '/vocabularies/{name}',
  tag: 'Vocabularies',
  summary: 'One list, with its terms',
  description: 'Every term of one vocabulary, in the order the hub shows them.',
  params: nameParams,
  query: {},
  response: vocabulary,
  notFound: 'Page not found',
  problems: ['not-found'],
});

export async function answerVocabulary({ params }: ApiContext<typeof nameParams, Record<string, never>>) {
  return { body: { ...summaryOf(params.name), terms: termsOf(params.name) }, sameForEveryone: true };
}
