import 'server-only';
import { ConfigError } from '@/lib/config';
import { runtime, type Runtime } from '@/lib/runtime';
import { loadEnvFiles } from './load-env-files';
import { logger } from '@/lib/logging';

/**
 * `npm run worker`: a background worker process (text extraction, keeping Meilisearch in line).
 * Run as many as needed beside the web servers when the hub uses Postgres (DATABASE_URL); jobs wait
 * in the database, so workers may stop and start at any time. Stops cleanly on SIGTERM or Ctrl-C,
 * finishing the jobs in hand.
 */
async function main(): Promise<void> {
  loadEnvFiles();
  let hub: Runtime;
  try {
    hub = await runtime('worker');
  } catch (error) {
    // A settings problem is for the person starting the worker, in plain words (it names settings, never values).
    if (error instanceof ConfigError) console.error(error.message);
    else logger('worker').fatal({ err: error }, 'the worker could not start');
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger('worker').info({ signal }, 'finishing the jobs in hand, then stopping');
    await hub.close().catch((error: unknown) => logger('worker').error({ err: error }, 'stopping failed'));
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

void main();
