// The projects index's settings, documents and requests, without a server: no Meilisearch server can
// run on this machine. What a real server does with them is for the contract suite (MEILI_HOST).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anonymous } from '@/lib/auth/viewer';
import { noProjectFilters } from '../project-search-types';
import { toProjectDocument, type ProjectRow } from './project-documents';
import { projectsIndexUid } from './project-index';
import { projectFilterableAttributes } from './project-filters';
import { buildProjectSearchRequest, projectFacetCounts, toProjectHit } from './project-search';
import { materialIndexSettings, projectIndexSettings } from './settings';

describe('the projects index settings', () => {
  const groups = [['pcn', 'penalty charge notice', 'parking fine'], ['bins', 'waste']];
  const settings = projectIndexSettings(groups);
  const materials = materialIndexSettings(groups);

  it('search the name first, then the summary, service areas and council', () => {
    expect(settings.searchableAttributes).toEqual(['name', 'summary', 'topicLabels', 'councilName']);
  });

  it('make filterable exactly the attributes project filters may name', () => {
    expect(settings.filterableAttributes).toEqual([...projectFilterableAttributes]);
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['phase', 'topics', 'councilSlug', 'collaboration', 'visibility', 'organisationId', 'partnerOrganisationIds']));
  });

  it('share the materials index synonyms, typo tolerance, stop words and ranking, so the same words find both', () => {
    expect(settings.synonyms).toEqual(materials.synonyms);
    expect(settings.synonyms).toMatchObject({ pcn: ['parking fine', 'penalty charge notice'] });
    expect(settings.typoTolerance).toEqual(materials.typoTolerance);
    expect(settings.stopWords).toEqual(materials.stopWords);
    expect(settings.rankingRules).toEqual(materials.rankingRules);
    expect(settings.sortableAttributes).toEqual(['createdAt', 'id']);
  });

  it('sit beside the materials index, under its name', () => {
    expect(projectsIndexUid('materials')).toBe('materials_projects');
    expect(projectsIndexUid('contract_x1')).toBe('contract_x1_projects');
  });
});

describe('a project document', () => {
  const row: ProjectRow = {
    id: randomUUID(),
    name: 'Parklet \u0002trial',
    summary: 'Seats in parking bays.',
    topic_labels: ['Parks and leisure'],
    council_name: 'Bristol City Council',
    phase: 'alpha',
    topics: ['parks-leisure'],
    council_slug: 'bristol',
    collaboration: ['partners'],
    status: 'active',
    visibility: 'organisation',
    organisation_id: randomUUID(),
    partner_organisation_ids: ['b', 'a'],
    created_at_micros: '1764000000000000',
    updated_at: '2026-01-01T00:00:00.000000Z',
  };

  it('holds what search matches, filters and shows, and the facts the visibility filter needs, nothing more', () => {
    const document = toProjectDocument(row);
    expect(Object.keys(document).sort()).toEqual(
      ['id', 'name', 'summary', 'topicLabels', 'councilName', 'phase', 'topics', 'councilSlug', 'collaboration', 'status', 'visibility', 'organisationId', 'partnerOrganisationIds', 'createdAt', 'updatedAt', 'stamp'].sort(),
    );
    expect(document.name).toBe('Parklet trial');
    expect(document.partnerOrganisationIds).toEqual(['a', 'b']);
    expect(document.createdAt).toBe(1764000000000000);
  });

  it('has a stamp that changes with anything in it (a new partner council, say)', () => {
    const stamp = toProjectDocument(row).stamp;
    expect(toProjectDocument({ ...row }).stamp).toBe(stamp);
    expect(toProjectDocument({ ...row, partner_organisation_ids: ['a', 'b', 'c'] }).stamp).not.toBe(stamp);
    expect(toProjectDocument({ ...row, phase: 'beta' }).stamp).not.toBe(stamp);
  });
});

describe('a projects search request', () => {
  const filters = { ...noProjectFilters(), phases: ['alpha' as const], councils: ['leeds'] };

  it('asks for the hits with every facet counted, and one counting query per facet with a selection', () => {
    const request = buildProjectSearchRequest('materials_projects', anonymous, { text: ' parklet\u0000 ', filters, page: 2, pageSize: 500 });
    expect(request.text).toBe('parklet');
    expect(request.pageSize).toBe(50);
    expect(request.facetQueries).toEqual(['phases', 'councils']);
    const [main, phases, councils] = request.queries;
    expect(main).toMatchObject({
      indexUid: 'materials_projects',
      q: 'parklet',
      page: 2,
      hitsPerPage: 50,
      matchingStrategy: 'all',
      facets: ['phase', 'topics', 'councilSlug', 'collaboration'],
      filter: ['visibility IN ["public"]', ['phase = "alpha"'], ['councilSlug = "leeds"']],
    });
    expect(main?.sort).toBeUndefined();
    expect(phases).toMatchObject({ filter: ['visibility IN ["public"]', ['councilSlug = "leeds"']], facets: ['phase'], limit: 0 });
    expect(councils).toMatchObject({ filter: ['visibility IN ["public"]', ['phase = "alpha"']], facets: ['councilSlug'], limit: 0 });
    expect(main?.attributesToRetrieve).not.toContain('organisationId');
    expect(main?.attributesToRetrieve).not.toContain('partnerOrganisationIds');
  });

  it('browses newest first, and skips the counts when asked to', () => {
    const request = buildProjectSearchRequest('p', anonymous, { text: '', filters, page: 1, pageSize: 5, facets: false });
    expect(request.queries).toHaveLength(1);
    expect(request.queries[0]).toMatchObject({ sort: ['createdAt:desc', 'id:asc'] });
    expect(request.queries[0]?.facets).toBeUndefined();
  });

  it('reads each facet from its own query when it has a selection, else from the main one', () => {
    const request = buildProjectSearchRequest('p', anonymous, { text: 'x', filters, page: 1, pageSize: 5 });
    const answer = (facetDistribution: Record<string, Record<string, number>>) => ({ indexUid: 'p', hits: [], query: 'x', processingTimeMs: 0, facetDistribution });
    const counts = projectFacetCounts(request, [
      answer({ phase: { alpha: 1 }, topics: { housing: 2 }, councilSlug: { leeds: 1 }, collaboration: { sharing: 1 } }),
      answer({ phase: { alpha: 1, idea: 3 } }),
      answer({ councilSlug: { leeds: 1, bristol: 4, york: 0 } }),
    ]);
    expect(Object.fromEntries(counts.phases)).toEqual({ alpha: 1, idea: 3 });
    expect(Object.fromEntries(counts.councils)).toEqual({ leeds: 1, bristol: 4 });
    expect(Object.fromEntries(counts.topics)).toEqual({ housing: 2 });
    expect(() => projectFacetCounts(request, [answer({})])).toThrow(/left out/);
  });

  it('turns a hit into what a result shows', () => {
    expect(toProjectHit({ id: 'a', name: 'N', summary: 'S', councilSlug: 'leeds', councilName: 'Leeds City Council', phase: 'beta', status: 'paused', topics: ['housing', 3], collaboration: ['sharing'] })).toEqual({
      id: 'a',
      name: 'N',
      summary: 'S',
      council: { slug: 'leeds', name: 'Leeds City Council' },
      phase: 'beta',
      status: 'paused',
      topics: ['housing'],
      collaboration: ['sharing'],
    });
  });
});
