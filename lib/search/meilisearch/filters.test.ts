// Filter building, without a server: no Meilisearch server can run on this machine. To check that
// hostile values stay inside their quotes, the filters are read back with a small parser that reads
// quoted values the way Meilisearch's filter parser does (crates/filter-parser/src/value.rs: a value
// runs to the first double quote not preceded by a backslash; then \" becomes " and \\ becomes \).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Filter } from 'meilisearch';
import { canViewMaterial } from '@/lib/auth/permissions';
import { anonymous, type Viewer, type ViewerOrganisation } from '@/lib/auth/viewer';
import { emptySearchQuery } from '../search-params';
import { equals, facetFilter, filterAttribute, isAnyOf, quoteFilterValue, searchFilter, visibilityFilter } from './filters';

type Node =
  | { op: 'and' | 'or'; children: Node[] }
  | { op: '='; attribute: string; value: string }
  | { op: 'in'; attribute: string; values: string[] };

type Token = { kind: 'word' | 'string' | 'punct'; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if ('()[],='.includes(c)) {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let raw = '';
      for (;;) {
        if (j >= input.length) throw new Error(`missing closing quote in ${input}`);
        const d = input[j]!;
        if (d === '"') break;
        if (d === '\\') {
          if (j + 1 >= input.length) throw new Error('malformed value: a backslash at the very end');
          raw += d + input[j + 1];
          j += 2;
        } else {
          raw += d;
          j++;
        }
      }
      tokens.push({ kind: 'string', text: unescapeValue(raw.replaceAll('\\"', '"')) });
      i = j + 1;
    } else if (/[\p{L}\p{N}_.-]/u.test(c)) {
      let j = i;
      while (j < input.length && /[\p{L}\p{N}_.-]/u.test(input[j]!)) j++;
      tokens.push({ kind: 'word', text: input.slice(i, j) });
      i = j;
    } else {
      throw new Error(`unexpected ${JSON.stringify(c)} in ${input}`);
    }
  }
  return tokens;
}

/** Meilisearch then unescapes the value; only \\ can remain in what quoteFilterValue writes. */
function unescapeValue(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '\\') {
      out += raw[i];
      continue;
    }
    const next = raw[++i];
    if (next === '\\') out += '\\';
    else if (next === '"') out += '"';
    else throw new Error(`an escape Meilisearch would read differently: \\${next}`);
  }
  return out;
}

function parse(input: string): Node {
  const tokens = tokenize(input);
  let at = 0;
  const peek = () => tokens[at];
  const take = (text?: string) => {
    const token = tokens[at++];
    if (!token || (text !== undefined && token.text !== text)) throw new Error(`expected ${text ?? 'more'} in ${input}`);
    return token;
  };
  const expr = (): Node => {
    const children = [conjunction()];
    while (peek()?.kind === 'word' && peek()!.text === 'OR') {
      take();
      children.push(conjunction());
    }
    return children.length === 1 ? children[0]! : { op: 'or', children };
  };
  const conjunction = (): Node => {
    const children = [primary()];
    while (peek()?.kind === 'word' && peek()!.text === 'AND') {
      take();
      children.push(primary());
    }
    return children.length === 1 ? children[0]! : { op: 'and', children };
  };
  const value = () => {
    const token = take();
    if (token.kind === 'punct') throw new Error(`expected a value in ${input}`);
    return token.text;
  };
  const primary = (): Node => {
    if (peek()?.text === '(' && peek()?.kind === 'punct') {
      take('(');
      const inner = expr();
      take(')');
      return inner;
    }
    const attribute = take();
    if (attribute.kind !== 'word') throw new Error(`expected an attribute in ${input}`);
    const op = take();
    if (op.text === '=') return { op: '=', attribute: attribute.text, value: value() };
    if (op.text === 'IN') {
      take('[');
      const values = [value()];
      while (peek()?.text === ',') {
        take(',');
        values.push(value());
      }
      take(']');
      return { op: 'in', attribute: attribute.text, values };
    }
    throw new Error(`unexpected ${op.text} in ${input}`);
  };
  const node = expr();
  if (at !== tokens.length) throw new Error(`left over after the expression: ${input}`);
  return node;
}

/** A filter array as Meilisearch reads it: outer AND, inner OR. */
function parseArray(filter: Filter): Node {
  const parts = typeof filter === 'string' ? [filter] : filter;
  return {
    op: 'and',
    children: parts.map((part) => (typeof part === 'string' ? parse(part) : { op: 'or', children: part.map(parse) })),
  };
}

function matches(node: Node, document: Record<string, unknown>): boolean {
  const has = (attribute: string, value: string) => {
    const field = document[attribute];
    return Array.isArray(field) ? field.includes(value) : field === value;
  };
  switch (node.op) {
    case 'and':
      return node.children.every((child) => matches(child, document));
    case 'or':
      return node.children.some((child) => matches(child, document));
    case '=':
      return has(node.attribute, node.value);
    case 'in':
      return node.values.some((value) => has(node.attribute, value));
  }
}

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
