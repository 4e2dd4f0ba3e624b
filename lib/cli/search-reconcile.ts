import 'server-only';
import { runCommand } from './run-command';
import { ConfigError, config } from '@/lib/config';
import { writeGateway } from '@/lib/search/meilisearch';
import { errorInWords } from '@/lib/search/meilisearch/gateway';
import { describeDrift, hasDrift, reconcile } from '@/lib/search/meilisearch/reconcile';
import { runtime } from '@/lib/runtime';

/**
 * `npm run search:reconcile [-- --repair]`: compares the Meilisearch index with the database and
 * reports what differs (lib/search/meilisearch/reconcile.ts); with --repair, fixes it. Exits 0 when
 * they match (or were repaired), 1 when they differ and --repair was not given, or when it could not
 * run, 2 for a usage mistake or when Meilisearch is not configured.
 */

const usage = `Usage: npm run search:reconcile [-- --repair]

Compares the Meilisearch indexes (MEILI_INDEX on MEILI_HOST, and the projects index beside it,
"<MEILI_INDEX>_projects") with the hub's database, which is the source of truth, and reports
published materials and projects missing from them, documents that are out of date, and documents of
materials that are withdrawn or deleted and of projects that are deleted.
--repair  also fixes them: adds the missing, replaces the out-of-date and deletes the extra.
With the embedded database, stop the server first: only one process may open it.`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return 0;
  }
  const unknown = args.filter((arg) => arg !== '--repair');
  if (unknown.length > 0) {
    console.error(`Unexpected arguments: ${unknown.join(' ')}\n`);
    console.error(usage);
    return 2;
  }
  const repair = args.includes('--repair');
  let close: (() => Promise<void>) | undefined;
  try {
    const search = config().search;
    if (search.engine !== 'meilisearch') {
      console.error('Meilisearch is not configured (set MEILI_HOST): search runs on the database alone, and there is no index to compare.');
      return 2;
    }
    const hub = await runtime('cli');
    close = () => hub.close();
    const options = { repair };
    const result = await reconcile(writeGateway(search), hub.services.db, search.index, options);
    for (const line of describeDrift(result, search.index)) console.log(line);
    for (const line of describeDrift(result.projects, result.projects.index, 'projects')) console.log(line);
    if (!hasDrift(result) && !hasDrift(result.projects)) return 0;
    if (options.repair) {
      console.log('Repaired: the index now matches the database.');
      return 0;
    }
    console.log('Nothing was changed. Run again with --repair to fix the index.');
    return 1;
  } catch (error) {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(`Reconcile failed: ${errorInWords(error)}`);
    return 1;
  } finally {
    if (close) await close().catch(() => undefined);
  }
}

runCommand(main, 'Reconcile failed unexpectedly');
