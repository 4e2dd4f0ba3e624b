import { absoluteUrl, hubName } from '../site-address';
import type { CatalogueRecord } from './catalogue-records';
import { iri, jsonLdContext, jsonLdNode, literal, turtleIri, turtleNode, turtlePrefixes, type RdfNode } from './rdf';

/**
 * The data catalogue as DCAT (DCAT-AP shaped, so CKAN's ckanext-dcat can harvest it): a dcat:Catalog
 * whose dcat:dataset is every public material, each a dcat:Dataset with its publishing council and a
 * dcat:Distribution for its current file. Written as JSON-LD and as Turtle from the same nodes
 * (./rdf.ts), one material at a time, so the document streams however large the hub is.
 */

export const catalogueDescription = `Public materials shared on ${hubName}: research plans, discussion guides, consent forms, personas, journey maps and other Discovery-phase work by UK councils.`;

export function catalogueNode(site: string): RdfNode {
  return {
    // Named by its JSON-LD address, so the name leads to the catalogue itself.
    id: absoluteUrl(site, '/catalog.jsonld'),
    types: ['dcat:Catalog'],
    properties: [
      ['dct:title', literal(hubName)],
      ['dct:description', literal(catalogueDescription)],
      ['foaf:homepage', iri(absoluteUrl(site, '/'))],
      ['dct:language', iri('http://publications.europa.eu/resource/authority/language/ENG')],
    ],
  };
}

export function datasetNode(record: CatalogueRecord, site: string): RdfNode {
  const page = absoluteUrl(site, `/materials/${record.id}`);
  const licence = record.licence.url ? [['dct:license', iri(record.licence.url)] as RdfNode['properties'][number]] : [];
  const distribution: RdfNode = {
    id: `${page}#file-${record.file.versionNumber}`,
    types: ['dcat:Distribution'],
    properties: [
      ['dct:title', literal(record.file.fileName)],
      ['dcat:accessURL', iri(page)],
      ['dcat:downloadURL', iri(absoluteUrl(site, `/materials/${record.id}/versions/${record.file.versionNumber}/download`))],
      ['dcat:mediaType', iri(`http://www.iana.org/assignments/media-types/${record.file.mediaType}`)],
      ['dct:format', literal(record.file.formatLabel)],
      ['dcat:byteSize', literal(String(record.file.byteSize), 'xsd:nonNegativeInteger')],
      ...licence,
    ],
  };
  const publisher: RdfNode[] = record.publisher
    ? [
        {
          id: absoluteUrl(site, `/organisations/${record.publisher.slug}`),
          types: ['foaf:Organization', 'schema:GovernmentOrganization'],
          properties: [
            ['foaf:name', literal(record.publisher.name)],
            // The ONS code of a council (E06000023): how other datasets name it.
            ...(record.publisher.gssCode ? [['dct:identifier', literal(record.publisher.gssCode)] as RdfNode['properties'][number]] : []),
          ],
        },
      ]
    : [];
  return {
    id: page,
    types: ['dcat:Dataset'],
    properties: [
      ['dct:identifier', literal(record.id)],
      ['dct:title', literal(record.title)],
      ...(record.summary ? [['dct:description', literal(record.summary)] as RdfNode['properties'][number]] : []),
      ['dct:issued', literal(record.issued, 'xsd:dateTime')],
      ['dct:modified', literal(record.modified, 'xsd:dateTime')],
      ...record.keywords.map((keyword) => ['dcat:keyword', literal(keyword)] as RdfNode['properties'][number]),
      ['dcat:landingPage', iri(page)],
      ...publisher.map((node) => ['dct:publisher', node] as RdfNode['properties'][number]),
      ...licence,
      ['dcat:distribution', distribution],
    ],
  };
}

/** The catalogue as JSON-LD, in pieces: the catalogue's own properties, then its datasets one by one. */
export async function* catalogueJsonLd(records: AsyncIterable<CatalogueRecord>, site: string): AsyncGenerator<string> {
  const head = JSON.stringify({ '@context': jsonLdContext, ...jsonLdNode(catalogueNode(site)) });
  // The head without its closing brace, then "dcat:dataset": [ … ] }.
  yield `${head.slice(0, -1)},"dcat:dataset":[`;
  let first = true;
  for await (const record of records) {
    yield `${first ? '' : ','}\n${JSON.stringify(jsonLdNode(datasetNode(record, site)))}`;
    first = false;
  }
  yield '\n]}\n';
}

/** The same graph as Turtle, in pieces. */
export async function* catalogueTurtle(records: AsyncIterable<CatalogueRecord>, site: string): AsyncGenerator<string> {
  const catalogue = catalogueNode(site);
  yield `${turtlePrefixes()}\n${turtleNode(catalogue)}`;
  for await (const record of records) {
    const dataset = datasetNode(record, site);
    yield `${turtleIri(catalogue.id)} dcat:dataset ${turtleIri(dataset.id)} .\n\n${turtleNode(dataset)}`;
  }
}
