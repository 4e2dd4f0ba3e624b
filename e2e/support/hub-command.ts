import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { productionEnv } from './server-env';

const run = promisify(execFile);

/**
 * Runs one of the hub's npm scripts against the browser tests' hub (its database, storage and SMTP
 * sink: e2e/support/server-env.ts), as an operator would beside the running server, and returns what
 * it printed. Fails with its output if it exits with an error.
 */
export async function runHubCommand(script: string, args: string[] = []): Promise<string> {
  try {
    const { stdout } = await run('npm', ['run', '--silent', script, '--', ...args], { env: { ...process.env, ...productionEnv }, timeout: 60_000 });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run ${script} ${args.join(' ')} failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

/** The next Monday after today (UTC) at 09:00 UTC: a moment when weekly digests, the default, are due. */
export function nextMondayMorning(now = new Date()): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 9));
  do day.setUTCDate(day.getUTCDate() + 1);
  while (day.getUTCDay() !== 1);
  return day;
}
