import { logToStandardError } from '@/lib/logging';
import { loadEnvFiles } from './load-env-files';

/**
 * Runs a command's `main` and exits with the status it returns. An error `main` did not expect is
 * printed after `failure` (a plain sentence such as "Import failed unexpectedly") and exits 1.
 * `process.exitCode` rather than `process.exit()`, so output still being written is not cut short.
 *
 * The hub's log lines (lib/logging) go to standard error: standard output is the command's report,
 * plain sentences for the person at the terminal, which is why commands print with console.log.
 */
export function runCommand(main: () => Promise<number>, failure: string): void {
  logToStandardError();
  loadEnvFiles();
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`${failure}:`, error);
      process.exitCode = 1;
    },
  );
}
