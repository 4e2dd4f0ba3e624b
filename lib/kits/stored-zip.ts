import { crc32 } from 'node:zlib';

/**
 * A zip of stored (not deflated) entries written as it is read: an async generator that opens one
 * entry's source only when the zip reaches it, passes each chunk on untouched, and writes nothing
 * ahead of what its reader asks for. Used for kit downloads (open-kit-zip.ts).
 *
 * Why not yazl, which the hub uses for small zips in memory: measured on a 1 GB kit (bench/README.md,
 * kit-download.ts), yazl's CRC-32 is byte-at-a-time JavaScript (buffer-crc32, about 100 MB/s on this
 * machine, the whole cost of the download) where Node's own zlib.crc32 does 450 MB/s and more; and
 * its output is a Node stream that has to be turned into a web stream for the response. Stored
 * entries with known sizes need only a few fixed records, written here to the same layout yazl
 * writes (APPNOTE 6.3: UTF-8 names, data descriptors with the optional signature, Info-ZIP "UT"
 * timestamps in the central directory, ZIP64 records only when an entry, an offset or the count
 * needs them), so the exact size is known before the first byte.
 *
 * A source that gives more or fewer bytes than its declared size stops the zip with an error rather
 * than producing a corrupt one.
 */
export interface StoredZipEntry {
  /** The entry's path in the zip (UTF-8; '/' separated). */
  name: string;
  sizeBytes: number;
  /** Opens the entry's bytes; called only when the zip reaches it, and read to its end. */
  open: () => Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>>;
}

export interface StoredZipOptions {
  mtime: Date;
  /** ZIP64 records for every entry and the end, whatever the sizes (for tests of the big-zip path). */
  forceZip64?: boolean;
}

const LOCAL_HEADER = 30;
const DATA_DESCRIPTOR = 16;
const ZIP64_DATA_DESCRIPTOR = 24;
const CENTRAL_HEADER = 46;
const UT_TIMESTAMP_FIELD = 9;
const ZIP64_FIELD = 28;
const END_RECORD = 22;
const ZIP64_END_RECORD = 56;
const ZIP64_END_LOCATOR = 20;
const VERSION_MADE_BY = (3 << 8) | 63; // Unix, APPNOTE 6.3
const VERSION_NEEDED = 20;
const VERSION_NEEDED_ZIP64 = 45;
const FLAGS = (1 << 11) | (1 << 3); // UTF-8 names; CRC and sizes in a data descriptor after the data
const STORED = 0;
const FILE_MODE = 0o100664;
const MAX_32 = 0xffffffff;

interface Placed {
  name: Buffer;
  sizeBytes: number;
  offset: number;
  zip64: boolean;
}

/** Where each entry goes, and the zip's exact size. */
function layout(entries: StoredZipEntry[], options: StoredZipOptions): { placed: Placed[]; centralOffset: number; centralSize: number; zip64End: boolean; totalBytes: number } {
  let offset = 0;
  let centralSize = 0;
  const placed = entries.map((entry) => {
    if (!Number.isSafeInteger(entry.sizeBytes) || entry.sizeBytes < 0) throw new Error(`zip entry ${entry.name}: size ${entry.sizeBytes} is not a byte count`);
    const name = Buffer.from(entry.name, 'utf8');
    if (name.length > 0xffff) throw new Error('zip entry name too long');
    const zip64 = options.forceZip64 === true || entry.sizeBytes > MAX_32 - 1 || offset > MAX_32 - 1;
    const item = { name, sizeBytes: entry.sizeBytes, offset, zip64 };
    offset += LOCAL_HEADER + name.length + entry.sizeBytes + (zip64 ? ZIP64_DATA_DESCRIPTOR : DATA_DESCRIPTOR);
    centralSize += CENTRAL_HEADER + name.length + UT_TIMESTAMP_FIELD + (zip64 ? ZIP64_FIELD : 0);
    return item;
  });
  const centralOffset = offset;
  const zip64End = options.forceZip64 === true || placed.length >= 0xffff || centralSize >= MAX_32 || centralOffset >= MAX_32;
  const totalBytes = centralOffset + centralSize + (zip64End ? ZIP64_END_RECORD + ZIP64_END_LOCATOR : 0) + END_RECORD;
  return { placed, centralOffset, centralSize, zip64End, totalBytes };
}

/** The zip's exact size in bytes, before anything is read. */
export function storedZipSize(entries: StoredZipEntry[], options: StoredZipOptions): number {
  return layout(entries, options).totalBytes;
}

/** The zip, chunk by chunk; each entry's chunks are its source's own (not copied). */
export async function* storedZip(entries: StoredZipEntry[], options: StoredZipOptions): AsyncGenerator<Uint8Array, void, undefined> {
  const { placed, centralOffset, centralSize, zip64End } = layout(entries, options);
  const { time, date } = dosDateTime(options.mtime);
  const unixSeconds = Math.max(-0x80000000, Math.min(0x7fffffff, Math.floor(options.mtime.getTime() / 1000)));
  const crcs: number[] = [];
  for (const [i, entry] of entries.entries()) {
    const item = placed[i]!;
    yield localHeader(item.name, time, date);
    let crc = 0;
    let count = 0;
    for await (const chunk of await entry.open()) {
      count += chunk.byteLength;
      if (count > item.sizeBytes) throw new Error(`zip entry ${entry.name} is longer than its ${item.sizeBytes} bytes`);
      crc = crc32(chunk, crc);
      yield chunk;
    }
    if (count !== item.sizeBytes) throw new Error(`zip entry ${entry.name} has ${count} bytes, not ${item.sizeBytes}`);
    crcs.push(crc);
    yield dataDescriptor(crc, item);
  }
  yield Buffer.concat(placed.map((item, i) => centralHeader(item, crcs[i]!, time, date, unixSeconds)));
  yield endRecords(placed.length, centralOffset, centralSize, zip64End);
}

function localHeader(name: Buffer, time: number, date: number): Buffer {
  const b = Buffer.alloc(LOCAL_HEADER + name.length);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(VERSION_NEEDED, 4);
  b.writeUInt16LE(FLAGS, 6);
  b.writeUInt16LE(STORED, 8);
  b.writeUInt16LE(time, 10);
  b.writeUInt16LE(date, 12);
  // CRC-32 and both sizes: zero here, given in the data descriptor (flag bit 3). Name length; no extra field.
  b.writeUInt16LE(name.length, 26);
  name.copy(b, LOCAL_HEADER);
  return b;
}

function dataDescriptor(crc: number, item: Placed): Buffer {
  const b = Buffer.alloc(item.zip64 ? ZIP64_DATA_DESCRIPTOR : DATA_DESCRIPTOR);
  b.writeUInt32LE(0x08074b50, 0); // the optional signature (the Mac Archive Utility wants it)
  b.writeUInt32LE(crc, 4);
  if (item.zip64) {
    b.writeBigUInt64LE(BigInt(item.sizeBytes), 8); // compressed (stored: the same)
    b.writeBigUInt64LE(BigInt(item.sizeBytes), 16);
  } else {
    b.writeUInt32LE(item.sizeBytes, 8);
    b.writeUInt32LE(item.sizeBytes, 12);
  }
  return b;
}

function centralHeader(item: Placed, crc: number, time: number, date: number, unixSeconds: number): Buffer {
  const extra = UT_TIMESTAMP_FIELD + (item.zip64 ? ZIP64_FIELD : 0);
  const b = Buffer.alloc(CENTRAL_HEADER + item.name.length + extra);
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(VERSION_MADE_BY, 4);
  b.writeUInt16LE(item.zip64 ? VERSION_NEEDED_ZIP64 : VERSION_NEEDED, 6);
  b.writeUInt16LE(FLAGS, 8);
  b.writeUInt16LE(STORED, 10);
  b.writeUInt16LE(time, 12);
  b.writeUInt16LE(date, 14);
  b.writeUInt32LE(crc, 16);
  b.writeUInt32LE(item.zip64 ? MAX_32 : item.sizeBytes, 20);
  b.writeUInt32LE(item.zip64 ? MAX_32 : item.sizeBytes, 24);
  b.writeUInt16LE(item.name.length, 28);
  b.writeUInt16LE(extra, 30);
  // File comment length, disk number, internal attributes: zero.
  b.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
  b.writeUInt32LE(item.zip64 ? MAX_32 : item.offset, 42);
  let at = CENTRAL_HEADER;
  at += item.name.copy(b, at);
  // Info-ZIP universal timestamp: modification time (with the access-time flag set, as Info-ZIP does).
  b.writeUInt16LE(0x5455, at);
  b.writeUInt16LE(UT_TIMESTAMP_FIELD - 4, at + 2);
  b.writeUInt8(0b11, at + 4);
  b.writeInt32LE(unixSeconds, at + 5);
  at += UT_TIMESTAMP_FIELD;
  if (item.zip64) {
    b.writeUInt16LE(0x0001, at);
    b.writeUInt16LE(ZIP64_FIELD - 4, at + 2);
    b.writeBigUInt64LE(BigInt(item.sizeBytes), at + 4);
    b.writeBigUInt64LE(BigInt(item.sizeBytes), at + 12);
    b.writeBigUInt64LE(BigInt(item.offset), at + 20);
  }
  return b;
}

function endRecords(count: number, centralOffset: number, centralSize: number, zip64: boolean): Buffer {
  const end = Buffer.alloc(END_RECORD);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : count, 8);
  end.writeUInt16LE(zip64 ? 0xffff : count, 10);
  end.writeUInt32LE(zip64 ? MAX_32 : centralSize, 12);
  end.writeUInt32LE(zip64 ? MAX_32 : centralOffset, 16);
  if (!zip64) return end;
  const record = Buffer.alloc(ZIP64_END_RECORD);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(BigInt(ZIP64_END_RECORD - 12), 4);
  record.writeUInt16LE(VERSION_MADE_BY, 12);
  record.writeUInt16LE(VERSION_NEEDED_ZIP64, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(centralSize), 40);
  record.writeBigUInt64LE(BigInt(centralOffset), 48);
  const locator = Buffer.alloc(ZIP64_END_LOCATOR);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(centralOffset + centralSize), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, end]);
}

/** MS-DOS date and time, in local time as yazl and Info-ZIP write them (2-second steps, from 1980). */
function dosDateTime(when: Date): { time: number; date: number } {
  const year = Math.min(Math.max(when.getFullYear(), 1980), 2107);
  const date = ((year - 1980) << 9) | ((when.getMonth() + 1) << 5) | when.getDate();
  const time = (when.getHours() << 11) | (when.getMinutes() << 5) | Math.floor(when.getSeconds() / 2);
  return { time, date };
}
