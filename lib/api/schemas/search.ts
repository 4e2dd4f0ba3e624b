import { z } from 'zod';
import { searchSorts } from '@/lib/search/search-engine';
import { councilRef, isoDateTime, pageFields } from './common';
import { named } from './registry';

/** The answer of GET /api/v1/search: the search page's results, facets and snippets, as data. */

export const highlightedText = named(
  'HighlightedText',
  z
    .array(z.object({ text: z.string(), matched: z.boolean() }))
    .describe('Text in pieces; `matched` pieces are words the search found. Plain text, never HTML: escape it before showing it in a page.'),
);

export const searchResult = named(
  'SearchResult',
  z.object({
    id: z.uuid(),
    title: z.string(),
    summary: z.string(),
    phases: z.array(z.string()).describe('Phase slugs (vocabulary `phases`).'),
    artefactType: z.string().describe('Artefact type slug (vocabulary `artefact-types`).'),
    kind: z.string().describe('Kind slug (vocabulary `kinds`).'),
    topics: z.array(z.string()).describe('Topic slugs (vocabulary `topics`).'),
    tags: z.array(z.string()),
    licence: z.string().describe('SPDX identifier (vocabulary `licences`).'),
    council: councilRef.nullable(),
    format: z.string().nullable().describe('The current file’s format (pdf, docx, …).'),
    fileName: z.string().nullable(),
    sizeBytes: z.number().int().nullable(),
    createdAt: isoDateTime,
    highlights: z.object({ title: highlightedText, summary: highlightedText, text: highlightedText.describe('A snippet from inside the file where the words occur (empty when browsing).') }),
    url: z.string().describe('The material’s page on this hub.'),
    apiUrl: z.string().describe('The material in this API.'),
  }),
);

export const facetValue = named(
  'FacetValue',
  z.object({ value: z.string(), label: z.string(), count: z.number().int(), selected: z.boolean() }).describe('One value of a filter, with how many results have it.'),
);

export const searchResponse = named(
  'SearchResults',
  z.object({
    total: z.number().int().describe('How many materials match, of those the viewer may see (an estimate when `estimated.total`).'),
    estimated: z
      .object({ total: z.boolean(), facets: z.boolean() })
      .describe(
        'Which numbers are estimates, rounded to two figures: when very many materials match, the built-in search counts an even sample of them. `false` for both when every number is exact.',
      ),
    sort: z.enum(searchSorts),
    results: z.array(searchResult),
    facets: z
      .object({
        phase: z.array(facetValue),
        type: z.array(facetValue),
        kind: z.array(facetValue),
        topic: z.array(facetValue),
        council: z.array(facetValue),
        licence: z.array(facetValue),
      })
      .describe('Counts for each filter, named as the query parameters.'),
    corrections: z.array(z.object({ typed: z.string(), closeMatches: z.array(z.string()) })).describe('Words not known, searched for as close words too.'),
    didYouMean: z.string().nullable().describe('When nothing was found: other words that would find something.'),
    someWords: z.object({ allWordsTotal: z.number().int() }).nullable().describe('Set when materials with only some of the words were added after those with all of them.'),
    fallback: z.boolean().describe('True when the main search service was not answering and a simpler search answered.'),
    ...pageFields,
  }),
);
