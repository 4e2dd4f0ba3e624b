/**
 * The materials the search engine contract (search-engine-contract.ts) shares, each chosen to prove
 * one behaviour, and the small helpers its cases use to ask and to read answers.
 */
import { Readable } from 'node:stream';
import type { Actor } from '@/lib/auth/viewer';
import { docx, pdf } from '@/lib/extract/testing/test-files';
import { createMaterial } from '@/lib/materials/create-material';
import type { SearchFilters, SearchHit, SearchQuery } from '@/lib/search/search-engine';
import type { TestHub } from '@/lib/testing/test-hub';

/** The bulk import acting for the hub: it may share for any council named in the answers. */
const importer: Actor = { kind: 'system', label: 'search contract' };

export interface Fixture {
  key: string;
  title: string;
  summary: string;
  file: { name: string; bytes: Buffer };
  council?: 'bristol' | 'leeds';
  visibility?: 'public' | 'councils' | 'organisation';
  phases?: string[];
  artefactType?: string;
  kind?: string;
  licence?: string;
  tags?: string;
  topics?: string[];
}

export const text = (name: string, body: string) => ({ name, bytes: Buffer.from(body) });

/** A few hundred words about a household panel, saying "recycling" once, in the middle. */
const panelReport = [
  ...Array.from({ length: 12 }, (_, i) => `Panel members met in week ${i + 1} and answered questions about local services, opening times and how they contact us.`),
  'A few people mentioned recycling in passing.',
  ...Array.from({ length: 12 }, (_, i) => `In week ${i + 13} the questions covered transport, leisure centres and the council website, and answers were written up the same day.`),
].join('\n');

export const fixtures: Fixture[] = [
  // Ranking: the same word in the title, the summary, or only the file.
  { key: 'recycling-title', title: 'Recycling centre research plan', summary: 'How we planned visits to the tip with residents.', file: text('plan.txt', 'Questions for people visiting the tip.') },
  { key: 'recycling-summary', title: 'Street survey findings', summary: 'What residents said about recycling and street cleaning.', file: text('findings.txt', 'Notes from the street survey.') },
  { key: 'recycling-body', title: 'Household panel report', summary: 'Findings from our household panel.', file: text('panel.txt', panelReport) },
  // Stemming, exclusions.
  { key: 'homelessness-guide', title: 'Discussion guide for homelessness interviews', summary: 'Prompts for talking with people about where they live.', file: text('guide.md', '# Prompts\n\nAsk about the last three places they stayed.') },
  { key: 'consent-form', title: 'Consent form for interviews', summary: 'Participant information and consent for research interviews.', file: text('consent.txt', 'I agree to take part.') },
  // Phrases and synonyms.
  { key: 'council-tax', title: 'Council tax support discovery', summary: 'Who claims support and why some stop.', file: text('ctax.txt', 'Claimants and their journeys.') },
  { key: 'tax-apart', title: 'Tax records archive', summary: 'How the council keeps its records.', file: text('records.txt', 'Retention schedule.') },
  { key: 'ctax-letters', title: 'CTAX reminder letters', summary: 'Reviewing the wording of reminder letters.', file: text('letters.txt', 'Letter drafts.') },
  { key: 'refuse', title: 'Missed collection reports', summary: 'What residents told us about the refuse collection service.', file: text('missed.txt', 'Reports by street.') },
  // Words only inside files (DOCX and PDF made here), and snippets.
  {
    key: 'allotments',
    title: 'Growing spaces waiting list',
    summary: 'Data about people waiting for a plot.',
    file: { name: 'waiting-list.docx', bytes: docx(['Most people wait more than two years for a plot.', 'The allotment waiting list has grown every year since 2019.']) },
  },
  {
    key: 'bereavement',
    title: 'Bereavement services journey map',
    summary: 'How families arrange a burial.',
    file: { name: 'journey.pdf', bytes: pdf(['Families told us the cemetery office was hard to reach by phone.']) },
  },
  // Filters and facet counts.
  { key: 'library-hours', title: 'Library opening hours research plan', summary: 'When people visit.', file: text('hours.txt', 'Hours.'), phases: ['discovery'], artefactType: 'research-plan', kind: 'template', licence: 'OGL-UK-3.0' },
  { key: 'library-personas', title: 'Library membership personas', summary: 'Who joins and why.', file: text('personas.txt', 'Personas.'), phases: ['alpha', 'beta'], artefactType: 'persona', kind: 'example', licence: 'CC-BY-4.0' },
  { key: 'library-route', title: 'Mobile library route map', summary: 'Where the van stops.', file: text('route.txt', 'Stops.'), phases: ['discovery', 'alpha'], artefactType: 'journey-map', kind: 'example', licence: 'OGL-UK-3.0' },
  // More like this: a source, and others alike by words, by type, by service area, or only by words.
  { key: 'pothole-source', title: 'Pothole reporting service blueprint', summary: 'How residents report potholes and how road crews fix them.', file: text('blueprint.txt', 'Stages.'), artefactType: 'service-blueprint', topics: ['roads-transport'] },
  { key: 'pothole-words', title: 'Pothole repair findings', summary: 'What road crews told us about fixing potholes.', file: text('repairs.txt', 'Notes.'), artefactType: 'user-needs', topics: ['roads-transport'] },
  { key: 'blueprint-only', title: 'Streetlight fault blueprint', summary: 'Stages of a broken streetlight.', file: text('lights.txt', 'Stages.'), artefactType: 'service-blueprint' },
  { key: 'area-only', title: 'Bus pass renewals', summary: 'Renewing concessionary passes.', file: text('passes.txt', 'Renewals.'), artefactType: 'user-needs', topics: ['roads-transport'] },
  { key: 'pothole-elsewhere', title: 'Pothole photo archive', summary: 'Photos of potholes fixed by road crews.', file: text('photos.txt', 'Photos.'), artefactType: 'data-analysis' },
  { key: 'pothole-organisation', title: 'Pothole budget notes', summary: 'Potholes and road crews costs.', file: text('budget.txt', 'Costs.'), artefactType: 'service-blueprint', topics: ['roads-transport'], council: 'bristol', visibility: 'organisation' },
  // Visibility: one of each kind for two councils. Bristol's private file holds a word nobody else has.
  ...(['bristol', 'leeds'] as const).flatMap((slug) =>
    (['public', 'councils', 'organisation'] as const).map((visibility) => ({
      key: `${slug}-${visibility}`,
      title: `${slug === 'bristol' ? 'Bristol' : 'Leeds'} playground survey (${visibility})`,
      summary: 'Questions for families at the swings.',
      council: slug,
      visibility,
      file: text('playground.txt', slug === 'bristol' && visibility === 'organisation' ? 'Draft notes about the zeppelin climbing frame.' : 'Survey questions.'),
    })),
  ),
];

function noFilters(): SearchFilters {
  return { phases: [], artefactTypes: [], kinds: [], topics: [], councils: [], licences: [] };
}

export function searchQuery(
  text: string,
  options: { filters?: Partial<SearchFilters>; page?: number; pageSize?: number; published?: SearchQuery['published']; facets?: boolean } = {},
): SearchQuery {
  return {
    text,
    filters: { ...noFilters(), ...options.filters },
    sort: text ? 'relevance' : 'newest',
    page: options.page ?? 1,
    pageSize: options.pageSize ?? 50,
    ...(options.published ? { published: options.published } : {}),
    ...(options.facets === undefined ? {} : { facets: options.facets }),
  };
}

export const snippetOf = (hit: SearchHit | undefined) => (hit?.highlights.text ?? []).map((s) => s.text).join('');
export const matchedIn = (hit: SearchHit | undefined) => (hit?.highlights.text ?? []).filter((s) => s.matched).map((s) => s.text.toLowerCase());

/** Shares a fixture as the bulk import would, for the council its answers name; returns its id. */
export async function shareFixture(hub: TestHub, fixture: Fixture): Promise<string> {
  const created = await createMaterial(hub.services, {
    actor: importer,
    fields: {
      title: fixture.title,
      summary: fixture.summary,
      phases: fixture.phases ?? ['discovery'],
      artefactType: fixture.artefactType ?? 'research-findings',
      kind: fixture.kind ?? 'example',
      topics: fixture.topics ?? ['digital-data'],
      tags: fixture.tags ?? '',
      licence: fixture.licence ?? 'OGL-UK-3.0',
      council: fixture.council ?? 'bristol',
      visibility: fixture.visibility ?? 'public',
    },
    file: { fileName: fixture.file.name, stream: Readable.from([fixture.file.bytes]) },
  });
  return created.id;
}
