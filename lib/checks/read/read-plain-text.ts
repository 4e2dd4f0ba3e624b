import { parse } from 'csv-parse/sync';
import { decodeText } from '@/lib/extract/plain-text';
import { checkpoint, type ExtractContext } from '@/lib/extract/result';
import { DocumentTextBuilder } from '../document-text';
import { columnLetters } from './cell-references';
import type { Reading } from './reading';

/**
 * TXT and Markdown, line by line ("line N"), markup and all (a `mailto:` link is still an address);
 * CSV with cell references ("sheet ‘people.csv’, cell B7"), parsed with `csv-parse`. Bytes become
 * text as lib/extract reads them (UTF-8, UTF-16 with a byte-order mark, else Windows-1252). Only the
 * first `maxTextBytes` characters are read.
 */
export async function readPlainText(data: Buffer, format: 'txt' | 'md' | 'csv', context: ExtractContext, fileName = 'the file'): Promise<Reading> {
  const maxLength = context.limits.maxTextBytes;
  const decoded = decodeText(data);
  const truncated = decoded.length > maxLength;
  const source = truncated ? decoded.slice(0, maxLength) : decoded;
  const text = new DocumentTextBuilder(maxLength);
  if (format === 'csv') await readCsv(source, text, context, fileName);
  else {
    const lines = source.split(/\r\n|\r|\n/);
    for (let i = 0; i < lines.length; i++) {
      if (i % 4096 === 4095) await checkpoint(context);
      text.add({ kind: 'line', line: i + 1 }, lines[i]!);
    }
  }
  const built = text.build();
  return { text: { ...built, truncated: built.truncated || truncated }, drafts: [], notes: [] };
}

async function readCsv(source: string, text: DocumentTextBuilder, context: ExtractContext, sheet: string): Promise<void> {
  let rows: string[][];
  try {
    rows = parse(source, { delimiter: [',', ';', '\t', '|'], relax_quotes: true, relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch {
    // Not well-formed CSV: read it line by line instead, so nothing goes unchecked.
    source.split(/\r\n|\r|\n/).forEach((line, i) => text.add({ kind: 'line', line: i + 1 }, line));
    return;
  }
  for (let r = 0; r < rows.length; r++) {
    if (r % 4096 === 4095) await checkpoint(context);
    rows[r]!.forEach((value, c) => text.add({ kind: 'cell', sheet, cell: `${columnLetters(c + 1)}${r + 1}` }, value, c === 0 ? '\n' : '\t'));
  }
}
