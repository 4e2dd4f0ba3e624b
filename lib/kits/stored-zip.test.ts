import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ZipFile } from 'yazl';
import { describe, expect, it } from 'vitest';
import { storedZip, storedZipSize, type StoredZipEntry } from './stored-zip';

// The kit zip writer checked three ways: read back by yauzl (structure, sizes and every CRC-32),
// byte for byte the same as yazl's zip of the same entries (the writer it replaced, and the layout it
// copies), and its exact size known before a byte is read. Sources that lie about their size fail it.

const mtime = new Date(2026, 2, 14, 10, 31, 7);
const contents: [string, Buffer][] = [
  ['README.txt', Buffer.from('Bins Discovery kit\n', 'utf8')],
  ['01-Interview guide — Leeds.md', Buffer.from('# Guide\n\nAsk about missed collections.\n'.repeat(500), 'utf8')],
  ['02-empty.csv', Buffer.alloc(0)],
  ['03-photo.jpg', Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 251))],
];

/** Each entry's bytes come in several chunks, as a stored object's stream does. */
function entries(list = contents, opened: string[] = []): StoredZipEntry[] {
  return list.map(([name, bytes]) => ({
    name,
    sizeBytes: bytes.length,
    open: async () => {
      opened.push(name);
      return Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000, 70_000), bytes.subarray(70_000)].filter((chunk) => chunk.length > 0));
    },
  }));
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

async function yazlZip(forceZip64: boolean): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, bytes] of contents) zip.addReadStream(Readable.from([bytes]), name, { compress: false, size: bytes.length, mtime, forceZip64Format: forceZip64 });
  zip.end({ forceZip64Format: forceZip64, comment: '' });
  return collect(zip.outputStream as unknown as Readable);
}

async function readBack(zip: Buffer): Promise<Map<string, string>> {
  const zipfile = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  const hashes = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    zipfile.on('error', reject);
    zipfile.on('end', () => resolve());
    zipfile.on('entry', (entry: yauzl.Entry) => {
      zipfile.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        collect(stream).then((bytes) => {
          hashes.set(entry.fileName, createHash('sha256').update(bytes).digest('hex'));
          zipfile.readEntry();
        }, reject);
      });
    });
    zipfile.readEntry();
  });
  return hashes;
}

const expected = new Map(contents.map(([name, bytes]) => [name, createHash('sha256').update(bytes).digest('hex')]));

describe('stored zip', () => {
  for (const forceZip64 of [false, true]) {
    it(`reads back with every file intact, is byte for byte yazl's zip, and has the size it promised${forceZip64 ? ' (ZIP64 records)' : ''}`, async () => {
      const zip = await collect(storedZip(entries(), { mtime, forceZip64 }));
      expect(await readBack(zip)).toEqual(expected);
      expect(zip.equals(await yazlZip(forceZip64))).toBe(true);
      expect(storedZipSize(entries(), { mtime, forceZip64 })).toBe(zip.length);
    });
  }

  it('opens each source only when the zip reaches it', async () => {
    const opened: string[] = [];
    const chunks = storedZip(entries(contents, opened), { mtime });
    await chunks.next(); // the first local header
    expect(opened).toEqual([]);
    await chunks.next(); // the first entry's first chunk
    expect(opened).toEqual(['README.txt']);
    await chunks.return(undefined);
  });

  it('fails rather than writing a corrupt zip when a source is shorter or longer than declared', async () => {
    const short: StoredZipEntry = { name: 'short.txt', sizeBytes: 10, open: async () => [Buffer.from('12345')] };
    await expect(collect(storedZip([short], { mtime }))).rejects.toThrow(/has 5 bytes, not 10/);
    const long: StoredZipEntry = { name: 'long.txt', sizeBytes: 3, open: async () => [Buffer.from('12345')] };
    await expect(collect(storedZip([long], { mtime }))).rejects.toThrow(/longer than its 3 bytes/);
  });

  it('refuses a size that is not a byte count', () => {
    expect(() => storedZipSize([{ name: 'x', sizeBytes: -1, open: async () => [] }], { mtime })).toThrow(/not a byte count/);
  });
});
