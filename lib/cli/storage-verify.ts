import 'server-only';
import { runCommand } from './run-command';
import { ConfigError } from '@/lib/config';
import { defaultGraceHours, verifyStorage, type StorageReport } from '@/lib/operations/verify-storage';
import { runtime } from '@/lib/runtime';

/**
 * `npm run storage:verify [-- --repair] [--grace-hours N]`: checks every file version against storage
 * (lib/operations/verify-storage.ts). Exits 0 when every version is stored whole, 1 when one is
 * missing or damaged (or the check could not run), 2 for a usage mistake.
 */

const usage = `Usage: npm run storage:verify [-- --repair] [--grace-hours N]

Reads every stored file the database records (each material version) and checks it is there, with
the size and SHA-256 recorded when it was shared. Then lists stored objects that nothing refers to.
--repair          also deletes those unreferenced objects, if older than the grace period
--grace-hours N   the grace period (default ${defaultGraceHours}): younger objects may belong to an
                  upload or a deletion still in progress
Missing or damaged files are never changed: restore them from a backup.
With the embedded database, stop the server first: only one process may open it.`;

function parseArguments(args: string[]): { repair: boolean; graceHours: number } | string {
  let repair = false;
  let graceHours = defaultGraceHours;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--repair') repair = true;
    else if (arg === '--grace-hours') {
      const value = Number(args[++i]);
      if (!Number.isFinite(value) || value < 0) return '--grace-hours needs a number of hours, 0 or more';
      graceHours = value;
    } else return `Unexpected argument: ${arg}`;
  }
  return { repair, graceHours };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return 0;
  }
  const parsed = parseArguments(args);
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n\n${usage}`);
    return 2;
  }
  let close: (() => Promise<void>) | undefined;
  try {
    const hub = await runtime('cli');
    close = () => hub.close();
    const report = await verifyStorage(hub.services.db, hub.services.storage, {
      repair: parsed.repair,
      graceMs: parsed.graceHours * 3_600_000,
      onProgress: (checked) => {
        if (checked % 1000 === 0) console.log(`… ${checked} versions checked`);
      },
    });
    for (const line of describeReport(report, parsed)) console.log(line);
    return report.problems.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(`Storage check failed: ${(error as Error).message}`);
    return 1;
  } finally {
    if (close) await close().catch(() => undefined);
  }
}

function describeReport(report: StorageReport, options: { repair: boolean; graceHours: number }): string[] {
  const lines = [`Checked ${report.versionsChecked} file versions and ${report.alternativesChecked} alternative formats (${(report.bytesRead / 1_048_576).toFixed(1)} MB read).`];
  if (report.problems.length === 0) lines.push('Every version is stored, with the size and SHA-256 recorded.');
  for (const problem of report.problems) {
    lines.push(`  ${problem.problem}: version ${problem.versionId}${problem.alternative ? ` as ${problem.alternative.toUpperCase()}` : ''} (${problem.storageKey})${problem.detail ? `: ${problem.detail}` : ''}`);
  }
  if (report.orphans.length === 0) lines.push('No stored object is left without a version.');
  else {
    lines.push(`${report.orphans.length} stored objects belong to no version:`);
    for (const orphan of report.orphans) {
      const removed = report.removed.includes(orphan.key) ? ' (removed)' : '';
      lines.push(`  ${orphan.key}, ${orphan.sizeBytes} bytes, written ${orphan.modifiedAt.toISOString()}${removed}`);
    }
    if (!options.repair) lines.push(`Run again with --repair to delete those older than ${options.graceHours} hours.`);
  }
  return lines;
}

runCommand(main, 'Storage check failed unexpectedly');
