import { parse } from 'csv-parse';
import { checkpoint } from '@/lib/extract/result';
import { decodeText } from '@/lib/extract/plain-text';
import { sheetsPreview } from './sheet-table';
import { PreviewError, type Preview, type PreviewContext } from './result';

/**
 * CSV as one sheet, with `csv-parse` (already the project's CSV reader) fed in chunks, so the time
 * limit is checked as it goes. The first `maxRows` rows are kept; the rest are only counted.
 */

const CHUNK_CHARS = 256 * 1024;

export async function previewCsv(data: Buffer, context: PreviewContext): Promise<Preview> {
  const { maxRows, maxColumns, maxCellChars } = context.limits;
  const text = decodeText(data);
  const rows: string[][] = [];
  let rowCount = 0;
  let columnCount = 0;
  const parser = parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true, max_record_size: 1024 * 1024 });
  const take = () => {
    let record: string[] | null;
    while ((record = parser.read() as string[] | null) !== null) {
      rowCount++;
      columnCount = Math.max(columnCount, record.length);
      if (rows.length < maxRows) rows.push(record.slice(0, maxColumns).map((cell) => cell.slice(0, maxCellChars)));
    }
  };
  let failure: unknown;
  parser.on('readable', take);
  parser.on('error', (error) => (failure ??= error));
  const ended = new Promise<void>((resolve) => parser.on('end', resolve).on('error', () => resolve()));

  for (let i = 0; i < text.length && !failure; i += CHUNK_CHARS) {
    await checkpoint(context.extract);
    parser.write(text.slice(i, i + CHUNK_CHARS));
    take();
  }
  parser.end();
  await ended;
  take();
  if (failure && rows.length === 0) throw new PreviewError('malformed', `CSV could not be read: ${String(failure)}`, { cause: failure });
  return sheetsPreview([{ name: '', rows, rowCount: failure ? undefined : rowCount, columnCount }], 1, context);
}
