// Filter building, without a server: no Meilisearch server can run on this machine. To check that
// hostile values stay inside their quotes, the filters are read back with a small parser that reads
// quoted values the way Meilisearch's filter parser does (crates/filter-parser/src/value.rs: a value
// runs to the first double quote not preceded by a backslash; then \" becomes " and \\ becomes \).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canViewMaterial } from '@/lib/auth/permissions';
import { anonymous, type Viewer, type ViewerOrganisation } from '@/lib/auth/viewer';
import { emptySearchQuery } from '../search-params';
import { matches, parse, parseArray } from './testing/filter-parser';
import { equals, facetFilter, filterAttribute, isAnyOf, quoteFilterValue, searchFilter, visibilityFilter } from './filters';

const hostileValues = [
  'x" OR visibility = "public',
  'x\\" OR visibility = "public',
  'bristol\\',
  '\\',
  '\\\\',
  '"',
  '""',
  '\\"',
  '" OR status = "withdrawn" OR "',
  "x' OR visibility = 'public",
  'line one\nline two',
  'carriage\rreturn\ttab',
  'nul\u0000byte',
  'ünïcödé – Ynys Môn 🦀',
  '\u202eright-to-left',
  ') OR (visibility = "public"',
  '] OR visibility IN ["public"',
  'AND',
  'OR visibility EXISTS',
  '',
  ' ',
];

describe('filter values', () => {
  it('are quoted with backslashes, then double quotes, escaped', () => {
    expect(quoteFilterValue('plain')).toBe('"plain"');
    expect(quoteFilterValue('a"b')).toBe('"a\\"b"');
    expect(quoteFilterValue('a\\b')).toBe('"a\\\\b"');
    expect(quoteFilterValue('end\\')).toBe('"end\\\\"');
    expect(quoteFilterValue('\\"')).toBe('"\\\\\\""');
  });

  it.each(hostileValues)('%j stays one quoted value and reads back unchanged', (value) => {
    expect(parse(equals('councilSlug', value))).toEqual({ op: '=', attribute: 'councilSlug', value });
    expect(parse(isAnyOf('councilSlug', [value, 'leeds']))).toEqual({ op: 'in', attribute: 'councilSlug', values: [value, 'leeds'] });
  });

  it('hostile facet values never widen what an anonymous person finds', () => {
    const secret = { status: 'published', visibility: 'organisation', organisationId: randomUUID(), councilSlug: 'bristol', phases: ['discovery'] };
    const withdrawn = { ...secret, visibility: 'public', status: 'withdrawn' };
    for (const value of hostileValues) {
      const filters = { ...emptySearchQuery().filters, councils: [value], phases: [value] };
      const tree = parseArray(searchFilter(anonymous, filters));
      expect(matches(tree, secret)).toBe(false);
      expect(matches(tree, withdrawn)).toBe(false);
      // Exactly the visibility condition and one condition per facet: nothing was added.
      expect(tree).toMatchObject({ op: 'and', children: [{}, { op: 'or', children: [{ op: '=', value }] }, { op: 'or', children: [{ op: '=', value }] }] });
    }
  });

  it('random strings of quotes, backslashes and brackets always read back unchanged', () => {
    const alphabet = ['"', '\\', "'", '(', ')', '[', ']', ',', '=', ' ', 'a', 'OR', 'AND', '\n', 'é'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 2000; n++) {
      const value = Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(parse(equals('licence', value))).toEqual({ op: '=', attribute: 'licence', value });
    }
  });
});

describe('filter attributes', () => {
  it('come from the allow-list only', () => {
    expect(filterAttribute('councilSlug')).toBe('councilSlug');
    for (const name of ['title', 'text', 'councilSlug = "x" OR visibility', 'visibility ', '_geo', 'id', '']) {
      expect(() => filterAttribute(name)).toThrow(/not an attribute search may filter on/);
      expect(() => equals(name, 'x')).toThrow();
      expect(() => isAnyOf(name, ['x'])).toThrow();
    }
  });
});

describe('facet filters', () => {
  const filters = { ...emptySearchQuery().filters, phases: ['discovery', 'alpha'], councils: ['bristol'], licences: [] };

  it('OR within a facet, AND across facets, only facets with a selection', () => {
    expect(facetFilter(filters)).toEqual([['phases = "discovery"', 'phases = "alpha"'], ['councilSlug = "bristol"']]);
  });

  it("leave out the facet whose counts are being taken", () => {
    expect(facetFilter(filters, 'phases')).toEqual([['councilSlug = "bristol"']]);
    expect(facetFilter(filters, 'councils')).toEqual([['phases = "discovery"', 'phases = "alpha"']]);
  });

  it('put the visibility condition first, always', () => {
    expect(searchFilter(anonymous, filters, 'phases')).toEqual([visibilityFilter(anonymous), ['councilSlug = "bristol"']]);
    expect(searchFilter(anonymous, emptySearchQuery().filters)).toEqual([visibilityFilter(anonymous)]);
  });
});

describe('the visibility filter', () => {
  const orgA: ViewerOrganisation = { id: randomUUID(), slug: 'bristol', name: 'Bristol City Council' };
  const orgB: ViewerOrganisation = { id: randomUUID(), slug: 'leeds', name: 'Leeds City Council' };
  const user = (organisation: ViewerOrganisation | null, extra: Partial<Extract<Viewer, { kind: 'user' }>> = {}): Viewer => ({
    kind: 'user',
    userId: randomUUID(),
    name: 'Sam',
    organisation,
    role: 'member',
    isSiteAdmin: false,
    ...extra,
  });

  it('reads as intended for each kind of viewer', () => {
    expect(visibilityFilter(anonymous)).toBe('status = "published" AND visibility IN ["public"]');
    expect(visibilityFilter(user(null))).toBe('status = "published" AND visibility IN ["public"]');
    expect(visibilityFilter(user(orgA))).toBe(
      `status = "published" AND (visibility IN ["public", "councils"] OR (visibility = "organisation" AND organisationId = "${orgA.id}"))`,
    );
    expect(visibilityFilter(user(orgA, { role: 'org_admin' }))).toBe(visibilityFilter(user(orgA)));
    expect(visibilityFilter(user(null, { isSiteAdmin: true }))).toBe('status = "published"');
    expect(visibilityFilter(user(orgB, { isSiteAdmin: true }))).toBe('status = "published"');
  });

  it('finds exactly what canViewMaterial allows, among published materials, for every combination', () => {
    const viewers: [string, Viewer][] = [
      ['anonymous', anonymous],
      ['signed in, no council', user(null)],
      ['member of A', user(orgA)],
      ['organisation admin of A', user(orgA, { role: 'org_admin' })],
      ['member of B', user(orgB)],
      ['site admin', user(null, { isSiteAdmin: true })],
      ['site admin in B', user(orgB, { isSiteAdmin: true })],
    ];
    let checked = 0;
    for (const [label, viewer] of viewers) {
      const tree = parse(visibilityFilter(viewer));
      for (const visibility of ['public', 'councils', 'organisation', 'something-new']) {
        for (const owner of [orgA.id, orgB.id, null]) {
          for (const status of ['published', 'withdrawn']) {
            const material = { status, visibility, organisationId: owner };
            const expected = status === 'published' && canViewMaterial(viewer, material);
            expect(matches(tree, material), `${label}: ${JSON.stringify(material)}`).toBe(expected);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(7 * 4 * 3 * 2);
  });

  it('takes the organisation from the viewer, quoted like any value', () => {
    const odd = user({ id: 'x" OR visibility = "organisation', slug: 'odd', name: 'Odd' });
    const tree = parse(visibilityFilter(odd));
    expect(matches(tree, { status: 'published', visibility: 'organisation', organisationId: orgA.id })).toBe(false);
  });
});
