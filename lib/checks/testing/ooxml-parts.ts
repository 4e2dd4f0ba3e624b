/**
 * Test-only pieces of Office Open XML packages: namespaces, content types, relationships and
 * document properties, as Office writes them (trimmed to what the checks and the clean-up read).
 */
export const NS = {
  w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  wp: 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  pic: 'http://schemas.openxmlformats.org/drawingml/2006/picture',
  p: 'http://schemas.openxmlformats.org/presentationml/2006/main',
  x: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
};
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function contentTypes(overrides: Record<string, string>, defaults: Record<string, string> = {}): string {
  const all = { rels: 'application/vnd.openxmlformats-package.relationships+xml', xml: 'application/xml', jpeg: 'image/jpeg', png: 'image/png', vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing', ...defaults };
  return `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${Object.entries(all)
    .map(([extension, type]) => `<Default Extension="${extension}" ContentType="${type}"/>`)
    .join('')}${Object.entries(overrides)
    .map(([part, type]) => `<Override PartName="/${part}" ContentType="${type}"/>`)
    .join('')}</Types>`;
}

/** Relationships: [id, type (the last word of the type URI, or a full URI), target, external?]. */
export function relationships(list: [string, string, string, boolean?][]): string {
  return `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list
    .map(([id, type, target, external]) => `<Relationship Id="${id}" Type="${type.includes('/') ? type : `${REL}/${type}`}" Target="${escapeXml(target)}"${external ? ' TargetMode="External"' : ''}/>`)
    .join('')}</Relationships>`;
}

export function packageRelationships(mainPart: string): string {
  return relationships([
    ['rId1', 'officeDocument', mainPart],
    ['rId2', 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', 'docProps/core.xml'],
    ['rId3', 'extended-properties', 'docProps/app.xml'],
  ]);
}

export function coreProperties(properties: { title?: string; creator?: string; lastModifiedBy?: string }): string {
  return `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${
    properties.title ? `<dc:title>${escapeXml(properties.title)}</dc:title>` : ''
  }${properties.creator ? `<dc:creator>${escapeXml(properties.creator)}</dc:creator>` : ''}${
    properties.lastModifiedBy ? `<cp:lastModifiedBy>${escapeXml(properties.lastModifiedBy)}</cp:lastModifiedBy>` : ''
  }<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-01T09:00:00Z</dcterms:created></cp:coreProperties>`;
}

export function appProperties(properties: { manager?: string; company?: string }): string {
  return `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application>${
    properties.manager ? `<Manager>${escapeXml(properties.manager)}</Manager>` : ''
  }${properties.company ? `<Company>${escapeXml(properties.company)}</Company>` : ''}</Properties>`;
}

export const CORE_TYPE = 'application/vnd.openxmlformats-package.core-properties+xml';
export const APP_TYPE = 'application/vnd.openxmlformats-officedocument.extended-properties+xml';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

export const xmlDeclaration = XML;
