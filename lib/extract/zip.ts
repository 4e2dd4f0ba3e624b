import { Transform, type Readable, type TransformCallback } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { ExtractionLimits } from './limits';
import { ExtractionError, throwIfAborted } from './result';

/**
 * Safe reading of the zip containers behind DOCX, XLSX, PPTX, ODT, ODS and ODP, with `yauzl`.
 *
 * - The central directory's entry count is checked before any entry is read (too_many_entries).
 * - Entry names are checked: absolute paths, `..` segments, backslashes, NULs and duplicates make the
 *   file malformed (nothing is ever written to disk, but a file built like that is not a document).
 * - Only the entries a format asks for are inflated, and each one's declared size and compression
 *   ratio are checked BEFORE inflating (zip_bomb).
 * - While inflating, the bytes that really come out are counted: more than the entry declared, more
 *   than one entry may give, or more than the whole file may give, stops the stream (zip_bomb), since
 *   declared sizes can lie.
 */
export class ZipArchive {
  private inflatedTotal = 0;
  private declaredTotal = 0;

  private constructor(
    private readonly zipfile: ZipFile,
    private readonly entries: Map<string, Entry>,
    private readonly limits: ExtractionLimits,
    private readonly signal: AbortSignal,
  ) {}

  static async open(buffer: Buffer, limits: ExtractionLimits, signal: AbortSignal): Promise<ZipArchive> {
    let zipfile: ZipFile;
    try {
      zipfile = await yauzl.fromBufferPromise(buffer, {
        lazyEntries: true,
        autoClose: false,
        decodeStrings: true,
        // Sizes are checked here (below), with reasons of our own.
        validateEntrySizes: false,
        strictFileNames: true,
      });
    } catch (error) {
      throw new ExtractionError('malformed', `not a readable zip file: ${messageOf(error)}`, { cause: error });
    }
    try {
      if (zipfile.entryCount > limits.maxZipEntries) {
        throw new ExtractionError('too_many_entries', `zip lists ${zipfile.entryCount} entries`);
      }
      const entries = await readCentralDirectory(zipfile, limits, signal);
      return new ZipArchive(zipfile, entries, limits, signal);
    } catch (error) {
      zipfile.close();
      throw error;
    }
  }

  /** Entry names, in central-directory order (directories end with "/"). */
  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** An entry's inflated bytes as a stream, checked against the limits before and while inflating. */
  async stream(name: string): Promise<Readable> {
    throwIfAborted(this.signal);
    const entry = this.entries.get(name);
    if (!entry) throw new ExtractionError('malformed', `missing zip entry ${name}`);
    this.checkBeforeInflating(entry);
    let raw: Readable;
    try {
      raw = await this.zipfile.openReadStreamPromise(entry);
    } catch (error) {
      throw new ExtractionError('malformed', `cannot open zip entry: ${messageOf(error)}`, { cause: error });
    }
    const counter = new InflateCounter(entry, this.limits, (bytes) => {
      this.inflatedTotal += bytes;
      return this.inflatedTotal;
    });
    const onAbort = () => counter.destroy(new ExtractionError('timeout', 'time limit reached'));
    this.signal.addEventListener('abort', onAbort, { once: true });
    counter.once('close', () => this.signal.removeEventListener('abort', onAbort));
    raw.on('error', (error) => {
      counter.destroy(error instanceof ExtractionError ? error : new ExtractionError('malformed', `zip entry cannot be inflated: ${messageOf(error)}`, { cause: error }));
    });
    counter.on('close', () => raw.destroy());
    return raw.pipe(counter);
  }

  /** An entry's whole inflated content; for small entries such as relationships and manifests. */
  async read(name: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const chunk of await this.stream(name)) parts.push(chunk as Buffer);
    return Buffer.concat(parts);
  }

  /** `read`, or undefined when there is no such entry. */
  async readIfPresent(name: string): Promise<Buffer | undefined> {
    return this.has(name) ? this.read(name) : undefined;
  }

  close(): void {
    this.zipfile.close();
  }

  private checkBeforeInflating(entry: Entry): void {
    const { limits } = this;
    if (entry.isEncrypted()) throw new ExtractionError('encrypted', 'zip entry is encrypted');
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw new ExtractionError('malformed', `zip entry uses compression method ${entry.compressionMethod}`);
    }
    const size = entry.uncompressedSize;
    if (size > limits.maxEntryInflatedBytes) {
      throw new ExtractionError('zip_bomb', `zip entry declares ${size} bytes inflated`);
    }
    if (size > limits.ratioCheckAboveBytes && size > entry.compressedSize * limits.maxCompressionRatio) {
      throw new ExtractionError('zip_bomb', `zip entry declares a ratio of ${Math.round(size / Math.max(1, entry.compressedSize))}:1`);
    }
    if (this.declaredTotal + size > limits.maxTotalInflatedBytes) {
      throw new ExtractionError('zip_bomb', 'zip entries read declare more bytes than allowed in total');
    }
    this.declaredTotal += size;
  }
}

/** Counts the bytes that come out of an entry and stops the stream past any limit. */
class InflateCounter extends Transform {
  private bytes = 0;

  constructor(
    private readonly entry: Entry,
    private readonly limits: ExtractionLimits,
    private readonly addToTotal: (bytes: number) => number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    const total = this.addToTotal(chunk.length);
    const { entry, limits } = this;
    if (this.bytes > entry.uncompressedSize) {
      callback(new ExtractionError('zip_bomb', `zip entry inflates past its declared ${entry.uncompressedSize} bytes`));
      return;
    }
    if (this.bytes > limits.maxEntryInflatedBytes || total > limits.maxTotalInflatedBytes) {
      callback(new ExtractionError('zip_bomb', 'zip inflates past the limit'));
      return;
    }
    if (this.bytes > limits.ratioCheckAboveBytes && this.bytes > entry.compressedSize * limits.maxCompressionRatio) {
      callback(new ExtractionError('zip_bomb', 'zip entry inflates past the ratio limit'));
      return;
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.bytes !== this.entry.uncompressedSize) {
      callback(new ExtractionError('malformed', `zip entry gave ${this.bytes} bytes, declared ${this.entry.uncompressedSize}`));
      return;
    }
    callback();
  }
}

function readCentralDirectory(zipfile: ZipFile, limits: ExtractionLimits, signal: AbortSignal): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    const fail = (error: unknown) => {
      zipfile.removeAllListeners('entry');
      zipfile.removeAllListeners('end');
      reject(error instanceof ExtractionError ? error : new ExtractionError('malformed', `bad zip central directory: ${messageOf(error)}`, { cause: error }));
    };
    zipfile.on('error', fail);
    zipfile.on('entry', (entry: Entry) => {
      if (signal.aborted) return fail(new ExtractionError('timeout', 'time limit reached'));
      if (entries.size >= limits.maxZipEntries) {
        return fail(new ExtractionError('too_many_entries', 'zip has more entries than allowed'));
      }
      const problem = entryNameProblem(entry.fileName);
      if (problem) return fail(new ExtractionError('malformed', `zip entry name ${problem}`));
      if (entries.has(entry.fileName)) return fail(new ExtractionError('malformed', 'zip has two entries with one name'));
      entries.set(entry.fileName, entry);
      zipfile.readEntry();
    });
    zipfile.on('end', () => resolve(entries));
    zipfile.readEntry();
  });
}

/** Why a zip entry name is unacceptable, or undefined when it is fine. Exported for tests. */
export function entryNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.includes('\0')) return 'contains NUL';
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is absolute';
  if (name.split('/').some((segment) => segment === '..')) return 'climbs out with ..';
  return undefined;
}

/**
 * Resolves a relationship target (OOXML) against the folder of the part that names it, the way the
 * Open Packaging Conventions do: "/x" is from the root, anything else is relative. Undefined when
 * the target climbs above the root or is not a part name at all.
 */
export function resolvePartName(baseFolder: string, target: string): string | undefined {
  const withoutFragment = target.split('#')[0]!.split('?')[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(withoutFragment);
  } catch {
    return undefined;
  }
  const start = decoded.startsWith('/') ? [] : baseFolder.split('/').filter(Boolean);
  const segments = [...start];
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return undefined;
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  return segments.length > 0 ? segments.join('/') : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
