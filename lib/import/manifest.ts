import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * Reads the `manifest.csv` that describes a folder of files to import (see lib/import/README.md).
 *
 * One row per file; the header row names the columns, in any order. Header names are matched without
 * regard to case, spaces or hyphens ("Artefact type" = `artefact_type`). Accepted columns:
 *
 *   file                      required: the file's name inside the folder (no folders, no `..`)
 *   title                     required
 *   summary
 *   phases | phase_guess      phase slugs or labels, several separated by `|` or `;`
 *   artefact_type | artefact_type_guess
 *   kind                      template, example (worked example) or guidance
 *   topics | topic_guess      service-area slugs or labels, several separated by `|` or `;`
 *   tags                      comma-separated
 *   council                   the publishing council: organisation slug (`hackney`) or GSS code (`E09000012`)
 *   project                   the id of one of that council's projects on the hub (the last part of its
 *                             page address, /projects/<id>), or one it is a partner in
 *   licence | license         an SPDX id from the hub's licence list, or the corpus's "OGL-3.0 - LICENCE" form
 *   source_url                where the document was first published
 *   source_repo, source_path, source_commit
 *                             used when there is no source_url: https://github.com/{repo}/blob/{commit}/{path}
 *   sha256                    if given, the file must have this SHA-256 (hex)
 *   attribution               the attribution statement the licence asks for
 *   format, bytes             informational (the corpus has them); the hub detects the format itself
 *
 * Where both the hub's column and the corpus's `*_guess` column are present, the hub's column wins when
 * it is not empty. Values are trimmed. Any other column is reported once, as a warning, and ignored.
 * Line numbers count from the header (line 1), as a spreadsheet shows them.
 */

export const manifestFileName = 'manifest.csv';

/** Something wrong with the folder or the manifest as a whole: nothing can be imported. */
export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

/** A value and the manifest column it came from, so messages name the column the user wrote. */
export interface ColumnValue {
  column: string;
  value: string;
}

export interface ManifestRow {
  /** Line in manifest.csv where the row starts (the header is line 1). */
  line: number;
  file: string;
  title: string;
  summary: string;
  phases?: ColumnValue;
  artefactType?: ColumnValue;
  kind?: ColumnValue;
  topics?: ColumnValue;
  tags: string;
  council: string;
  /** A project's id (lib/projects), checked when the material is created. */
  project: string;
  /** The licence exactly as written (mapped to the vocabulary in map-vocabulary.ts). */
  licence: string;
  sourceUrl?: string;
  /** `owner/name` when the row came from a repository (used in the attribution). */
  sourceRepo?: string;
  sha256: string;
  attribution: string;
  /** Problems worth knowing that do not stop the row. */
  warnings: string[];
}

export interface Manifest {
  path: string;
  columns: string[];
  rows: ManifestRow[];
  /** About the manifest as a whole (line 1: the header). */
  warnings: { line: number; message: string }[];
}

const knownColumns = new Set([
  'file',
  'title',
  'summary',
  'phases',
  'phase_guess',
  'artefact_type',
  'artefact_type_guess',
  'kind',
  'topics',
  'topic_guess',
  'tags',
  'council',
  'project',
  'licence',
  'license',
  'source_url',
  'source_repo',
  'source_path',
  'source_commit',
  'sha256',
  'attribution',
  'format',
  'bytes',
]);

/** "Artefact type" → artefact_type; "Source-URL" → source_url. */
export function normaliseColumnName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export async function readManifest(folder: string): Promise<Manifest> {
  const manifestPath = path.join(folder, manifestFileName);
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ManifestError(`There is no ${manifestFileName} in ${folder}.`);
    throw new ManifestError(`Could not read ${manifestPath}: ${(error as Error).message}`);
  }
  return { ...parseManifest(text), path: manifestPath };
}

interface ParsedRecord {
  record: Record<string, string | undefined>;
  raw: string;
  info: { lines: number; error?: { code?: string; record?: unknown[] } };
}

/** Parses manifest text. Throws ManifestError when the CSV cannot be read or lacks a required column. */
export function parseManifest(text: string): Omit<Manifest, 'path'> {
  let columns: string[] = [];
  let records: ParsedRecord[];
  try {
    // One kind of line break, so that csv-parse's line count matches what an editor shows
    // (it miscounts Windows line breaks); a line break inside a quoted cell becomes \n.
    records = parse(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      columns: (header: string[]) => {
        columns = header.map(normaliseColumnName);
        return columns;
      },
      info: true,
      raw: true,
      trim: true,
      skip_empty_lines: true,
      // A row with too few or too many cells is reported against its line, not fatal for the rest.
      relax_column_count: true,
    }) as ParsedRecord[];
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw new ManifestError(
      `${manifestFileName} is not a readable CSV file${lines ? ` (near line ${lines})` : ''}: ${(error as Error).message}`,
    );
  }
  if (columns.length === 0) throw new ManifestError(`${manifestFileName} is empty: it needs a header row and one row per file.`);

  const missing = ['file', 'title'].filter((c) => !columns.includes(c));
  if (missing.length) {
    throw new ManifestError(
      `${manifestFileName} has no ${missing.map((c) => `"${c}"`).join(' or ')} column. ` +
        `Its first line must name the columns, including "file" and "title" (see lib/import/README.md).`,
    );
  }

  const warnings: Manifest['warnings'] = [];
  const unknown = [...new Set(columns.filter((c) => c && !knownColumns.has(c)))];
  if (unknown.length) {
    warnings.push({ line: 1, message: `column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')} ignored: not a column the import understands` });
  }

  const rows = records.map(({ record, raw, info }) =>
    toRow(record, startLine(info.lines, raw), info.error?.code, info.error?.record?.length ?? 0, columns.length),
  );
  return { columns, rows, warnings };
}

/**
 * csv-parse reports the line a record ends on; a quoted cell may span lines, and skipped blank lines
 * come before the record in `raw`. The record starts at its end line minus the line breaks inside it.
 */
function startLine(endLine: number, raw: string): number {
  const content = raw.replace(/^\n+/, '').replace(/\n$/, '');
  const breaks = content.match(/\n/g)?.length ?? 0;
  return endLine - breaks;
}

function toRow(
  record: ParsedRecord['record'],
  line: number,
  errorCode: string | undefined,
  rawCells: number,
  columnCount: number,
): ManifestRow {
  const get = (column: string) => record[column]?.trim() ?? '';
  const either = (main: string, guess: string): ColumnValue | undefined => {
    if (get(main)) return { column: main, value: get(main) };
    if (get(guess)) return { column: guess, value: get(guess) };
    return undefined;
  };
  const warnings: string[] = [];

  // Fewer cells than columns is common in hand-written CSV: the missing trailing cells are empty.
  // More cells than columns means a value is probably unquoted or misplaced: said, and ignored.
  if (errorCode === 'CSV_RECORD_INCONSISTENT_COLUMNS' && rawCells > columnCount) {
    warnings.push(`the row has ${rawCells} cells but the header has ${columnCount} columns: the extra cells are ignored`);
  }

  const source = sourceOf(get);
  warnings.push(...source.warnings);
  return {
    line,
    file: get('file'),
    title: get('title'),
    summary: get('summary'),
    phases: either('phases', 'phase_guess'),
    artefactType: either('artefact_type', 'artefact_type_guess'),
    kind: get('kind') ? { column: 'kind', value: get('kind') } : undefined,
    topics: either('topics', 'topic_guess'),
    tags: get('tags'),
    council: get('council'),
    project: get('project'),
    licence: get('licence') || get('license'),
    sourceUrl: source.url,
    sourceRepo: source.repo,
    sha256: get('sha256'),
    attribution: get('attribution'),
    warnings,
  };
}

const repoPattern = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** `source_url`, or a GitHub blob address built from `source_repo`, `source_path` and `source_commit`. */
function sourceOf(get: (column: string) => string): { url?: string; repo?: string; warnings: string[] } {
  const repo = get('source_repo');
  const validRepo = repoPattern.test(repo) ? repo : undefined;
  if (get('source_url')) return { url: get('source_url'), repo: validRepo, warnings: [] };
  if (!repo) return { warnings: [] };
  if (!validRepo) {
    return { warnings: [`source_repo "${repo}" is not a GitHub owner/name, so no source address is recorded`] };
  }
  const sourcePath = get('source_path').replace(/^\/+/, '');
  if (!sourcePath) return { url: `https://github.com/${repo}`, repo, warnings: [] };
  const commit = get('source_commit');
  const encodedPath = sourcePath.split('/').map(encodeURIComponent).join('/');
  if (!commit) {
    return {
      url: `https://github.com/${repo}/blob/HEAD/${encodedPath}`,
      repo,
      warnings: ['no source_commit given: the source address points at the latest version, which may have changed'],
    };
  }
  return { url: `https://github.com/${repo}/blob/${encodeURIComponent(commit)}/${encodedPath}`, repo, warnings: [] };
}
