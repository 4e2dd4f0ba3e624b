import WordExtractor from 'word-extractor';
import { ExtractionError, throwIfAborted, type ExtractContext, type Extracted } from './result';
import { TextSink } from './text-sink';

/**
 * The Office 97–2003 formats, all Compound File Binary (CFB/OLE2) containers.
 *
 * - DOC: `word-extractor` (pure JavaScript, no install scripts, Node ≥ 12). Before handing the file to
 *   it, a password-protected document is recognised from the FIB's fEncrypted flag (its text would
 *   otherwise come out as ciphertext).
 * - XLS, PPT: not read (see README.md): the maintained pure-JS readers for them are not on the npm
 *   registry, and the unmaintained `xlsx` 0.18 that is there is ruled out by SECURITY.md.
 *
 * The small CFB reader here only finds a stream's first bytes and lists stream names; it follows
 * sector chains with a step limit, so a looping or out-of-range chain is "malformed", never a hang.
 */

export const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function isCfb(data: Buffer): boolean {
  return data.length >= 512 && data.subarray(0, 8).equals(CFB_SIGNATURE);
}

export async function extractDoc(data: Buffer, context: ExtractContext): Promise<Extracted> {
  if (!isCfb(data)) throw new ExtractionError('malformed', 'not a Compound File Binary container');
  const cfb = readCfbDirectory(data);
  if (cfb.names.has('EncryptedPackage')) throw new ExtractionError('encrypted', 'encrypted Office package');
  const wordDocument = cfb.streamStart('WordDocument', 12);
  if (!wordDocument) throw new ExtractionError('malformed', 'no WordDocument stream');
  if (wordDocument.readUInt16LE(0) !== 0xa5ec) throw new ExtractionError('malformed', 'WordDocument stream has no Word FIB');
  const flags = wordDocument.readUInt16LE(0x0a);
  if ((flags & 0x0100) !== 0) throw new ExtractionError('encrypted', 'Word document is encrypted (fEncrypted)');

  throwIfAborted(context.signal);
  let document: WordExtractor.Document;
  try {
    document = await new WordExtractor().extract(data);
  } catch (error) {
    throw new ExtractionError('malformed', `word-extractor could not read it: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  throwIfAborted(context.signal);

  const sink = new TextSink(context.limits.maxTextBytes);
  const seen = new Set<string>();
  for (const part of [
    document.getBody(),
    document.getTextboxes({ includeBody: true, includeHeadersAndFooters: false }),
    document.getFootnotes(),
    document.getEndnotes(),
    document.getHeaders({ includeFooters: true }),
  ]) {
    const trimmed = part.trim();
    if (!trimmed || seen.has(trimmed)) continue;
    seen.add(trimmed);
    // Word ends each paragraph with a mark that word-extractor gives as a line break.
    for (const paragraph of trimmed.split(/\r\n|\r|\n/)) {
      if (sink.full) break;
      sink.paragraph();
      sink.text(paragraph);
    }
  }
  return { text: sink.toString(), truncated: sink.truncated };
}

const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const MAX_REGULAR = 0xfffffffa;

interface CfbDirectory {
  /** The names of every stream and storage. */
  names: Set<string>;
  /** The first `length` bytes of a stream kept in regular sectors, or undefined. */
  streamStart(name: string, length: number): Buffer | undefined;
}

/** Reads a CFB header and directory (MS-CFB), bounded by the file's own size. */
export function readCfbDirectory(data: Buffer): CfbDirectory {
  if (!isCfb(data)) throw new ExtractionError('malformed', 'not a CFB file');
  const sectorShift = data.readUInt16LE(0x1e);
  if (sectorShift !== 9 && sectorShift !== 12) throw new ExtractionError('malformed', 'bad CFB sector size');
  const sectorSize = 1 << sectorShift;
  const sectorCount = Math.floor(data.length / sectorSize);
  const entriesPerSector = sectorSize / 4;
  const miniStreamCutoff = data.readUInt32LE(0x38);

  const sectorOffset = (sector: number): number => {
    const offset = (sector + 1) * sectorSize;
    if (sector > MAX_REGULAR || offset + sectorSize > data.length) throw new ExtractionError('malformed', 'CFB sector out of range');
    return offset;
  };

  // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const sector = data.readUInt32LE(0x4c + i * 4);
    if (sector !== FREE && sector <= MAX_REGULAR) fatSectors.push(sector);
  }
  let difat = data.readUInt32LE(0x44);
  for (let steps = 0; difat <= MAX_REGULAR && difat !== END_OF_CHAIN; steps++) {
    if (steps > sectorCount) throw new ExtractionError('malformed', 'CFB DIFAT chain loops');
    const offset = sectorOffset(difat);
    for (let i = 0; i < entriesPerSector - 1; i++) {
      const sector = data.readUInt32LE(offset + i * 4);
      if (sector !== FREE && sector <= MAX_REGULAR) fatSectors.push(sector);
    }
    difat = data.readUInt32LE(offset + sectorSize - 4);
  }

  const nextSector = (sector: number): number => {
    const fatSector = fatSectors[Math.floor(sector / entriesPerSector)];
    if (fatSector === undefined) throw new ExtractionError('malformed', 'CFB chain leaves the FAT');
    return data.readUInt32LE(sectorOffset(fatSector) + (sector % entriesPerSector) * 4);
  };

  const names = new Set<string>();
  const streams = new Map<string, { start: number; size: number }>();
  let sector = data.readUInt32LE(0x30);
  for (let steps = 0; sector !== END_OF_CHAIN; steps++) {
    if (steps > sectorCount) throw new ExtractionError('malformed', 'CFB directory chain loops');
    const offset = sectorOffset(sector);
    for (let entry = 0; entry < sectorSize / 128; entry++) {
      const base = offset + entry * 128;
      const nameBytes = data.readUInt16LE(base + 0x40);
      const type = data[base + 0x42];
      if (type === 0 || nameBytes < 2 || nameBytes > 64) continue;
      const name = data.subarray(base, base + nameBytes - 2).toString('utf16le');
      names.add(name);
      if (type === 2 && !streams.has(name)) {
        streams.set(name, { start: data.readUInt32LE(base + 0x74), size: data.readUInt32LE(base + 0x78) });
      }
    }
    sector = nextSector(sector);
  }

  return {
    names,
    streamStart(name, length) {
      const stream = streams.get(name);
      if (!stream || stream.size < miniStreamCutoff || stream.size < length) return undefined;
      return data.subarray(sectorOffset(stream.start), sectorOffset(stream.start) + Math.min(length, sectorSize));
    },
  };
}

/** An OOXML file saved with a password is a CFB container holding an `EncryptedPackage` stream. */
export function isEncryptedOfficePackage(data: Buffer): boolean {
  if (!isCfb(data)) return false;
  try {
    return readCfbDirectory(data).names.has('EncryptedPackage');
  } catch {
    return false;
  }
}
