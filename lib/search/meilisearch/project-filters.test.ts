// The projects index's filters, without a server (none can run on this machine): read back with the
// same small parser as the materials' filters (testing/filter-parser.ts), and checked against the one
// visibility rule (canViewProject) for every kind of viewer, partner councils included.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canViewProject } from '@/lib/auth/permissions';
import { anonymous, type Viewer, type ViewerOrganisation } from '@/lib/auth/viewer';
import { noProjectFilters } from '../project-search-types';
import { projectEquals, projectFilterAttribute, projectSearchFilter, projectVisibilityFilter } from './project-filters';
import { matches, parse, parseArray } from './testing/filter-parser';

const orgA: ViewerOrganisation = { id: randomUUID(), slug: 'bristol', name: 'Bristol City Council' };
const orgB: ViewerOrganisation = { id: randomUUID(), slug: 'leeds', name: 'Leeds City Council' };
const orgC: ViewerOrganisation = { id: randomUUID(), slug: 'york', name: 'City of York Council' };
const user = (organisation: ViewerOrganisation | null, extra: Partial<Extract<Viewer, { kind: 'user' }>> = {}): Viewer => ({
  kind: 'user',
  userId: randomUUID(),
  name: 'Sam',
  organisation,
  role: 'member',
  isSiteAdmin: false,
  ...extra,
});

describe('the projects visibility filter', () => {
  it('reads as intended for each kind of viewer', () => {
    expect(projectVisibilityFilter(anonymous)).toBe('visibility IN ["public"]');
    expect(projectVisibilityFilter(user(null))).toBe('visibility IN ["public"]');
    expect(projectVisibilityFilter(user(orgA))).toBe(
      `(visibility IN ["public", "councils"] OR (visibility = "organisation" AND (organisationId = "${orgA.id}" OR partnerOrganisationIds = "${orgA.id}")))`,
    );
    expect(projectVisibilityFilter(user(orgA, { role: 'org_admin' }))).toBe(projectVisibilityFilter(user(orgA)));
    expect(projectVisibilityFilter(user(null, { isSiteAdmin: true }))).toBe('visibility EXISTS');
  });

  it('finds exactly what canViewProject allows, for every viewer, visibility, owner and partner', () => {
    const viewers: [string, Viewer][] = [
      ['anonymous', anonymous],
      ['signed in, no council', user(null)],
      ['member of A', user(orgA)],
      ['organisation admin of A', user(orgA, { role: 'org_admin' })],
      ['member of B', user(orgB)],
      ['member of C', user(orgC)],
      ['site admin', user(null, { isSiteAdmin: true })],
      ['site admin in B', user(orgB, { isSiteAdmin: true })],
    ];
    const partnerSets = [[], [orgB.id], [orgB.id, orgC.id]];
    let checked = 0;
    for (const [label, viewer] of viewers) {
      const tree = parse(projectVisibilityFilter(viewer));
      for (const visibility of ['public', 'councils', 'organisation', 'something-new']) {
        for (const owner of [orgA.id, orgB.id]) {
          for (const partners of partnerSets) {
            const document = { visibility, organisationId: owner, partnerOrganisationIds: partners };
            const expected = canViewProject(viewer, { visibility, organisationId: owner, invitedOrganisationIds: partners, partnerOrganisationIds: [] });
            expect(matches(tree, document), `${label}: ${JSON.stringify(document)}`).toBe(expected);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(8 * 4 * 2 * 3);
  });

  it('takes the organisation from the viewer, quoted like any value', () => {
    const odd = user({ id: 'x" OR visibility = "organisation', slug: 'odd', name: 'Odd' });
    const tree = parse(projectVisibilityFilter(odd));
    expect(matches(tree, { visibility: 'organisation', organisationId: orgA.id, partnerOrganisationIds: [] })).toBe(false);
  });
});

describe('project filters', () => {
  const hostile = ['x" OR visibility = "public', 'bristol\\', '\\"', '") OR (visibility EXISTS', 'OR visibility EXISTS', ''];

  it('OR within a facet, AND across facets, visibility first, leaving out the facet being counted', () => {
    const filters = { ...noProjectFilters(), phases: ['alpha', 'beta'] as ('alpha' | 'beta')[], councils: ['leeds'], collaboration: ['co-funding' as const] };
    expect(projectSearchFilter(anonymous, filters)).toEqual([
      'visibility IN ["public"]',
      ['phase = "alpha"', 'phase = "beta"'],
      ['councilSlug = "leeds"'],
      ['collaboration = "co-funding"'],
    ]);
    expect(projectSearchFilter(anonymous, filters, 'councils')).toEqual(['visibility IN ["public"]', ['phase = "alpha"', 'phase = "beta"'], ['collaboration = "co-funding"']]);
    expect(projectSearchFilter(anonymous, { ...noProjectFilters(), topics: ['housing'] })).toEqual(['visibility IN ["public"]', ['topics = "housing"']]);
  });

  it.each(hostile)('%j stays one quoted value and never widens what an anonymous person finds', (value) => {
    expect(parse(projectEquals('councilSlug', value))).toEqual({ op: '=', attribute: 'councilSlug', value });
    const secret = { visibility: 'organisation', organisationId: orgA.id, partnerOrganisationIds: [], councilSlug: value, phase: value, topics: [value], collaboration: [value] };
    const tree = parseArray(projectSearchFilter(anonymous, { phases: [value as 'alpha'], topics: [value], councils: [value], collaboration: [value as 'sharing'] }));
    expect(matches(tree, secret)).toBe(false);
    expect(tree).toMatchObject({ op: 'and', children: [{}, { op: 'or' }, { op: 'or' }, { op: 'or' }, { op: 'or' }] });
  });

  it('name attributes from the allow-list only', () => {
    expect(projectFilterAttribute('collaboration')).toBe('collaboration');
    for (const name of ['name', 'summary', 'status = "x" OR visibility', 'phases', 'id', '']) {
      expect(() => projectFilterAttribute(name)).toThrow(/not an attribute search may filter on/);
      expect(() => projectEquals(name, 'x')).toThrow();
    }
  });
});
