import 'server-only';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { materialVersions } from '@/lib/db/schema';
import { AppError, ValidationError } from '@/lib/errors';
import { checkAndPublishImported, type ImportedFileCheck } from '@/lib/file-checks/publish-imported';
import { createMaterial } from '@/lib/materials/create-material';
import type { Services } from '@/lib/services';
import { ManifestError, readManifest, type ManifestRow } from './manifest';
import { mapManifestRow, type Mapping } from './map-vocabulary';

/**
 * Bulk-loads a folder described by its manifest.csv (see lib/import/README.md): one material per row,
 * through createMaterial, so every file gets the same checks as an upload.
 *
 * Idempotent: a file whose SHA-256 is already stored as any material version is skipped, so importing
 * the same folder twice changes nothing. A bad row is reported with its manifest line and the rest are
 * still imported; only a storage or database outage stops the run (every later row would fail too).
 */

export { ManifestError } from './manifest';

export interface ImportIssue {
  /** Line in manifest.csv (the header is line 1). */
  line: number;
  /** The row's `file` cell, when there is one. */
  file?: string;
  message: string;
}

export interface MappingSummary extends Mapping {
  lines: number[];
}

export type RowOutcome =
  | { line: number; file: string; status: 'imported'; materialId: string; sha256: string; check: ImportedFileCheck }
  | { line: number; file: string; status: 'skipped'; existingMaterialId: string; sha256: string }
  | { line: number; file: string; status: 'failed'; message: string };

export interface ImportReport {
  folder: string;
  manifest: string;
  /** Data rows in the manifest. */
  rows: number;
  imported: number;
  /** Rows whose file was already in the hub (same SHA-256). */
  skipped: number;
  failed: number;
  outcomes: RowOutcome[];
  warnings: ImportIssue[];
  errors: ImportIssue[];
  /** What the synonym tables and defaults decided, one entry per distinct value, with its lines. */
  mappings: MappingSummary[];
  /** Set when the run stopped early because storage or the database failed. */
  stoppedBecause?: string;
}

export interface ImportOptions {
  /** Called after each row (the CLI prints progress with it). */
  onRow?: (outcome: RowOutcome) => void;
  /**
   * Publish files whose check found likely personal data or hidden content. Off by default: such
   * files are imported as drafts for their council to look at (`npm run import -- --publish-with-personal-data`).
   */
  publishWithPersonalData?: boolean;
}

export async function importFolder(services: Services, folder: string, options: ImportOptions = {}): Promise<ImportReport> {
  const root = await folderPath(folder);
  const manifest = await readManifest(root);
  const report: ImportReport = {
    folder: root,
    manifest: manifest.path,
    rows: manifest.rows.length,
    imported: 0,
    skipped: 0,
    failed: 0,
    outcomes: [],
    warnings: manifest.warnings.map((w) => ({ line: w.line, message: w.message })),
    errors: [],
    mappings: [],
  };
  const mappings = new Map<string, MappingSummary>();

  for (const row of manifest.rows) {
    const outcome = await importRow(services, root, row, report, mappings, options);
    report.outcomes.push(outcome);
    report[outcome.status === 'failed' ? 'failed' : outcome.status]++;
    options.onRow?.(outcome);
    if (report.stoppedBecause) break;
  }
  report.mappings = [...mappings.values()];
  return report;
}

async function folderPath(folder: string): Promise<string> {
  try {
    const root = await realpath(folder);
    if (!(await stat(root)).isDirectory()) throw new ManifestError(`${folder} is not a folder.`);
    return root;
  } catch (error) {
    if (error instanceof ManifestError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ManifestError(`There is no folder at ${path.resolve(folder)}.`);
    throw new ManifestError(`Could not open ${folder}: ${(error as Error).message}`);
  }
}

async function importRow(
  services: Services,
  root: string,
  row: ManifestRow,
  report: ImportReport,
  mappings: Map<string, MappingSummary>,
  options: ImportOptions,
): Promise<RowOutcome> {
  const { line, file } = row;
  const warn = (message: string) => report.warnings.push({ line, ...(file ? { file } : {}), message });
  const fail = (messages: string[]): RowOutcome => {
    const message = messages.join('; ');
    report.errors.push({ line, ...(file ? { file } : {}), message });
    return { line, file, status: 'failed', message };
  };
  row.warnings.forEach(warn);

  const problems: string[] = [];
  if (!row.title) problems.push('title is empty: every row needs a title');
  const located = await locateFile(root, file);
  if ('problem' in located) problems.push(located.problem);
  if ('problem' in located || problems.length) return fail(problems);

  let sha256: string;
  try {
    sha256 = await sha256Of(located.path);
  } catch (error) {
    return fail([`could not read file "${file}": ${(error as Error).message}`]);
  }
  if (row.sha256 && row.sha256.toLowerCase() !== sha256) {
    return fail([`file "${file}" does not match the manifest's sha256 (expected ${row.sha256}, found ${sha256})`]);
  }

  const [existing] = await services.db
    .select({ materialId: materialVersions.materialId })
    .from(materialVersions)
    .where(eq(materialVersions.sha256, sha256))
    .limit(1);
  if (existing) return { line, file, status: 'skipped', existingMaterialId: existing.materialId, sha256 };

  const mapped = mapManifestRow(row);
  mapped.warnings.forEach(warn);
  for (const m of mapped.mappings) {
    const key = JSON.stringify([m.column, m.from, m.to]);
    const summary = mappings.get(key) ?? { ...m, lines: [] };
    summary.lines.push(line);
    mappings.set(key, summary);
  }
  if (mapped.errors.length) return fail(mapped.errors);

  try {
    const actor = { kind: 'system', label: 'Bulk import' } as const;
    const created = await createMaterial(services, {
      actor,
      fields: mapped.fields,
      file: { fileName: file, stream: createReadStream(located.path) },
      // Checked like any upload, then published unless the check holds it back.
      status: 'draft',
    });
    if (created.sha256 !== sha256) warn(`file "${file}" changed while it was being imported: check the stored copy`);
    const check = await checkAndPublishImported(services, actor, created, { publishWithPersonalData: options.publishWithPersonalData });
    if (check.heldBecause) warn(`file "${file}" was imported as a draft, not published: ${check.heldBecause}`);
    return { line, file, status: 'imported', materialId: created.id, sha256: created.sha256, check };
  } catch (error) {
    if (error instanceof ValidationError) {
      return fail(error.fieldErrors.map((f) => `${f.field}: ${f.message}`));
    }
    if (error instanceof AppError && (error.code === 'storage_unavailable' || error.code === 'database_unavailable')) {
      report.stoppedBecause = error.message;
      return fail([error.message]);
    }
    if (error instanceof AppError) return fail([error.message]);
    return fail([`could not import "${file}": ${(error as Error).message}`]);
  }
}

/**
 * The row's file, which must be directly inside the folder: a name, not a path. Symbolic links are
 * followed only when they stay inside the folder.
 */
async function locateFile(root: string, name: string): Promise<{ path: string } | { problem: string }> {
  if (!name) return { problem: 'file is empty: every row needs the name of a file in the folder' };
  if (/[/\\\0]/.test(name) || name === '.' || name === '..' || path.isAbsolute(name)) {
    return { problem: `file "${name}" is not a plain file name: it must name a file in the folder itself, without folders or ".."` };
  }
  let resolved: string;
  try {
    resolved = await realpath(path.join(root, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { problem: `file "${name}" is not in the folder` };
    return { problem: `could not open file "${name}": ${(error as Error).message}` };
  }
  if (path.dirname(resolved) !== root && !resolved.startsWith(root + path.sep)) {
    return { problem: `file "${name}" links to somewhere outside the folder` };
  }
  const info = await stat(resolved);
  if (!info.isFile()) return { problem: `"${name}" is not a file` };
  return { path: resolved };
}

async function sha256Of(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
