import 'server-only';
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { BlobNotFoundError, type BlobStore, type StoredObject } from './blob-store';
import { assertValidStorageKey, isValidStorageKey } from './storage-key';

/** Half-written uploads live here until renamed into place; a dot folder so listKeys never sees them. */
const INCOMING_DIR = '.incoming';

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/**
 * The embedded default: one file per key under `root` (keys already fan out by year/month).
 * Writes go to a temp file in the same file system, are fsynced, then renamed, so a reader never
 * sees a partial file and a failed upload leaves nothing behind.
 */
export class LocalDiskStore implements BlobStore {
  readonly driver = 'local' as const;
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The file for a key. The regex already rules out traversal; the containment check is a second lock. */
  private pathFor(key: string): string {
    assertValidStorageKey(key);
    const filePath = path.resolve(this.root, ...key.split('/'));
    if (!filePath.startsWith(this.root + path.sep)) throw new Error('Storage key escaped the storage root');
    return filePath;
  }

  async put(key: string, body: Readable, _options: { contentType: string }): Promise<{ sizeBytes: number }> {
    const target = this.pathFor(key);
    const incoming = path.join(this.root, INCOMING_DIR);
    await mkdir(incoming, { recursive: true });
    const tempPath = path.join(incoming, randomUUID());
    const file = await open(tempPath, 'wx');
    let sizeBytes = 0;
    try {
      try {
        // for-await gives natural back-pressure, and rethrows (and destroys `body`) if the stream errors.
        for await (const chunk of body) {
          const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
          let written = 0;
          while (written < buffer.length) {
            const { bytesWritten } = await file.write(buffer, written, buffer.length - written);
            written += bytesWritten;
          }
          sizeBytes += buffer.length;
        }
        await file.sync(); // the bytes are on disk before the name points at them
      } finally {
        await file.close();
      }
      await mkdir(path.dirname(target), { recursive: true });
      await rename(tempPath, target);
      await syncDirectory(path.dirname(target)); // and the rename itself survives a crash
    } catch (error) {
      await unlink(tempPath).catch(() => undefined);
      throw error;
    }
    return { sizeBytes };
  }

  async get(key: string): Promise<{ body: Readable; sizeBytes: number }> {
    const filePath = this.pathFor(key);
    // Open first and stat the open handle, so the size and the stream describe the same file even if
    // the key is deleted or replaced in between.
    const file = await open(filePath, 'r').catch((error: unknown) => {
      throw isNotFound(error) ? new BlobNotFoundError(key) : error;
    });
    try {
      const { size } = await file.stat();
      return { body: file.createReadStream(), sizeBytes: size }; // closes the handle at end or destroy
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathFor(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathFor(key))).isFile();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async *listKeys(): AsyncIterable<string> {
    yield* walk(this.root, []);
  }

  async *listObjects(): AsyncIterable<StoredObject> {
    for await (const key of walk(this.root, [])) {
      try {
        const info = await stat(this.pathFor(key));
        yield { key, sizeBytes: info.size, modifiedAt: info.mtime };
      } catch (error) {
        if (!isNotFound(error)) throw error; // deleted since it was listed
      }
    }
  }

  async presignedDownloadUrl(key: string): Promise<string | undefined> {
    assertValidStorageKey(key);
    return undefined; // local files are streamed through the app, which checks access on every request
  }
}

/** Depth-first walk yielding well-formed keys only: skips `.incoming` and anything not made by us. */
async function* walk(dir: string, prefix: string[]): AsyncIterable<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isNotFound(error)) return; // nothing stored yet
    throw error;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const parts = [...prefix, entry.name];
    if (entry.isDirectory()) yield* walk(path.join(dir, entry.name), parts);
    else if (entry.isFile() && isValidStorageKey(parts.join('/'))) yield parts.join('/');
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems (and Windows) refuse fsync on a directory; the data itself is already synced.
    if (!['EINVAL', 'EPERM', 'EISDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle.close();
  }
}
