import type { ResolvedProperties } from '../document-properties';
import { escapeXml } from '../xml-escape';

/**
 * docProps/core.xml, written here rather than by the docx library, which has no place for the
 * document's language (`dc:language`) or its creation date (it always writes the time of packing).
 * The language here is what file managers and accessibility checkers read; Word's own spell-check
 * and screen-reader language is `w:lang` in the styles (see docx-styles.ts).
 */
export function docxCoreProperties(properties: ResolvedProperties): string {
  const date = properties.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const element = (name: string, value: string) => (value === '' ? '' : `<${name}>${escapeXml(value)}</${name}>`);
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    element('dc:title', properties.title) +
    element('dc:subject', properties.subject) +
    element('dc:creator', properties.creator) +
    element('cp:keywords', properties.keywords.join(', ')) +
    element('dc:description', properties.description) +
    element('dc:language', properties.language.tag) +
    element('cp:lastModifiedBy', properties.creator) +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}
