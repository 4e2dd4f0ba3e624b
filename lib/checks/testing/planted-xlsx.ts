import { buildZip } from '@/lib/extract/testing/test-files';
import { APP_TYPE, appProperties, contentTypes, CORE_TYPE, coreProperties, escapeXml, NS, packageRelationships, relationships, xmlDeclaration } from './ooxml-parts';

/**
 * Test-only: an Excel workbook with a visible sheet "Summary" and a hidden sheet "Contacts" of
 * participants' phone numbers (one typed as text in B2, one as a number in B3, so Excel has dropped
 * its leading zero), a comment on Summary!B2 by Sam Reviewer, authors in the properties, and the
 * folder it was saved in (x15ac:absPath, with a user name).
 *
 *   Summary   A1 "Theme"  B1 "Count"   A2 "Parking"  B2 12
 *   Contacts  A1 "Name"   B1 "Phone"   A2 "Jane"     B2 "07981 123456"   A3 "Tom"  B3 7981123457
 */
export function plantedXlsx(options: { hiddenState?: 'hidden' | 'veryHidden' } = {}): Buffer {
  const strings = ['Theme', 'Count', 'Parking', 'Name', 'Phone', 'Jane', '07981 123456', 'Tom'];
  const s = (i: number, ref: string) => `<c r="${ref}" t="s"><v>${i}</v></c>`;
  const sheet = (rows: string, extra = '') =>
    `${xmlDeclaration}<worksheet xmlns="${NS.x}" xmlns:r="${NS.r}"><sheetData>${rows}</sheetData>${extra}</worksheet>`;
  const summary = sheet(`<row r="1">${s(0, 'A1')}${s(1, 'B1')}</row><row r="2">${s(2, 'A2')}<c r="B2"><v>12</v></c></row>`, '<legacyDrawing r:id="rIdVml"/>');
  const contacts = sheet(`<row r="1">${s(3, 'A1')}${s(4, 'B1')}</row><row r="2">${s(5, 'A2')}${s(6, 'B2')}</row><row r="3">${s(7, 'A3')}<c r="B3"><v>7981123457</v></c></row>`);
  const workbook = `${xmlDeclaration}<workbook xmlns="${NS.x}" xmlns:r="${NS.r}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac" mc:Ignorable="x15ac"><mc:AlternateContent><mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\jane.smith\\Documents\\Research\\"/></mc:Choice></mc:AlternateContent><sheets><sheet name="Summary" sheetId="1" r:id="rId1"/><sheet name="Contacts" sheetId="2" state="${options.hiddenState ?? 'hidden'}" r:id="rId2"/></sheets></workbook>`;
  const sst = `${xmlDeclaration}<sst xmlns="${NS.x}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((t) => `<si><t>${escapeXml(t)}</t></si>`).join('')}</sst>`;
  const comments = `${xmlDeclaration}<comments xmlns="${NS.x}"><authors><author>Sam Reviewer</author></authors><commentList><comment ref="B2" authorId="0"><text><r><t>Jane asked us to call her on 07981 123456</t></r></text></comment></commentList></comments>`;
  const vml = '<xml xmlns:v="urn:schemas-microsoft-com:vml"><v:shape id="_x0000_s1025"/></xml>';
  const sheetType = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  return buildZip([
    {
      name: '[Content_Types].xml',
      data: Buffer.from(contentTypes({
        'xl/workbook.xml': `${sheetType}.sheet.main+xml`,
        'xl/worksheets/sheet1.xml': `${sheetType}.worksheet+xml`,
        'xl/worksheets/sheet2.xml': `${sheetType}.worksheet+xml`,
        'xl/sharedStrings.xml': `${sheetType}.sharedStrings+xml`,
        'xl/comments1.xml': `${sheetType}.comments+xml`,
        'docProps/core.xml': CORE_TYPE,
        'docProps/app.xml': APP_TYPE,
      })),
    },
    { name: '_rels/.rels', data: Buffer.from(packageRelationships('xl/workbook.xml')) },
    { name: 'xl/workbook.xml', data: Buffer.from(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(relationships([['rId1', 'worksheet', 'worksheets/sheet1.xml'], ['rId2', 'worksheet', 'worksheets/sheet2.xml'], ['rId3', 'sharedStrings', 'sharedStrings.xml']])) },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(summary) },
    { name: 'xl/worksheets/_rels/sheet1.xml.rels', data: Buffer.from(relationships([['rIdComments', 'comments', '../comments1.xml'], ['rIdVml', 'vmlDrawing', '../drawings/vmlDrawing1.vml']])) },
    { name: 'xl/worksheets/sheet2.xml', data: Buffer.from(contacts) },
    { name: 'xl/sharedStrings.xml', data: Buffer.from(sst) },
    { name: 'xl/comments1.xml', data: Buffer.from(comments) },
    { name: 'xl/drawings/vmlDrawing1.vml', data: Buffer.from(vml) },
    { name: 'docProps/core.xml', data: Buffer.from(coreProperties({ title: 'Research contacts', creator: 'Jane Smith', lastModifiedBy: 'Sam Reviewer' })) },
    { name: 'docProps/app.xml', data: Buffer.from(appProperties({})) },
  ]);
}
