import 'server-only';
import { runCommand } from './run-command';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { importFolder, ManifestError, type ImportIssue, type ImportReport, type RowOutcome } from '@/lib/import/import-folder';
import { manifestFileName } from '@/lib/import/manifest';
import { runtime } from '@/lib/runtime';

/**
 * `npm run import -- <folder> [--verbose]`: bulk-loads a folder described by its manifest.csv into the
 * configured database and storage (see lib/import/README.md). Prints a plain report; exits 1 when a row
 * failed or the import could not run, 2 for a usage mistake.
 */

const usage = `Usage: npm run import -- <folder> [--verbose] [--publish-with-personal-data]

Imports every file listed in <folder>/${manifestFileName} into the hub (the database and file storage
configured by DATABASE_URL / S3_* / DATA_DIR, or the embedded ones in .data/).
The folder is relative to ${process.cwd()}.
Files already in the hub (same SHA-256) are skipped, so running it twice changes nothing.
Each file is checked as an upload is (personal data, hidden content, format); a file whose check
finds likely personal data stays a draft for its council unless --publish-with-personal-data is given.
--verbose also lists every artefact type, topic and phase the synonym tables mapped.
Manifest columns: see lib/import/README.md.`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose') || args.includes('-v');
  const positional = args.filter((a) => !a.startsWith('-'));
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return 0;
  }
  const publishWithPersonalData = args.includes('--publish-with-personal-data');
  const unknownFlags = args.filter((a) => a.startsWith('-') && !['--verbose', '-v', '--publish-with-personal-data'].includes(a));
  if (positional.length !== 1 || unknownFlags.length) {
    console.error(positional.length === 0 ? 'Give the folder to import.\n' : `Unexpected arguments: ${args.join(' ')}\n`);
    console.error(usage);
    return 2;
  }
  const folder = path.resolve(positional[0]!);
  if (!existsSync(path.join(folder, manifestFileName))) {
    console.error(
      existsSync(folder) ? `There is no ${manifestFileName} in ${folder}.\n` : `There is no folder at ${folder}.\n`,
    );
    console.error(usage);
    return 2;
  }

  let hubRuntime: Awaited<ReturnType<typeof runtime>> | undefined;
  try {
    const hub = await runtime('cli').catch((error: unknown) => {
      throw new OpenError(error);
    });
    hubRuntime = hub;
    console.log(`Importing ${folder} (database: ${hub.database.driver}, files: ${hub.services.storage.driver})`);
    const report = await importFolder(hub.services, folder, { onRow: printProgress, publishWithPersonalData });
    printReport(report, verbose);
    return report.failed > 0 || report.stoppedBecause ? 1 : 0;
  } catch (error) {
    printError(error);
    return 1;
  } finally {
    if (hubRuntime) await hubRuntime.close().catch((error: unknown) => console.error(`Closing the database failed: ${(error as Error).message}`));
  }
}

/** The database or storage could not be opened (locked, unreachable, misconfigured). */
class OpenError extends Error {
  constructor(readonly original: unknown) {
    super((original as Error)?.message ?? String(original));
  }
}

function printError(error: unknown) {
  if (error instanceof OpenError) {
    const original = error.original;
    if (original instanceof ConfigError) {
      console.error(original.message);
    } else if (/embedded database .* is (in use|already open)/.test(error.message)) {
      // The lock's message names the process and says to stop it (or use Postgres).
      console.error(`Import not started: ${error.message}`);
    } else {
      console.error(`Import not started: could not open the hub's database or storage: ${error.message}`);
    }
    return;
  }
  if (error instanceof ManifestError || error instanceof AppError) {
    console.error(`Import not started: ${error.message}`);
    return;
  }
  console.error('Import failed unexpectedly:', error);
}

function printProgress(outcome: RowOutcome) {
  const where = `line ${String(outcome.line).padStart(3)}`;
  if (outcome.status === 'imported') {
    const { check } = outcome;
    const found = check.likely || check.possible ? ` (check: ${check.likely} likely, ${check.possible} possible findings)` : check.status === 'checked' ? '' : ` (check: ${check.status})`;
    console.log(`${where}  ${check.published ? 'imported' : 'DRAFT   '}  ${outcome.file}${found}${check.heldBecause ? `: not published, ${check.heldBecause}` : ''}`);
  }
  else if (outcome.status === 'skipped') console.log(`${where}  skipped   ${outcome.file} (already in the hub)`);
  else console.log(`${where}  FAILED    ${outcome.file || '(no file)'}: ${outcome.message}`);
}

/** "2, 5–9, 12" */
function lineList(lines: number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!;
    let end = start;
    while (sorted[i + 1] === end + 1) end = sorted[++i]!;
    ranges.push(end > start ? `${start}–${end}` : `${start}`);
  }
  return `${sorted.length === 1 ? 'line' : 'lines'} ${ranges.join(', ')}`;
}

/** Identical messages on many rows are printed once, with their lines. */
function grouped(issues: ImportIssue[]): string[] {
  const byMessage = new Map<string, number[]>();
  for (const issue of issues) byMessage.set(issue.message, [...(byMessage.get(issue.message) ?? []), issue.line]);
  return [...byMessage].map(([message, lines]) => `  ${lineList(lines)}: ${message}`);
}

function printReport(report: ImportReport, verbose: boolean) {
  const licences = report.mappings.filter((m) => m.column === 'licence');
  const others = report.mappings.filter((m) => m.column !== 'licence' && m.via === 'synonym');
  if (licences.length) {
    console.log('\nLicences as published → as recorded:');
    for (const m of licences) console.log(`  ${m.from ? `"${m.from}"` : '(none given)'} → ${m.to} (${lineList(m.lines)})`);
  }
  if (others.length) {
    if (verbose) {
      console.log('\nMapped by the synonym tables (lib/import/map-vocabulary.ts):');
      for (const m of others) console.log(`  ${m.column} "${m.from}" → ${m.to} (${lineList(m.lines)})`);
    } else {
      const n = others.length;
      console.log(`\n${n} distinct phase, artefact type or topic value${n === 1 ? ' was' : 's were'} mapped by the synonym tables (--verbose lists them).`);
    }
  }
  if (report.warnings.length) {
    console.log(`\nWarnings (${report.warnings.length}):`);
    grouped(report.warnings).forEach((l) => console.log(l));
  }
  if (report.errors.length) {
    console.log(`\nRows not imported (${report.errors.length}):`);
    for (const e of report.errors) console.log(`  line ${e.line}${e.file ? ` (${e.file})` : ''}: ${e.message}`);
  }
  if (report.stoppedBecause) console.log(`\nImport stopped early: ${report.stoppedBecause}`);
  console.log(
    `\n${report.rows} rows in ${report.manifest}: ${report.imported} imported, ` +
      `${report.skipped} skipped (already in the hub), ${report.failed} failed` +
      (report.stoppedBecause ? `, ${report.rows - report.outcomes.length} not tried` : '') +
      '.',
  );
}

runCommand(main, 'Import failed unexpectedly');
