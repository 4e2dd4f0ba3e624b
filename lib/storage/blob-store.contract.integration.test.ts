import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server } from '@/lib/testing/s3-server';
import { BlobNotFoundError, type BlobStore } from './blob-store';
import { createBlobStore } from './index';
import { InvalidStorageKeyError, newStorageKey } from './storage-key';

/** Each implementation, started fresh: local disk in a temp dir, S3Store against a real s3rver. */
interface Harness {
  store: BlobStore;
  /** Where half-written local uploads would be, to prove none are left behind. */
  incomingDir?: string;
  stop(): Promise<void>;
}

const implementations: Array<{ name: string; driver: BlobStore['driver']; start(): Promise<Harness> }> = [
  {
    name: 'local disk',
    driver: 'local',
    async start() {
      const root = await mkdtemp(path.join(os.tmpdir(), 'dc-blobs-'));
      return {
        store: createBlobStore({ driver: 'local', root }),
        incomingDir: path.join(root, '.incoming'),
        stop: () => rm(root, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'S3 (s3rver)',
    driver: 's3',
    async start() {
      const server = await startS3Server();
      return { store: createBlobStore(server.storageConfig), stop: server.stop };
    },
  },
];

const MB = 1024 * 1024;

/** `totalBytes` of random data in uneven chunks, hashed as produced; optionally errors after `failAfter`. */
function generated(totalBytes: number, failAfter?: number) {
  const hash = createHash('sha256');
  async function* chunks() {
    let sent = 0;
    while (sent < totalBytes) {
      if (failAfter !== undefined && sent >= failAfter) throw new Error('client went away');
      const chunk = randomBytes(Math.min(65_537, totalBytes - sent)); // odd size: never part-aligned
      hash.update(chunk);
      sent += chunk.length;
      yield chunk;
    }
  }
  return { stream: Readable.from(chunks(), { objectMode: false }), sha256: () => hash.digest('hex') };
}

async function sha256Of(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

async function allKeys(store: BlobStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of store.listKeys()) keys.push(key);
  return keys;
}

describe.each(implementations)('BlobStore contract: $name', ({ driver, start }) => {
  let harness: Harness;
  let store: BlobStore;
  beforeAll(async () => {
    harness = await start();
    store = harness.store;
  });
  afterAll(() => harness?.stop());

  it('is the implementation the config asked for', () => {
    expect(store.driver).toBe(driver);
  });

  it.each([
    ['empty', 0],
    ['small', 1234],
    ['~20 MB (multipart on S3)', 20 * MB + 12_345],
  ])('round-trips the exact bytes of a %s stream', async (_label, size) => {
    const key = newStorageKey();
    const source = generated(size);
    await expect(store.put(key, source.stream, { contentType: 'application/pdf' })).resolves.toEqual({
      sizeBytes: size,
    });
    const { body, sizeBytes } = await store.get(key);
    expect(sizeBytes).toBe(size);
    expect(await sha256Of(body)).toEqual({ sha256: source.sha256(), bytes: size });
    expect(await store.exists(key)).toBe(true);
  });

  // 1 KB fails inside the first part (single PutObject on S3); 12 MB fails after a whole 8 MB part
  // was uploaded (multipart on S3, which must be aborted).
  it.each([
    ['early (first part)', 1024],
    ['half-way (after a whole part)', 12 * MB],
  ])('rejects and leaves nothing when the stream errors %s', async (_label, failAfter) => {
    const key = newStorageKey();
    const source = generated(24 * MB, failAfter);
    await expect(store.put(key, source.stream, { contentType: 'application/pdf' })).rejects.toThrow(
      'client went away',
    );
    expect(await store.exists(key)).toBe(false);
    await expect(store.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await allKeys(store)).not.toContain(key);
    if (harness.incomingDir) {
      expect(await readdir(harness.incomingDir).catch(() => [])).toEqual([]);
    }
  });

  it('deletes idempotently', async () => {
    const key = newStorageKey();
    await store.put(key, Readable.from([Buffer.from('to be removed')]), { contentType: 'text/plain' });
    await store.delete(key);
    expect(await store.exists(key)).toBe(false);
    await expect(store.delete(key)).resolves.toBeUndefined();
    await expect(store.delete(newStorageKey())).resolves.toBeUndefined(); // never existed
  });

  it('rejects get of a missing key with BlobNotFoundError', async () => {
    await expect(store.get(newStorageKey())).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await store.exists(newStorageKey())).toBe(false);
  });

  it('lists the keys that were put, and not the ones deleted', async () => {
    const keys = [newStorageKey(), newStorageKey(new Date('2025-01-15T00:00:00Z')), newStorageKey()];
    for (const key of keys) await store.put(key, Readable.from([Buffer.from(key)]), { contentType: 'text/plain' });
    await store.delete(keys[1]!);
    const listed = await allKeys(store);
    expect(listed).toEqual(expect.arrayContaining([keys[0], keys[2]]));
    expect(listed).not.toContain(keys[1]);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('lists objects with their sizes and when they were written', async () => {
    const key = newStorageKey();
    const before = Date.now();
    await store.put(key, Readable.from([Buffer.from('twelve bytes')]), { contentType: 'text/plain' });
    const listed = [];
    for await (const object of store.listObjects()) listed.push(object);
    const found = listed.find((object) => object.key === key);
    expect(found?.sizeBytes).toBe(12);
    // Stores keep whole seconds at best: allow for that, and for a little clock skew.
    expect(Math.abs(found!.modifiedAt.getTime() - before)).toBeLessThan(60_000);
    expect(listed.map((object) => object.key).sort()).toEqual((await allKeys(store)).sort());
  });

  const valid = newStorageKey();
  it.each([
    ['a traversal', '../etc/passwd'],
    ['an absolute path', '/etc/passwd'],
    ['an empty key', ''],
    ['a traversal after a valid prefix', `${valid}/../../../../etc/passwd`],
    ['a key with a NUL', `${valid}\0`],
    ['backslashes', valid.replaceAll('/', '\\')],
    ['a user file name', 'materials/2026/11/report.pdf'],
    ['an upper-case uuid', valid.toUpperCase()],
  ])('refuses %s as a key on every method', async (_label, key) => {
    const body = Readable.from([Buffer.from('nope')]);
    await expect(store.put(key, body, { contentType: 'text/plain' })).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(store.get(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(store.exists(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(store.delete(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(
      store.presignedDownloadUrl(key, { fileName: 'a.pdf', contentType: 'application/pdf' }),
    ).rejects.toBeInstanceOf(InvalidStorageKeyError);
  });
});
