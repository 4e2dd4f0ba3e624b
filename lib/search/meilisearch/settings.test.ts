// Index settings, checked against a stand-in: mock because no Meilisearch server can run on this
// machine. What a real server does with them is for the contract suite (MEILI_HOST).
import { describe, expect, it } from 'vitest';
import { synonymGroups } from '../synonyms';
import { filterableAttributes } from './filters';
import { MeiliTaskFailedError } from './gateway';
import { applyIndexSettings, materialIndexSettings, synonymMap } from './settings';
import { StandInGateway } from './testing/stand-in-gateway';

describe('the index settings', () => {
  const settings = materialIndexSettings([['bins', 'waste', 'refuse', 'rubbish'], ['council tax', 'ctax']]);

  it('search the title first and the file text last', () => {
    expect(settings.searchableAttributes).toEqual(['title', 'summary', 'tags', 'topicLabels', 'councilName', 'text']);
  });

  it('make filterable exactly the attributes filters may name', () => {
    expect(settings.filterableAttributes).toEqual([...filterableAttributes]);
    expect(settings.filterableAttributes).toEqual(
      expect.arrayContaining(['phases', 'artefactType', 'kind', 'topics', 'councilSlug', 'licence', 'visibility', 'organisationId', 'status']),
    );
    expect(settings.filterableAttributes).not.toContain('text');
  });

  it('sort by the numeric creation time, ties broken by id', () => {
    expect(settings.sortableAttributes).toEqual(['createdAt', 'id']);
  });

  it('put sort first (newest is strictly by date) and newest first among equally relevant hits', () => {
    expect(settings.rankingRules?.[0]).toBe('sort');
    expect(settings.rankingRules).toEqual(expect.arrayContaining(['words', 'typo', 'proximity', 'attribute', 'exactness']));
    expect(settings.rankingRules?.at(-1)).toBe('createdAt:desc');
  });

  it('tolerate typos in longer words only', () => {
    expect(settings.typoTolerance).toEqual({ enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } });
  });

  it('count every facet value and total exactly far past the last page', () => {
    expect(settings.faceting?.maxValuesPerFacet).toBeGreaterThanOrEqual(500);
    expect(settings.pagination?.maxTotalHits).toBeGreaterThanOrEqual(500 * 50);
  });

  it('drop the same English stop words as Postgres', () => {
    expect(settings.stopWords).toEqual(expect.arrayContaining(['the', 'a', 'to', 'of', 'and']));
    expect(settings.stopWords).not.toContain('housing');
  });

  it('spell out synonyms both ways, multi-word terms included', () => {
    expect(settings.synonyms).toMatchObject({
      bins: ['refuse', 'rubbish', 'waste'],
      waste: ['bins', 'refuse', 'rubbish'],
      'council tax': ['ctax'],
      ctax: ['council tax'],
    });
  });

  it('use the synonyms file by default', () => {
    const fromFile = materialIndexSettings().synonyms!;
    const groups = synonymGroups();
    expect(groups.length).toBeGreaterThan(0);
    const [first, second] = groups[0]!;
    expect(fromFile[first!]).toContain(second);
    expect(fromFile[second!]).toContain(first);
  });
});

describe('synonymMap', () => {
  it('lower-cases, trims, merges a term found in two groups and leaves out lonely terms', () => {
    expect(synonymMap([[' Bins ', 'WASTE'], ['waste', 'litter'], ['alone']])).toEqual({
      bins: ['waste'],
      litter: ['waste'],
      waste: ['bins', 'litter'],
    });
  });
});

describe('applyIndexSettings', () => {
  it('sends the settings and waits for them', async () => {
    const gateway = new StandInGateway();
    await applyIndexSettings(gateway, 'materials');
    expect(gateway.indexes.get('materials')?.settings.searchableAttributes?.[0]).toBe('title');
  });

  it('throws when Meilisearch could not apply them', async () => {
    const gateway = new StandInGateway();
    gateway.failNext('updateSettings', 'Attribute `x` is not filterable');
    await expect(applyIndexSettings(gateway, 'materials')).rejects.toThrow(MeiliTaskFailedError);
    gateway.failNext('updateSettings', 'Attribute `x` is not filterable');
    await expect(applyIndexSettings(gateway, 'materials')).rejects.toThrow(/task \d+ failed: Attribute `x` is not filterable/);
  });
});
