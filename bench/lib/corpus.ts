/**
 * The real corpus (CORPUS_DIR, default ../shared/corpus) for the benchmarks: its manifest rows and the
 * text of every file, extracted with the app's own extractText (lib/extract), exactly as the
 * extract-text job would store it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { extractText, type ExtractionResult } from '@/lib/extract';
import { testSettings } from '@/lib/testing/settings';

export interface CorpusFile {
  /** The manifest's `file` column. */
  file: string;
  format: string;
  title: string;
  path: string;
  bytes: number;
}

export function corpusDir(): string {
  return testSettings.corpusDir;
}

/** Every row of manifest.csv, in order. */
export function corpusFiles(directory = corpusDir()): CorpusFile[] {
  const manifest = path.join(directory, 'manifest.csv');
  if (!fs.existsSync(manifest)) throw new Error(`no manifest.csv in ${directory} (set CORPUS_DIR)`);
  const rows = parse(fs.readFileSync(manifest, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((row) => {
    const file = row.file ?? '';
    const filePath = path.join(directory, file);
    return { file, format: row.format ?? path.extname(file).slice(1), title: row.title ?? '', path: filePath, bytes: fs.statSync(filePath).size };
  });
}

export interface CorpusText extends CorpusFile {
  result: ExtractionResult;
  /** The extracted text ('' unless the result is 'done'). */
  text: string;
}

/** Extracts every corpus file once, in manifest order. */
export async function extractCorpus(directory = corpusDir()): Promise<CorpusText[]> {
  const texts: CorpusText[] = [];
  for (const entry of corpusFiles(directory)) {
    const body = fs.readFileSync(entry.path);
    const result = await extractText({ format: entry.format, body, sizeBytes: body.length });
    texts.push({ ...entry, result, text: result.status === 'done' ? result.text : '' });
  }
  return texts;
}
