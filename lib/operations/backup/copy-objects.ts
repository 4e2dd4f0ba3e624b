import 'server-only';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobNotFoundError, type BlobStore } from '@/lib/storage/blob-store';
import { isValidStorageKey } from '@/lib/storage/storage-key';
import { BackupError, type BackedUpObject } from './backup-format';

/**
 * Copies each stored file a version refers to into `files/<key>`, checking it against the size and
 * sha256 its version row recorded: a backup never carries a damaged file without saying so (it
 * stops, and `npm run storage:verify` tells which files are damaged).
 */
export async function copyObjectsToFolder(
  storage: BlobStore,
  objects: readonly BackedUpObject[],
  folder: string,
  onProgress?: (copied: number) => void,
): Promise<{ bytes: number }> {
  let bytes = 0;
  for (const [index, object] of objects.entries()) {
    const target = objectPath(folder, object.key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    let body;
    try {
      ({ body } = await storage.get(object.key));
    } catch (error) {
      if (error instanceof BlobNotFoundError) {
        throw new BackupError(`The file ${object.key} is missing from storage (deleted while the backup ran? Run the backup again; if it is still missing, run npm run storage:verify).`);
      }
      throw error;
    }
    const meter = measuringStream();
    await pipeline(body, meter.stream, createWriteStream(target, { flags: 'wx' }));
    const measured = meter.result();
    if (measured.bytes !== object.sizeBytes || measured.sha256 !== object.sha256) {
      throw new BackupError(
        `The stored file ${object.key} is not the one its version recorded (${measured.bytes} bytes, ${object.sizeBytes} recorded; checksums ${measured.sha256 === object.sha256 ? 'match' : 'differ'}): run npm run storage:verify.`,
      );
    }
    bytes += measured.bytes;
    onProgress?.(index + 1);
  }
  return { bytes };
}

/** Where a stored file sits in a backup folder. Only server-made keys, so no key can reach outside it. */
export function objectPath(folder: string, key: string): string {
  if (!isValidStorageKey(key)) throw new BackupError('The backup names a stored file with an invalid key: it is damaged or was changed by hand.');
  return path.join(folder, 'files', ...key.split('/'));
}

/** A pass-through stream that measures what flows through it: its size and sha256. */
export function measuringStream(): { stream: Transform; result(): { sha256: string; bytes: number } } {
  const hash = createHash('sha256');
  let bytes = 0;
  let sha256 = '';
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      sha256 = hash.digest('hex');
      done();
    },
  });
  return { stream, result: () => ({ sha256, bytes }) };
}
