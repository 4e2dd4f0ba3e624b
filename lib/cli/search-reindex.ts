import 'server-only';
import { runCommand } from './run-command';
import { ConfigError, config } from '@/lib/config';
import { writeGateway } from '@/lib/search/meilisearch';
import { errorInWords } from '@/lib/search/meilisearch/gateway';
import { reindex, ReindexRunningError } from '@/lib/search/meilisearch/reindex';
import { runtime } from '@/lib/runtime';

/**
 * `npm run search:reindex`: rebuilds the Meilisearch index from the database (lib/search/meilisearch/
 * reindex.ts): a fresh index is filled and then swapped in, so search keeps working throughout.
 * Exits 0 when done, 1 when it failed (the live index is then unchanged), 2 for a usage mistake or
 * when Meilisearch is not configured.
 */

const usage = `Usage: npm run search:reindex

Rebuilds the Meilisearch indexes (MEILI_INDEX, default "materials", and the projects index beside
it, "<MEILI_INDEX>_projects", on MEILI_HOST) from the hub's database: builds a fresh index with the
current settings, loads every published material (or every project) into it, then swaps it with the
live index in one step and deletes the old one. Search keeps answering from
the old index until the swap. Changes made meanwhile are applied by the background worker after.
With the embedded database, stop the server first: only one process may open it.`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return 0;
  }
  if (args.length > 0) {
    console.error(`Unexpected arguments: ${args.join(' ')}\n`);
    console.error(usage);
    return 2;
  }
  let close: (() => Promise<void>) | undefined;
  try {
    const search = config().search;
    if (search.engine !== 'meilisearch') {
      console.error('Meilisearch is not configured (set MEILI_HOST): search runs on the database alone, and there is no index to rebuild.');
      return 2;
    }
    const hub = await runtime('cli');
    close = () => hub.close();
    const started = Date.now();
    const result = await reindex(writeGateway(search), hub.services.db, search.index, { onProgress: (message) => console.log(message) });
    console.log(
      `Done: ${result.documents} published materials are in ${result.index} and ${result.projects} projects in ${result.projectsIndex} (${((Date.now() - started) / 1000).toFixed(1)} s).`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ReindexRunningError) console.error(error.message);
    else console.error(`Reindex failed, the live index is unchanged: ${errorInWords(error)}`);
    return 1;
  } finally {
    if (close) await close().catch(() => undefined);
  }
}

runCommand(main, 'Reindex failed unexpectedly');
