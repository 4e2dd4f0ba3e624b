import 'server-only';
import { runCommand } from './run-command';
import { ConfigError } from '@/lib/config';
import { addMissingPreviews, queueAllPendingPreviews, retryFailedPreviews } from '@/lib/material-previews/pending-previews';
import { runtime } from '@/lib/runtime';

/**
 * `npm run previews:make [-- --retry-failed]`: gives every file version without a preview a pending
 * one and queues every pending preview for the worker (lib/material-previews). The worker does the
 * first part by itself at start-up after an upgrade; this is for doing it on demand, and for making
 * failed previews again. Exits 0 when queued, 1 when it could not, 2 for a usage mistake.
 */

const usage = `Usage: npm run previews:make [-- --retry-failed]

Queues the making of a preview for every file version that has none (files shared before the hub
made previews, or restored from a backup, which leaves previews out), and for every preview still
waiting. The background worker makes them (npm run worker, or the web server on the embedded
defaults), one job per file.
--retry-failed   also makes again the previews that failed (say, after the hub was upgraded)
With the embedded database, stop the server first: only one process may open it; the server's
worker then makes the previews when it starts.`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return 0;
  }
  const unexpected = args.filter((arg) => arg !== '--retry-failed');
  if (unexpected.length > 0) {
    console.error(`Unexpected arguments: ${unexpected.join(' ')}\n\n${usage}`);
    return 2;
  }
  let close: (() => Promise<void>) | undefined;
  try {
    const hub = await runtime('cli');
    close = () => hub.close();
    const jobs = hub.services.jobs;
    if (!jobs) throw new Error('the job queue is not open');
    const retried = args.includes('--retry-failed') ? await retryFailedPreviews(hub.services) : 0;
    const added = await addMissingPreviews(hub.services);
    const queued = await queueAllPendingPreviews(hub.services, (ids) => jobs.makePreview(ids));
    if (retried > 0) console.log(`${retried} failed previews will be made again.`);
    console.log(`${added} file versions had no preview. ${queued} previews are queued for the worker.`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(`Could not queue the previews: ${(error as Error).message}`);
    return 1;
  } finally {
    if (close) await close().catch(() => undefined);
  }
}

runCommand(main, 'Queueing previews failed unexpectedly');
