import { buildZip } from '@/lib/extract/testing/test-files';
import { APP_TYPE, appProperties, contentTypes, CORE_TYPE, coreProperties, escapeXml, NS, packageRelationships, relationships, xmlDeclaration } from './ooxml-parts';

/**
 * Test-only: a Word document with personal data and hidden content planted where a real one has
 * them. Paragraphs (body):
 *   1  heading "Interview notes"
 *   2  "P3 (Jane): I live at 12 Acacia Avenue, Sometown, AB1 2DE."        speaker name, home address
 *   3  "Her mobile is 07981 123456 and her email jane.doe@gmail.com."    a comment is anchored here
 *   4  "We met on Tuesday" + deleted "Monday at her home"                tracked insertion and deletion
 *   5  hidden run "NI number AB 12 34 56 C"                             hidden text
 *   6  a picture with GPS in its EXIF and no alternative text
 *   7  "Contact the team on 020 7946 0000 (Monday to Friday)."          an office number
 * Comment 0 (by Sam Reviewer): "Check her date of birth: 12/03/1984".
 * Properties: creator Jane Smith, last modified by Sam Reviewer, manager Pat Manager, a title.
 * Settings: the template path C:\Users\jane.smith\…\Normal.dotm.
 */
export interface PlantedDocxOptions {
  /** The picture in word/media (a JPEG with GPS); leave out for a document without one. */
  picture?: Buffer;
  title?: string;
  language?: boolean;
}

export const PLANTED_DOCX_TEXT = {
  kept: ['Interview notes', 'I live at 12 Acacia Avenue', 'Her mobile is 07981 123456', 'We met on Tuesday', 'Contact the team on 020 7946 0000'],
  deleted: 'Monday at her home',
  comment: 'Check her date of birth',
};

export function plantedDocx(options: PlantedDocxOptions = {}): Buffer {
  const w = (inner: string) => `<w:p>${inner}</w:p>`;
  const run = (text: string, properties = '') => `<w:r>${properties ? `<w:rPr>${properties}</w:rPr>` : ''}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
  const change = (kind: 'ins' | 'del', id: number, inner: string) => `<w:${kind} w:id="${id}" w:author="Sam Reviewer" w:date="2026-11-02T10:00:00Z">${inner}</w:${kind}>`;
  const picture = options.picture
    ? w(
        `<w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="714375"/><wp:docPr id="1" name="Picture 1"/><a:graphic><a:graphicData uri="${NS.pic}"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="image1.jpeg"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImage"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`,
      )
    : '';
  const body = [
    w(`<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>${run('Interview notes')}`),
    w(run('P3 (Jane): I live at 12 Acacia Avenue, Sometown, AB1 2DE.')),
    w(`<w:commentRangeStart w:id="0"/>${run('Her mobile is 07981 123456 and her email jane.doe@gmail.com.')}<w:commentRangeEnd w:id="0"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r>`),
    w(`${run('We met on ')}${change('ins', 1, run('Tuesday'))}${change('del', 2, `<w:r><w:delText xml:space="preserve">${PLANTED_DOCX_TEXT.deleted}</w:delText></w:r>`)}${run('.')}`),
    w(run('NI number AB 12 34 56 C', '<w:vanish/>')),
    picture,
    w(run('Contact the team on 020 7946 0000 (Monday to Friday).')),
  ].join('');
  const document = `${xmlDeclaration}<w:document xmlns:w="${NS.w}" xmlns:r="${NS.r}" xmlns:wp="${NS.wp}" xmlns:a="${NS.a}" xmlns:pic="${NS.pic}"><w:body>${body}<w:sectPr/></w:body></w:document>`;
  const comments = `${xmlDeclaration}<w:comments xmlns:w="${NS.w}"><w:comment w:id="0" w:author="Sam Reviewer" w:initials="SR" w:date="2026-11-02T10:00:00Z"><w:p>${run(`${PLANTED_DOCX_TEXT.comment}: 12/03/1984`)}</w:p></w:comment></w:comments>`;
  const styles = `${xmlDeclaration}<w:styles xmlns:w="${NS.w}"><w:docDefaults><w:rPrDefault><w:rPr>${options.language === false ? '' : '<w:lang w:val="en-GB"/>'}</w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>`;
  const settings = `${xmlDeclaration}<w:settings xmlns:w="${NS.w}" xmlns:r="${NS.r}"><w:attachedTemplate r:id="rIdTemplate"/><w:defaultTabStop w:val="720"/></w:settings>`;
  const wordType = (name: string) => `application/vnd.openxmlformats-officedocument.wordprocessingml.${name}+xml`;
  return buildZip(
    [
      { name: '[Content_Types].xml', data: Buffer.from(contentTypes({ 'word/document.xml': wordType('document.main'), 'word/comments.xml': wordType('comments'), 'word/styles.xml': wordType('styles'), 'word/settings.xml': wordType('settings'), 'docProps/core.xml': CORE_TYPE, 'docProps/app.xml': APP_TYPE })) },
      { name: '_rels/.rels', data: Buffer.from(packageRelationships('word/document.xml')) },
      { name: 'word/document.xml', data: Buffer.from(document) },
      {
        name: 'word/_rels/document.xml.rels',
        data: Buffer.from(
          relationships([
            ['rIdStyles', 'styles', 'styles.xml'],
            ['rIdSettings', 'settings', 'settings.xml'],
            ['rIdComments', 'comments', 'comments.xml'],
            ...(options.picture ? [['rIdImage', 'image', 'media/image1.jpeg'] as [string, string, string]] : []),
          ]),
        ),
      },
      { name: 'word/comments.xml', data: Buffer.from(comments) },
      { name: 'word/styles.xml', data: Buffer.from(styles) },
      { name: 'word/settings.xml', data: Buffer.from(settings) },
      { name: 'word/_rels/settings.xml.rels', data: Buffer.from(relationships([['rIdTemplate', 'attachedTemplate', 'file:///C:\\Users\\jane.smith\\AppData\\Roaming\\Microsoft\\Templates\\Normal.dotm', true]])) },
      ...(options.picture ? [{ name: 'word/media/image1.jpeg', data: options.picture }] : []),
      { name: 'docProps/core.xml', data: Buffer.from(coreProperties({ title: options.title ?? 'Interview notes', creator: 'Jane Smith', lastModifiedBy: 'Sam Reviewer' })) },
      { name: 'docProps/app.xml', data: Buffer.from(appProperties({ manager: 'Pat Manager', company: 'Bristol City Council' })) },
    ],
  );
}
