import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '@/lib/errors';
import type { DocumentProperties } from './document-properties';
import { generateAlternativeFormats, type AlternativeFormat } from './generate-alternative-formats';

export interface DocumentSource {
  /** The file name to give the outputs, without extension: lower-case letters, digits and hyphens only. */
  name: string;
  markdown: string;
  properties: DocumentProperties;
}

export interface WrittenDocument {
  name: string;
  format: AlternativeFormat['format'];
  path: string;
  sizeBytes: number;
}

/**
 * Writes each source as `<name>.docx` and `<name>.odt` into `folder` (made if missing), for a command
 * that generates a kit of templates at once. Names are checked, never used as paths as given.
 */
export async function writeAlternativeFormats(sources: DocumentSource[], folder: string): Promise<WrittenDocument[]> {
  for (const source of sources) {
    if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(source.name)) throw new AppError('validation', `"${source.name}" cannot be a file name: use lower-case letters, digits and hyphens.`);
  }
  await mkdir(folder, { recursive: true });
  const written: WrittenDocument[] = [];
  for (const source of sources) {
    for (const file of await generateAlternativeFormats(source.markdown, source.properties)) {
      const filePath = path.join(folder, `${source.name}.${file.extension}`);
      await writeFile(filePath, file.body);
      written.push({ name: source.name, format: file.format, path: filePath, sizeBytes: file.body.length });
    }
  }
  return written;
}
