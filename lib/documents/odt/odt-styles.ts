import type { ResolvedProperties } from '../document-properties';
import type { PageLayout } from '../page-layout';
import { namespaceAttributes, ODF_VERSION, STYLE } from './odt-namespaces';

/**
 * styles.xml: the named styles, as LibreOffice names its own (Heading 1–4 with outline levels 1–4,
 * Text body, Quotations, Table Heading, …) so the Navigator, a table of contents and export to
 * tagged PDF all see the structure; the document's language (fo:language and fo:country) on the
 * default paragraph style; and the A4 page. Colours and sizes match the Word files (docx-styles.ts).
 */
export function odtStyles(properties: ResolvedProperties, layout: PageLayout): string {
  const { language, country } = properties.language;
  const text = '#0b0c0c';
  const headings = [24, 18, 14, 12]
    .map((points, index) => {
      const level = index + 1;
      const above = level === 1 ? '0mm' : ['0mm', '6.35mm', '4.94mm', '4.23mm'][index];
      return `<style:style style:name="${STYLE.headings[index]}" style:display-name="Heading ${level}" style:family="paragraph" style:parent-style-name="${STYLE.heading}" style:next-style-name="${STYLE.textBody}" style:default-outline-level="${level}" style:class="text">
<style:paragraph-properties fo:margin-top="${above}" fo:margin-bottom="2.12mm" fo:keep-with-next="always"/>
<style:text-properties fo:font-size="${points}pt" fo:font-weight="bold" style:font-size-complex="${points}pt" style:font-weight-complex="bold"/>
</style:style>`;
    })
    .join('\n');

  const listLevels = (style: (level: number) => string) => Array.from({ length: 10 }, (_, index) => style(index + 1)).join('');
  const listPosition = (level: number) =>
    `<style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="${level * 10}mm" fo:text-indent="-6mm" fo:margin-left="${level * 10}mm"/></style:list-level-properties>`;
  const bullets = ['•', '◦', '▪'];

  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${namespaceAttributes('office', 'style', 'text', 'table', 'fo', 'svg', 'xlink')} office:version="${ODF_VERSION}">
<office:font-face-decls>
<style:font-face style:name="Arial" svg:font-family="Arial" style:font-family-generic="swiss" style:font-pitch="variable"/>
<style:font-face style:name="Consolas" svg:font-family="Consolas" style:font-family-generic="modern" style:font-pitch="fixed"/>
</office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph">
<style:paragraph-properties fo:line-height="115%" style:writing-mode="lr-tb"/>
<style:text-properties style:font-name="Arial" fo:font-size="12pt" fo:color="${text}" fo:language="${language}" fo:country="${country}" style:font-size-complex="12pt"/>
</style:default-style>
<style:default-style style:family="table-cell"><style:table-cell-properties fo:padding="1.5mm"/></style:default-style>
<style:style style:name="${STYLE.standard}" style:family="paragraph" style:class="text"/>
<style:style style:name="${STYLE.textBody}" style:display-name="Text body" style:family="paragraph" style:parent-style-name="${STYLE.standard}" style:class="text">
<style:paragraph-properties fo:margin-top="0mm" fo:margin-bottom="2.82mm"/>
</style:style>
<style:style style:name="${STYLE.heading}" style:family="paragraph" style:parent-style-name="${STYLE.standard}" style:next-style-name="${STYLE.textBody}" style:class="text">
<style:paragraph-properties fo:keep-with-next="always"/>
<style:text-properties fo:color="${text}"/>
</style:style>
${headings}
<style:style style:name="${STYLE.list}" style:family="paragraph" style:parent-style-name="${STYLE.textBody}" style:class="list">
<style:paragraph-properties fo:margin-bottom="1.41mm"/>
</style:style>
<style:style style:name="${STYLE.quotations}" style:family="paragraph" style:parent-style-name="${STYLE.standard}" style:class="html">
<style:paragraph-properties fo:margin-left="10mm" fo:margin-right="10mm" fo:margin-top="0mm" fo:margin-bottom="2.82mm" fo:padding-left="3mm" fo:border-left="1.5pt solid #b1b4b6" fo:border-right="none" fo:border-top="none" fo:border-bottom="none"/>
</style:style>
<style:style style:name="${STYLE.preformatted}" style:display-name="Preformatted Text" style:family="paragraph" style:parent-style-name="${STYLE.standard}" style:class="html">
<style:paragraph-properties fo:margin-bottom="2.82mm" fo:background-color="#f3f2f1" fo:line-height="100%"/>
<style:text-properties style:font-name="Consolas" fo:font-size="10pt"/>
</style:style>
<style:style style:name="${STYLE.tableContents}" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="${STYLE.standard}" style:class="extra">
<style:paragraph-properties fo:margin-top="0.7mm" fo:margin-bottom="0.7mm" fo:line-height="105%"/>
</style:style>
<style:style style:name="${STYLE.tableHeading}" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="${STYLE.tableContents}" style:class="extra">
<style:paragraph-properties fo:keep-with-next="always"/>
<style:text-properties fo:font-weight="bold" style:font-weight-complex="bold"/>
</style:style>
<style:style style:name="${STYLE.fillIn}" style:family="text">
<style:text-properties fo:background-color="#fff7bf"/>
</style:style>
<style:style style:name="${STYLE.link}" style:display-name="Internet link" style:family="text">
<style:text-properties fo:color="#1d70b8" style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"/>
</style:style>
<style:style style:name="${STYLE.visitedLink}" style:display-name="Visited Internet Link" style:family="text">
<style:text-properties fo:color="#4c2c92" style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"/>
</style:style>
<style:style style:name="${STYLE.sourceText}" style:display-name="Source Text" style:family="text">
<style:text-properties style:font-name="Consolas" fo:background-color="#f3f2f1"/>
</style:style>
<text:outline-style style:name="Outline">${listLevels((level) => `<text:outline-level-style text:level="${level}" style:num-format=""><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab"/></style:list-level-properties></text:outline-level-style>`)}</text:outline-style>
<text:list-style style:name="${STYLE.bulletList}" style:display-name="List Bullet">${listLevels((level) => `<text:list-level-style-bullet text:level="${level}" text:bullet-char="${bullets[(level - 1) % bullets.length]}">${listPosition(level)}</text:list-level-style-bullet>`)}</text:list-style>
<text:list-style style:name="${STYLE.numberList}" style:display-name="Numbering 123">${listLevels((level) => `<text:list-level-style-number text:level="${level}" style:num-suffix="." style:num-format="1">${listPosition(level)}</text:list-level-style-number>`)}</text:list-style>
<text:list-style style:name="${STYLE.checklist}">${listLevels((level) => `<text:list-level-style-number text:level="${level}" style:num-format="">${listPosition(level)}</text:list-level-style-number>`)}</text:list-style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="PageLayout">
<style:page-layout-properties fo:page-width="${layout.widthMm}mm" fo:page-height="${layout.heightMm}mm" style:print-orientation="${layout.landscape ? 'landscape' : 'portrait'}" fo:margin-top="${layout.marginMm}mm" fo:margin-bottom="${layout.marginMm}mm" fo:margin-left="${layout.marginMm}mm" fo:margin-right="${layout.marginMm}mm"/>
</style:page-layout>
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Standard" style:page-layout-name="PageLayout"/>
</office:master-styles>
</office:document-styles>
`;
}
