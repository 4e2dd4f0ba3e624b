import 'server-only';
import { runCommand } from './run-command';
import { ConfigError } from '@/lib/config';
import { sendDigests } from '@/lib/following/send-digests';
import { runtime } from '@/lib/runtime';

/**
 * `npm run digests:send`: sends the email digests due now, as the worker does every hour
 * (lib/following/send-digests.ts). Safe to run at any time, and alongside the worker: a digest already
 * claimed or sent for its period is never sent again. Exits 0 when done, 1 when some could not be
 * sent (they are tried again by the next run), 2 for a usage mistake.
 */

const usage = `Usage: npm run digests:send

Sends the daily and weekly digests that are due (from 7am UK time; weekly ones on Mondays) to the
people who follow councils, service areas or searches, and any an earlier run could not send.
Running it again sends nothing twice.
With the embedded database, stop the server first: only one process may open it; the server's
worker sends digests itself every hour.`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return 0;
  }
  if (args.length > 0) {
    console.error(`Unexpected arguments: ${args.join(' ')}\n\n${usage}`);
    return 2;
  }
  let close: (() => Promise<void>) | undefined;
  try {
    const hub = await runtime('cli');
    close = () => hub.close();
    if (!hub.services.mail) console.warn('No email is configured: digests due are marked done without being sent.');
    const result = await sendDigests(hub.services);
    console.log(`${result.claimed} digests due: ${result.sent} sent, ${result.empty} with nothing new (no email), ${result.failed} could not be sent.`);
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
