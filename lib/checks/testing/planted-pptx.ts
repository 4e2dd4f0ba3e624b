import { buildZip } from '@/lib/extract/testing/test-files';
import { APP_TYPE, appProperties, contentTypes, CORE_TYPE, coreProperties, escapeXml, NS, packageRelationships, relationships, xmlDeclaration } from './ooxml-parts';

/**
 * Test-only: a PowerPoint deck of three slides.
 *   slide 1  title "What we found", body "Residents want one place to report problems";
 *            speaker notes "Call Jane on 07981 123456 before the show and tell"
 *   slide 2  hidden (show="0"); body "Participant: Tom Jones"; a comment by Sam Reviewer
 *   slide 3  no title; a picture with no alternative text; body "Next steps"
 * Properties: creator Jane Smith, last modified by Sam Reviewer.
 */
export const PLANTED_PPTX_TEXT = { slides: ['What we found', 'Residents want one place to report problems', 'Next steps'], notes: 'Call Jane on 07981 123456' };

export function plantedPptx(): Buffer {
  const shape = (text: string, placeholder?: string) =>
    `<p:sp><p:nvSpPr><p:cNvPr id="2" name="Shape"/><p:cNvSpPr/><p:nvPr>${placeholder ? `<p:ph type="${placeholder}"/>` : ''}</p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:p><a:r><a:rPr lang="en-GB"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></p:txBody></p:sp>`;
  const slide = (content: string, show = true) =>
    `${xmlDeclaration}<p:sld xmlns:p="${NS.p}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"${show ? '' : ' show="0"'}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>${content}</p:spTree></p:cSld></p:sld>`;
  const picture = `<p:pic><p:nvPicPr><p:cNvPr id="4" name="Picture 3"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="rIdImage"/></p:blipFill><p:spPr/></p:pic>`;
  const notes = `${xmlDeclaration}<p:notes xmlns:p="${NS.p}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>${shape('', 'sldImg')}${shape(`${PLANTED_PPTX_TEXT.notes} before the show and tell`, 'body')}${shape('1', 'sldNum')}</p:spTree></p:cSld></p:notes>`;
  const comments = `${xmlDeclaration}<p:cmLst xmlns:p="${NS.p}"><p:cm authorId="0" dt="2026-11-02T10:00:00Z" idx="1"><p:pos x="10" y="10"/><p:text>Should we show this slide? Tom did not agree to be named.</p:text></p:cm></p:cmLst>`;
  const commentAuthors = `${xmlDeclaration}<p:cmAuthorLst xmlns:p="${NS.p}"><p:cmAuthor id="0" name="Sam Reviewer" initials="SR" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>`;
  const presentation = `${xmlDeclaration}<p:presentation xmlns:p="${NS.p}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><p:sldIdLst><p:sldId id="256" r:id="rId2"/><p:sldId id="257" r:id="rId3"/><p:sldId id="258" r:id="rId4"/></p:sldIdLst><p:defaultTextStyle><a:defPPr><a:defRPr lang="en-GB"/></a:defPPr></p:defaultTextStyle></p:presentation>`;
  const pml = 'application/vnd.openxmlformats-officedocument.presentationml';
  return buildZip([
    {
      name: '[Content_Types].xml',
      data: Buffer.from(contentTypes({
        'ppt/presentation.xml': `${pml}.presentation.main+xml`,
        'ppt/slides/slide1.xml': `${pml}.slide+xml`,
        'ppt/slides/slide2.xml': `${pml}.slide+xml`,
        'ppt/slides/slide3.xml': `${pml}.slide+xml`,
        'ppt/notesSlides/notesSlide1.xml': `${pml}.notesSlide+xml`,
        'ppt/comments/comment1.xml': `${pml}.comments+xml`,
        'ppt/commentAuthors.xml': `${pml}.commentAuthors+xml`,
        'docProps/core.xml': CORE_TYPE,
        'docProps/app.xml': APP_TYPE,
      })),
    },
    { name: '_rels/.rels', data: Buffer.from(packageRelationships('ppt/presentation.xml')) },
    { name: 'ppt/presentation.xml', data: Buffer.from(presentation) },
    { name: 'ppt/_rels/presentation.xml.rels', data: Buffer.from(relationships([['rId2', 'slide', 'slides/slide1.xml'], ['rId3', 'slide', 'slides/slide2.xml'], ['rId4', 'slide', 'slides/slide3.xml'], ['rId5', 'commentAuthors', 'commentAuthors.xml']])) },
    { name: 'ppt/slides/slide1.xml', data: Buffer.from(slide(shape(PLANTED_PPTX_TEXT.slides[0]!, 'title') + shape(PLANTED_PPTX_TEXT.slides[1]!))) },
    { name: 'ppt/slides/_rels/slide1.xml.rels', data: Buffer.from(relationships([['rIdNotes', 'notesSlide', '../notesSlides/notesSlide1.xml']])) },
    { name: 'ppt/slides/slide2.xml', data: Buffer.from(slide(shape('Quotes', 'title') + shape('Participant: Tom Jones'), false)) },
    { name: 'ppt/slides/_rels/slide2.xml.rels', data: Buffer.from(relationships([['rIdComments', 'comments', '../comments/comment1.xml']])) },
    { name: 'ppt/slides/slide3.xml', data: Buffer.from(slide(picture + shape(PLANTED_PPTX_TEXT.slides[2]!))) },
    { name: 'ppt/slides/_rels/slide3.xml.rels', data: Buffer.from(relationships([['rIdImage', 'image', '../media/image1.png']])) },
    { name: 'ppt/media/image1.png', data: Buffer.from('89504e470d0a1a0a', 'hex') },
    { name: 'ppt/notesSlides/notesSlide1.xml', data: Buffer.from(notes) },
    { name: 'ppt/notesSlides/_rels/notesSlide1.xml.rels', data: Buffer.from(relationships([['rId1', 'slide', '../slides/slide1.xml']])) },
    { name: 'ppt/comments/comment1.xml', data: Buffer.from(comments) },
    { name: 'ppt/commentAuthors.xml', data: Buffer.from(commentAuthors) },
    { name: 'docProps/core.xml', data: Buffer.from(coreProperties({ title: 'Show and tell', creator: 'Jane Smith', lastModifiedBy: 'Sam Reviewer' })) },
    { name: 'docProps/app.xml', data: Buffer.from(appProperties({})) },
  ]);
}
