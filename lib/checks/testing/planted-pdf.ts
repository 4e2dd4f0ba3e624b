/**
 * Test-only PDFs: one or more pages of Helvetica text (several lines a page), with optional
 * document information (Title, Author), a catalog language (/Lang), tagging (/MarkInfo and a
 * /StructTreeRoot) and a text annotation (a comment with an author) on the first page.
 */
export interface PlantedPdfOptions {
  title?: string;
  author?: string;
  language?: string;
  tagged?: boolean;
  comment?: { author: string; text: string };
}

export function plantedPdf(pages: string[][], options: PlantedPdfOptions = {}): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  const literal = (text: string) => `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  // 1 catalog, 2 pages, 3 font; then per page: the page and its content; then the rest.
  add('');
  add('');
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const pageIds: number[] = [];
  let annotationId: number | undefined;
  const firstFree = 4 + pages.length * 2;
  if (options.comment) annotationId = firstFree;
  pages.forEach((lines, index) => {
    const pageId = objects.length + 1;
    pageIds.push(pageId);
    const stream = lines.map((line, i) => `BT /F1 12 Tf 72 ${720 - i * 18} Td ${literal(line)} Tj ET`).join('\n');
    const annots = index === 0 && annotationId ? ` /Annots [${annotationId} 0 R]` : '';
    const structParents = options.tagged ? ` /StructParents ${index}` : '';
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageId + 1} 0 R${annots}${structParents} >>`);
    add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
  });
  if (options.comment) add(`<< /Type /Annot /Subtype /Text /Rect [100 100 120 120] /T ${literal(options.comment.author)} /Contents ${literal(options.comment.text)} >>`);
  let structTree = '';
  if (options.tagged) {
    const rootId = objects.length + 1;
    add(`<< /Type /StructTreeRoot /K ${rootId + 1} 0 R /ParentTree << /Nums [] >> >>`);
    add(`<< /Type /StructElem /S /Document /P ${rootId} 0 R /K [] >>`);
    structTree = ` /MarkInfo << /Marked true >> /StructTreeRoot ${rootId} 0 R`;
  }
  let info = '';
  if (options.title || options.author) {
    const infoId = objects.length + 1;
    add(`<< ${options.title ? `/Title ${literal(options.title)} ` : ''}${options.author ? `/Author ${literal(options.author)} ` : ''}/Producer (Test) >>`);
    info = ` /Info ${infoId} 0 R`;
  }
  objects[0] = `<< /Type /Catalog /Pages 2 0 R${options.language ? ` /Lang ${literal(options.language)}` : ''}${structTree} >>`;
  objects[1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;

  let body = '%PDF-1.7\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${info} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
