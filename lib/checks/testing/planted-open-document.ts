import { buildZip, odfManifest } from '@/lib/extract/testing/test-files';

/**
 * Test-only OpenDocument files with planted content:
 * - ODT: paragraph 1 heading "Interview notes"; paragraph 2 "P3 (Jane): my mobile is 07981
 *   123456" with a comment by Sam Reviewer; paragraph 3 with a tracked deletion "at her home" by Sam
 *   Reviewer; paragraph 4 in a hidden section "NI number AB 12 34 56 C"; meta.xml author Jane Smith.
 * - ODS: a visible sheet "Summary" and a hidden sheet "Contacts" with "07981 123456" in B2.
 */
const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
].join(' ');

function odf(mimetype: string, content: string, meta: string): Buffer {
  return buildZip([
    { name: 'mimetype', data: Buffer.from(mimetype), stored: true },
    { name: 'content.xml', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS} office:version="1.3">${content}</office:document-content>`) },
    { name: 'meta.xml', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><office:document-meta ${NS} office:version="1.3"><office:meta>${meta}</office:meta></office:document-meta>`) },
    { name: 'styles.xml', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${NS}><office:styles><style:default-style style:family="paragraph"><style:text-properties fo:language="en" fo:country="GB"/></style:default-style></office:styles></office:document-styles>`) },
    { name: 'META-INF/manifest.xml', data: Buffer.from(odfManifest(false)) },
  ]);
}

export function plantedOdt(): Buffer {
  const content = `<office:body><office:text><text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info><dc:creator>Sam Reviewer</dc:creator><dc:date>2026-11-02T10:00:00</dc:date></office:change-info><text:p>at her home</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:h text:outline-level="1">Interview notes</text:h>
<text:p>P3 (Jane): my mobile is 07981 123456<office:annotation><dc:creator>Sam Reviewer</dc:creator><dc:date>2026-11-02T10:00:00</dc:date><text:p>Remove her number before sharing</text:p></office:annotation></text:p>
<text:p>We met <text:change text:change-id="ct1"/>on Tuesday.</text:p>
<text:section text:name="Private" text:display="none"><text:p>NI number AB 12 34 56 C</text:p></text:section>
</office:text></office:body>`;
  return odf('application/vnd.oasis.opendocument.text', content, '<meta:initial-creator>Jane Smith</meta:initial-creator><dc:creator>Sam Reviewer</dc:creator><dc:title>Interview notes</dc:title>');
}

export function plantedOds(): Buffer {
  const cell = (text: string) => `<table:table-cell office:value-type="string"><text:p>${text}</text:p></table:table-cell>`;
  const content = `<office:automatic-styles><style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles><office:body><office:spreadsheet>
<table:table table:name="Summary"><table:table-row>${cell('Theme')}${cell('Count')}</table:table-row></table:table>
<table:table table:name="Contacts" table:style-name="ta2"><table:table-row>${cell('Name')}${cell('Phone')}</table:table-row><table:table-row>${cell('Jane')}${cell('07981 123456')}</table:table-row></table:table>
</office:spreadsheet></office:body>`;
  return odf('application/vnd.oasis.opendocument.spreadsheet', content, '<dc:title>Contacts</dc:title>');
}
