import { formatByCode } from '@/lib/formats/file-formats';
import type { MaterialDetail } from '@/lib/materials/get-material';

/**
 * schema.org structured data for a material's page, so search engines can describe it: a
 * DigitalDocument with what the page itself shows (title, summary, dates, licence, format, council,
 * phases, type, service areas and tags), nothing more. Built only from the MaterialDetail the viewer
 * was allowed to see (getMaterial), and only once it is published. Safe to import anywhere.
 */

type JsonLd = Record<string, unknown>;

export function materialJsonLd(material: MaterialDetail, pageUrl: string, options: { isBasedOn?: string } = {}): JsonLd | undefined {
  if (material.status !== 'published') return undefined;
  const mediaType = formatByCode(material.file.format)?.contentType.split(';')[0];
  const keywords = [...material.phases.map((p) => p.label), material.artefactType.label, ...material.topics.map((t) => t.label), ...material.tags];
  return {
    '@context': 'https://schema.org',
    '@type': 'DigitalDocument',
    '@id': pageUrl,
    url: pageUrl,
    name: material.title,
    ...(material.summary ? { description: material.summary } : {}),
    datePublished: material.createdAt,
    dateModified: material.lastUpdatedAt ?? material.createdAt,
    inLanguage: 'en-GB',
    // Only a licence with an address: "ask the council first" has none, and is not a licence URL.
    ...(material.licence.url ? { license: material.licence.url } : {}),
    ...(mediaType ? { encodingFormat: mediaType } : {}),
    ...(material.council ? { publisher: publisherOf(material.council) } : {}),
    keywords: [...new Set(keywords)].join(', '),
    // The page of the material it was adapted from: given by the caller only when that one is public.
    ...(options.isBasedOn ? { isBasedOn: options.isBasedOn } : {}),
  };
}

function publisherOf(council: NonNullable<MaterialDetail['council']>): JsonLd {
  return {
    '@type': 'GovernmentOrganization',
    name: council.name,
    ...(council.gssCode ? { identifier: { '@type': 'PropertyValue', propertyID: 'GSS', value: council.gssCode } } : {}),
  };
}

/**
 * The text of a `<script type="application/ld+json">`. JSON.stringify leaves `<` alone, so a title
 * holding `</script>` would end the script and start HTML of the sharer's choosing: `<`, `>` and `&`
 * become \u escapes (still the same JSON), as do the line separators some older parsers choke on.
 */
export function jsonLdScriptText(data: JsonLd): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
