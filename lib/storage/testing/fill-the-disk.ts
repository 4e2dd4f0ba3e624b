import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { LocalDiskStore } from '../local-disk-store';
import { newStorageKey } from '../storage-key';

/**
 * Run by disk-full.integration.test.ts inside a mount namespace whose storage folder is a tiny tmpfs:
 * stores a file larger than the disk, then a small one, and prints what happened as one JSON line.
 */
async function main(root: string): Promise<void> {
  const store = new LocalDiskStore(root);
  const megabyte = Buffer.alloc(1024 * 1024, 7);
  let bigError: string | null = null;
  try {
    await store.put(newStorageKey(), Readable.from([megabyte, megabyte]), { contentType: 'application/pdf' });
  } catch (error) {
    bigError = (error as NodeJS.ErrnoException).code ?? String(error);
  }
  const leftAfterFailure = fs.readdirSync(path.join(root, '.incoming'));
  const keysAfterFailure: string[] = [];
  for await (const key of store.listKeys()) keysAfterFailure.push(key);

  // Without a restart, the space the failed file took is free again: a small file goes in and reads back.
  const small = newStorageKey();
  await store.put(small, Readable.from([Buffer.from('a small research plan')]), { contentType: 'text/markdown' });
  const { body } = await store.get(small);
  let readBack = '';
  for await (const chunk of body) readBack += String(chunk);

  console.log(JSON.stringify({ bigError, leftAfterFailure, keysAfterFailure, readBack }));
}

void main(process.argv[2]!);
