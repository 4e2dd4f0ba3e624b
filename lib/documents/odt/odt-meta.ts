import type { ResolvedProperties } from '../document-properties';
import { escapeXml } from '../xml-escape';
import { namespaceAttributes, ODF_VERSION } from './odt-namespaces';

/** meta.xml: title, subject, description, keywords (one element each), creator, language and dates. */
export function odtMeta(properties: ResolvedProperties): string {
  const date = properties.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const element = (name: string, value: string) => (value === '' ? '' : `<${name}>${escapeXml(value)}</${name}>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta ${namespaceAttributes('office', 'meta', 'dc')} office:version="${ODF_VERSION}">
<office:meta>
<meta:generator>${escapeXml(properties.creator)}</meta:generator>
${element('dc:title', properties.title)}
${element('dc:subject', properties.subject)}
${element('dc:description', properties.description)}
${properties.keywords.map((keyword) => element('meta:keyword', keyword)).join('')}
${element('meta:initial-creator', properties.creator)}
${element('dc:creator', properties.creator)}
<meta:creation-date>${date}</meta:creation-date>
<dc:date>${date}</dc:date>
${element('dc:language', properties.language.tag)}
</office:meta>
</office:document-meta>
`;
}
