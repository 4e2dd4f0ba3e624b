import zlib from 'node:zlib';

/**
 * Test-only builders for the hostile and hand-made files the extraction tests need, made at run time
 * (nothing hostile is committed): zips with whatever declared sizes a test wants, minimal OOXML and
 * ODF packages, and small PDFs. Not used by the library itself.
 */

export interface ZipEntrySpec {
  name: string;
  /** The entry's bytes, deflated here unless `stored`. */
  data?: Buffer;
  stored?: boolean;
  /** Already-deflated bytes (for entries too large to hold inflated); needs `inflatedSize`. */
  deflated?: Buffer;
  inflatedSize?: number;
  /** What the central directory claims the inflated size is, whatever it really is. */
  declaredSize?: number;
  /** General-purpose flag bit 0: "encrypted". */
  encryptedFlag?: boolean;
}

/** A zip built by hand, so a test controls every field yauzl reads. */
export function buildZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const spec of entries) {
    const name = Buffer.from(spec.name, 'utf8');
    let body: Buffer;
    let method: number;
    let inflatedSize: number;
    let crc: number;
    if (spec.deflated) {
      body = spec.deflated;
      method = 8;
      inflatedSize = spec.inflatedSize ?? 0;
      // yauzl does not check CRCs, and such an entry must be refused before it is inflated anyway.
      crc = 0;
    } else {
      const data = spec.data ?? Buffer.alloc(0);
      body = spec.stored ? data : zlib.deflateRawSync(data);
      method = spec.stored ? 0 : 8;
      inflatedSize = data.length;
      crc = crc32(data);
    }
    const declared = spec.declaredSize ?? inflatedSize;
    const flags = 0x0800 | (spec.encryptedFlag ? 1 : 0); // UTF-8 names
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDirectory, end]);
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** `megabytes` MB of one byte (zeros unless told), deflated as a stream (never held inflated): about 1 KB per MB. */
export async function deflatedZeros(megabytes: number, fill = 0): Promise<Buffer> {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  const zeros = Buffer.alloc(1024 * 1024, fill);
  for (let i = 0; i < megabytes; i++) {
    if (!deflate.write(zeros)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await ended;
  return Buffer.concat(out);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`;

const PACKAGE_RELS = (target: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`;

// Names the main part as Word does, so upload's content check (file-type) recognises the file as a DOCX.
const DOCX_CONTENT_TYPES = CONTENT_TYPES.replace(
  '</Types>',
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
);

/** The package parts every DOCX needs, around a given word/document.xml entry (or entries). */
export function docxEntries(document: Omit<ZipEntrySpec, 'name'>, extra: ZipEntrySpec[] = []): ZipEntrySpec[] {
  return [
    { name: '[Content_Types].xml', data: Buffer.from(DOCX_CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(PACKAGE_RELS('word/document.xml')) },
    { name: 'word/document.xml', ...document },
    ...extra,
  ];
}

export function wordDocumentXml(paragraphs: string[], prologue = ''): string {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${prologue}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
}

export function docx(paragraphs: string[]): Buffer {
  return buildZip(docxEntries({ data: Buffer.from(wordDocumentXml(paragraphs)) }));
}

/** A minimal XLSX: one sheet per entry of `sheets`, cells given as shared strings, inline strings or numbers. */
export function xlsx(sheets: { name: string; rows: (string | number)[][] }[]): Buffer {
  const shared: string[] = [];
  const sheetXml = sheets.map((sheet) => {
    const rows = sheet.rows
      .map((row, r) => {
        const cells = row
          .map((value, c) => {
            const ref = `${String.fromCharCode(65 + c)}${r + 1}`;
            if (typeof value === 'number') return `<c r="${ref}"><v>${value}</v></c>`;
            if (c % 2 === 1) return `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
            shared.push(value);
            return `<c r="${ref}" t="s"><v>${shared.length - 1}</v></c>`;
          })
          .join('');
        return `<row r="${r + 1}">${cells}</row>`;
      })
      .join('');
    return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
  });
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook ${ns}><sheets>${sheets
    .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')}</sheets></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join('')}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${shared
    .map((s) => `<si><t>${s}</t></si>`)
    .join('')}</sst>`;
  return buildZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(PACKAGE_RELS('xl/workbook.xml')) },
    { name: 'xl/workbook.xml', data: Buffer.from(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(rels) },
    { name: 'xl/sharedStrings.xml', data: Buffer.from(sst) },
    ...sheetXml.map((xml, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: Buffer.from(xml) })),
  ]);
}

/** A minimal ODP: one draw:page per slide, each with text boxes of paragraphs. */
export function odp(slides: string[][]): Buffer {
  const pages = slides
    .map(
      (paragraphs, i) =>
        `<draw:page draw:name="page${i + 1}"><draw:frame><draw:text-box>${paragraphs.map((p) => `<text:p>${p}</text:p>`).join('')}</draw:text-box></draw:frame><presentation:notes><draw:frame><draw:text-box><text:p>Speaker notes ${i + 1}</text:p></draw:text-box></draw:frame></presentation:notes></draw:page>`,
    )
    .join('');
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" office:version="1.3"><office:body><office:presentation>${pages}</office:presentation></office:body></office:document-content>`;
  return buildZip([
    { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.presentation'), stored: true },
    { name: 'content.xml', data: Buffer.from(content) },
    { name: 'META-INF/manifest.xml', data: Buffer.from(odfManifest(false)) },
  ]);
}

export function odfManifest(encrypted: boolean): string {
  const encryption = encrypted
    ? '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="x"/></manifest:encryption-data>'
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">${encryption}</manifest:file-entry></manifest:manifest>`;
}

/**
 * A small PDF with one line of Helvetica text per page (or no text at all for an empty string).
 * `encrypted` adds a Standard security handler whose user password is not empty, so a reader must
 * ask for a password.
 */
export function pdf(pages: string[], options: { encrypted?: boolean; contentRepeat?: number } = {}): Buffer {
  const objects: string[] = [];
  const pageIds: number[] = [];
  // 1: catalog, 2: pages, 3: font; then a page and its content per page.
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  let next = 4;
  for (const text of pages) {
    const pageId = next++;
    const contentId = next++;
    pageIds.push(pageId);
    const line = text ? `BT /F1 12 Tf 72 720 Td (${text.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj ET\n` : '';
    const stream = line.repeat(options.contentRepeat ?? 1);
    objects[pageId] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId} 0 R >>`;
    objects[contentId] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}endstream`;
  }
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  let encryptRef = '';
  if (options.encrypted) {
    const encryptId = next++;
    const hex32 = (seed: number) => Buffer.alloc(32, seed).toString('hex');
    objects[encryptId] = `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <${hex32(0x4f)}> /U <${hex32(0x55)}> >>`;
    encryptRef = ` /Encrypt ${encryptId} 0 R /ID [<${Buffer.alloc(16, 1).toString('hex')}> <${Buffer.alloc(16, 1).toString('hex')}>]`;
  }
  let body = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  for (let id = 1; id < next; id++) {
    offsets[id] = Buffer.byteLength(body, 'latin1');
    body += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xrefOffset = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${next}\n0000000000 65535 f \n`;
  for (let id = 1; id < next; id++) body += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${next} /Root 1 0 R${encryptRef} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * A minimal Compound File Binary container (MS-CFB, version 3, 512-byte sectors) holding the given
 * streams, each stored in regular sectors (give each at least 4096 bytes for that). Enough for the
 * checks legacy-office.ts makes; not a document Word would open.
 */
export function cfb(streams: { name: string; data: Buffer }[]): Buffer {
  if (streams.length > 3) throw new Error('cfb(): at most three streams');
  const SECTOR = 512;
  const sectorsFor = (data: Buffer) => Math.ceil(data.length / SECTOR);
  // Sector 0: the FAT; sector 1: the directory; then the streams, one after another.
  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // FAT sector
  fat.writeUInt32LE(0xfffffffe, 4); // directory: one sector
  let next = 2;
  const starts: number[] = [];
  for (const stream of streams) {
    const count = sectorsFor(stream.data);
    starts.push(next);
    for (let i = 0; i < count; i++) fat.writeUInt32LE(i === count - 1 ? 0xfffffffe : next + i + 1, (next + i) * 4);
    next += count;
  }
  if (next > SECTOR / 4) throw new Error('cfb(): streams too large for one FAT sector');

  const directory = Buffer.alloc(SECTOR);
  const writeEntry = (index: number, name: string, type: number, start: number, size: number, child: number, right: number) => {
    const base = index * 128;
    const nameBytes = Buffer.from(`${name}\0`, 'utf16le');
    nameBytes.copy(directory, base);
    directory.writeUInt16LE(nameBytes.length, base + 0x40);
    directory[base + 0x42] = type;
    directory[base + 0x43] = 1; // black
    directory.writeUInt32LE(0xffffffff, base + 0x44); // left sibling
    directory.writeUInt32LE(right, base + 0x48);
    directory.writeUInt32LE(child, base + 0x4c);
    directory.writeUInt32LE(start, base + 0x74);
    directory.writeUInt32LE(size, base + 0x78);
  };
  writeEntry(0, 'Root Entry', 5, 0xfffffffe, 0, streams.length > 0 ? 1 : 0xffffffff, 0xffffffff);
  streams.forEach((stream, i) => {
    writeEntry(i + 1, stream.name, 2, starts[i]!, stream.data.length, 0xffffffff, i + 2 <= streams.length ? i + 2 : 0xffffffff);
  });

  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18); // minor version
  header.writeUInt16LE(3, 0x1a); // major version
  header.writeUInt16LE(0xfffe, 0x1c); // little-endian
  header.writeUInt16LE(9, 0x1e); // 512-byte sectors
  header.writeUInt16LE(6, 0x20); // 64-byte mini sectors
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // directory starts at sector 1
  header.writeUInt32LE(4096, 0x38); // mini stream cutoff
  header.writeUInt32LE(0xfffffffe, 0x3c); // no mini FAT
  header.writeUInt32LE(0xfffffffe, 0x44); // no DIFAT sectors
  header.fill(0xff, 0x4c);
  header.writeUInt32LE(0, 0x4c); // the FAT is sector 0

  const padded = streams.map((s) => Buffer.concat([s.data, Buffer.alloc(sectorsFor(s.data) * SECTOR - s.data.length)]));
  return Buffer.concat([header, fat, directory, ...padded]);
}

/** The start of a Word 97 FIB (WordDocument stream): the magic number and the flags word. */
export function wordDocumentStream(options: { encrypted: boolean }): Buffer {
  const data = Buffer.alloc(4096);
  data.writeUInt16LE(0xa5ec, 0);
  data.writeUInt16LE(0x00c1, 2);
  data.writeUInt16LE(options.encrypted ? 0x0100 | 0x0200 : 0x0200, 0x0a);
  return data;
}
