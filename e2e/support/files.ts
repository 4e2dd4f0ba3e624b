import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The folder of real public-sector documents used as fixtures (CORPUS_DIR, default ../shared/corpus). */
export const corpusDir = path.resolve(process.env.CORPUS_DIR || path.join(__dirname, '..', '..', '..', 'shared', 'corpus'));

export function corpusFile(name: string): string {
  return path.join(corpusDir, name);
}

export function sha256OfFile(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Writes a file of the given size (a text file made of one repeated letter) and returns its path. */
export function makeFile(name: string, sizeBytes: number, fill = 'a'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-e2e-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.alloc(sizeBytes, fill));
  return file;
}

export function makeTextFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-e2e-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}
