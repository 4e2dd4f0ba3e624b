import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import type { CatalogueRecord } from './catalogue-records';
import { catalogueJsonLd, catalogueTurtle } from './dcat-graph';
import { prefixes, turtleIri, turtleString } from './rdf';

const site = 'https://hub.example.org';
const xsd = prefixes.xsd;
const rdfType = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

const record = (overrides: Partial<CatalogueRecord> = {}): CatalogueRecord => ({
  id: '0190b1c4-0000-7000-8000-000000000001',
  title: 'Bin collections discussion guide',
  summary: 'Questions we asked residents.',
  issued: '2026-03-01T10:00:00.000Z',
  modified: '2026-04-02T09:30:00.000Z',
  keywords: ['Discovery', 'Interview or discussion guide', 'Waste and recycling', 'interviews'],
  publisher: { slug: 'bristol', name: 'Bristol City Council', gssCode: 'E06000023' },
  licence: { spdx: 'OGL-UK-3.0', label: 'Open Government Licence v3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' },
  file: { versionNumber: 2, fileName: 'guide.docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', formatLabel: 'Word document', byteSize: 20480 },
  ...overrides,
});

async function* from<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function text(pieces: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const piece of pieces) out += piece;
  return out;
}

/** Triples as comparable strings: `<s> <p> <o>` or `<s> <p> "text"^^<type>`. */
type Triple = string;
const show = (value: string, kind: 'iri' | 'literal', datatype = `${xsd}string`) => (kind === 'iri' ? `<${value}>` : `${JSON.stringify(value)}^^<${datatype}>`);

function turtleTriples(document: string): Set<Triple> {
  const quads = new Parser({ format: 'text/turtle' }).parse(document);
  return new Set(
    quads.map((q) => `<${q.subject.value}> <${q.predicate.value}> ${q.object.termType === 'Literal' ? show(q.object.value, 'literal', q.object.datatype.value) : show(q.object.value, 'iri')}`),
  );
}

/** Reads our JSON-LD back to triples: compact names expanded with the @context's prefixes. */
function jsonLdTriples(document: string): Set<Triple> {
  const data = JSON.parse(document) as Record<string, unknown>;
  const context = data['@context'] as Record<string, string>;
  const expand = (name: string) => {
    const [prefix, local] = name.split(':') as [string, string];
    expect(context[prefix], `prefix of ${name}`).toBeDefined();
    return `${context[prefix]}${local}`;
  };
  const triples = new Set<Triple>();
  const walk = (node: Record<string, unknown>) => {
    const subject = `<${String(node['@id'])}>`;
    for (const type of [node['@type']].flat()) triples.add(`${subject} <${rdfType}> <${expand(String(type))}>`);
    for (const [key, raw] of Object.entries(node)) {
      if (key.startsWith('@')) continue;
      for (const value of [raw].flat()) {
        let object: string;
        if (typeof value === 'string') object = show(value, 'literal');
        else {
          const v = value as Record<string, unknown>;
          if ('@value' in v) object = show(String(v['@value']), 'literal', expand(String(v['@type'])));
          else {
            object = show(String(v['@id']), 'iri');
            if (Object.keys(v).length > 1) walk(v);
          }
        }
        triples.add(`${subject} <${expand(key)}> ${object}`);
      }
    }
  };
  walk(data);
  return triples;
}

describe('the DCAT catalogue', () => {
  it('is the same graph in JSON-LD and in Turtle, which a real Turtle parser reads', async () => {
    const records = [record(), record({ id: '0190b1c4-0000-7000-8000-000000000002', summary: '', publisher: null, licence: { spdx: 'LicenseRef-ask-owner', label: 'Ask', url: null } })];
    const turtle = turtleTriples(await text(catalogueTurtle(from(records), site)));
    const jsonLd = jsonLdTriples(await text(catalogueJsonLd(from(records), site)));
    expect([...jsonLd].sort()).toEqual([...turtle].sort());

    const page = `${site}/materials/${records[0]!.id}`;
    const dcat = prefixes.dcat;
    const dct = prefixes.dct;
    expect(turtle).toContain(`<${site}/catalog.jsonld> <${rdfType}> <${dcat}Catalog>`);
    expect(turtle).toContain(`<${site}/catalog.jsonld> <${dcat}dataset> <${page}>`);
    expect(turtle).toContain(`<${page}> <${rdfType}> <${dcat}Dataset>`);
    expect(turtle).toContain(`<${page}> <${dct}issued> ${show('2026-03-01T10:00:00.000Z', 'literal', `${xsd}dateTime`)}`);
    expect(turtle).toContain(`<${page}> <${dcat}landingPage> <${page}>`);
    expect(turtle).toContain(`<${page}> <${dcat}keyword> ${show('Waste and recycling', 'literal')}`);
    expect(turtle).toContain(`<${page}> <${dct}publisher> <${site}/organisations/bristol>`);
    expect(turtle).toContain(`<${site}/organisations/bristol> <${dct}identifier> ${show('E06000023', 'literal')}`);
    expect(turtle).toContain(`<${site}/organisations/bristol> <${rdfType}> <${prefixes.foaf}Organization>`);
    const file = `${page}#file-2`;
    expect(turtle).toContain(`<${page}> <${dcat}distribution> <${file}>`);
    expect(turtle).toContain(`<${file}> <${dcat}downloadURL> <${page}/versions/2/download>`);
    expect(turtle).toContain(`<${file}> <${dcat}mediaType> <http://www.iana.org/assignments/media-types/application/vnd.openxmlformats-officedocument.wordprocessingml.document>`);
    expect(turtle).toContain(`<${file}> <${dcat}byteSize> ${show('20480', 'literal', `${xsd}nonNegativeInteger`)}`);
    expect(turtle).toContain(`<${file}> <${dct}license> <https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/>`);
    // The second has no summary, no council and no licence address: those statements are left out.
    const second = `${site}/materials/${records[1]!.id}`;
    expect([...turtle].filter((t) => t.startsWith(`<${second}> <${dct}description>`) || t.startsWith(`<${second}> <${dct}publisher>`) || t.startsWith(`<${second}> <${dct}license>`))).toEqual([]);
  });

  it('an empty hub is still a catalogue', async () => {
    const turtle = turtleTriples(await text(catalogueTurtle(from([]), site)));
    expect(turtle).toContain(`<${site}/catalog.jsonld> <${rdfType}> <${prefixes.dcat}Catalog>`);
    expect((JSON.parse(await text(catalogueJsonLd(from([]), site))) as Record<string, unknown>)['dcat:dataset']).toEqual([]);
  });

  it('keeps hostile titles as text in both forms', async () => {
    const title = 'Guide "quoted" \\ back\\slash """triple""" \n new line \r\t \u0001 \u007f 🗑️ </script> @prefix x: <y> .';
    const hostile = record({ title, summary: title, keywords: [title], publisher: { slug: 'bristol', name: title, gssCode: null } });
    const turtle = turtleTriples(await text(catalogueTurtle(from([hostile]), site)));
    const expected = show(title, 'literal');
    const page = `${site}/materials/${hostile.id}`;
    expect(turtle).toContain(`<${page}> <${prefixes.dct}title> ${expected}`);
    expect(turtle).toContain(`<${page}> <${prefixes.dcat}keyword> ${expected}`);
    expect(turtle).toContain(`<${site}/organisations/bristol> <${prefixes.foaf}name> ${expected}`);
    const jsonLd = jsonLdTriples(await text(catalogueJsonLd(from([hostile]), site)));
    expect([...jsonLd].sort()).toEqual([...turtle].sort());
  });
});

describe('Turtle escaping', () => {
  it('escapes quotes, backslashes and controls, and drops lone surrogates', () => {
    expect(turtleString('a"b\\c\nd\u0001')).toBe('"a\\"b\\\\c\\nd\\u0001"');
    expect(turtleString('x\uD800y')).toBe('"xy"');
    expect(turtleString('🗑️')).toBe('"🗑️"');
  });

  it('keeps an IRI inside its brackets', () => {
    expect(turtleIri('https://hub.example.org/a b>"{}|^`\\')).toBe('<https://hub.example.org/a%20b%3E%22%7B%7D%7C%5E%60%5C>');
  });
});
