import 'server-only';
import { runCommand } from './run-command';
import { ConfigError } from '@/lib/config';
import { sendDigests } from '@/lib/following/send-digests';
import { runtime } from '@/lib/runtime';
import { parseSendDigestsArguments } from './send-digests-arguments';

/**
 * `npm run digests:send`: sends the email digests due now, as the worker does every hour
 * (lib/following/send-digests.ts). Safe to run at any time, and alongside the worker: a digest already
 * claimed or sent for its period is never sent again. Exits 0 when done, 1 when some could not be
 * sent (they are tried again by the next run), 2 for a usage mistake. `--now <time>` runs it as of
 * another moment (send-digests-arguments.ts): for browser tests that need tomorrow's digest today,
 * and for an operator catching up after the worker was down.
 */

const usage = `Usage: npm run digests:send [-- --now <time>]

Sends the daily and weekly digests that are due (from 7am UK time; weekly ones on Mondays) to the
people who follow councils, service areas, searches or projects, and any an earlier run could not send.
Running it again sends nothing twice.

  --now <time>  Send as if it were that moment, an ISO 8601 date and time with its offset from UTC,
                such as 2026-12-04T09:00Z: the digests due then, covering what is new up to then.
                Each person's next digest starts from that moment, so a time in the future holds
                back their next digests from the hourly job until then.

With the embedded database, stop the server first: only one process may open it; the server's
worker sends digests itself every hour.`;

async function main(): Promise<number> {
  const args = parseSendDigestsArguments(process.argv.slice(2));
  if ('error' in args) {
    console.error(`${args.error}\n\n${usage}`);
    return 2;
  }
  if (args.help) {
    console.log(usage);
    return 0;
  }
  let close: (() => Promise<void>) | undefined;
  try {
    const hub = await runtime('cli');
    close = () => hub.close();
    if (!hub.services.mail) console.warn('No email is configured: digests due are marked done without being sent.');
    const result = await sendDigests(hub.services, args.now ? { now: args.now } : {});
    console.log(`${result.claimed} digests due${args.now ? ` as of ${args.now.toISOString()}` : ''}: ${result.sent} sent, ${result.empty} with nothing new (no email), ${result.failed} could not be sent.`);
    return result.failed > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(`Could not send the digests: ${(error as Error).message}`);
    return 1;
  } finally {
    if (close) await close().catch(() => undefined);
  }
}

runCommand(main, 'Sending digests failed unexpectedly');
