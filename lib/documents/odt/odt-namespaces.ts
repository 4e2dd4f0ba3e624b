/** The ODF 1.3 namespaces the generated parts use, declared once on each part's root element. */
export const ODF_VERSION = '1.3';

export const NAMESPACES = {
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  style: 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  fo: 'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0',
  svg: 'urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0',
  xlink: 'http://www.w3.org/1999/xlink',
  dc: 'http://purl.org/dc/elements/1.1/',
  meta: 'urn:oasis:names:tc:opendocument:xmlns:meta:1.0',
} as const;

export function namespaceAttributes(...prefixes: (keyof typeof NAMESPACES)[]): string {
  return prefixes.map((prefix) => `xmlns:${prefix}="${NAMESPACES[prefix]}"`).join(' ');
}

/** ODF style names are XML NCNames; a space is written _20_, as LibreOffice does ("Heading 1" is Heading_20_1). */
export const STYLE = {
  standard: 'Standard',
  heading: 'Heading',
  headings: ['Heading_20_1', 'Heading_20_2', 'Heading_20_3', 'Heading_20_4'],
  textBody: 'Text_20_body',
  list: 'List',
  quotations: 'Quotations',
  preformatted: 'Preformatted_20_Text',
  tableContents: 'Table_20_Contents',
  tableHeading: 'Table_20_Heading',
  fillIn: 'Fill-in',
  link: 'Internet_20_link',
  visitedLink: 'Visited_20_Internet_20_Link',
  sourceText: 'Source_20_Text',
  bulletList: 'List_20_Bullet',
  numberList: 'Numbering_20_123',
  checklist: 'Checklist',
} as const;
