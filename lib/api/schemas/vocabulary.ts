import { z } from 'zod';
import { named } from './registry';

export const vocabularyNames = ['phases', 'artefact-types', 'kinds', 'topics', 'licences'] as const;
export type VocabularyName = (typeof vocabularyNames)[number];

export const vocabularyTerm = named(
  'VocabularyTerm',
  z.object({
    id: z.string().describe('The value to filter by: a slug, or an SPDX identifier for licences.'),
    label: z.string(),
    description: z.string().nullable(),
    url: z.string().nullable().describe('For licences: the licence text.'),
    typicalPhases: z.array(z.string()).optional().describe('For artefact types: the phases it is usually made in.'),
  }),
);

export const vocabularySummary = named(
  'VocabularySummary',
  z.object({
    name: z.enum(vocabularyNames),
    title: z.string(),
    searchParameter: z.string().describe('The search parameter its terms filter by.'),
    termCount: z.number().int(),
    url: z.string(),
  }),
);

export const vocabularyList = named('VocabularyList', z.object({ vocabularies: z.array(vocabularySummary) }));

export const vocabulary = named('Vocabulary', vocabularySummary.extend({ terms: z.array(vocabularyTerm) }));
