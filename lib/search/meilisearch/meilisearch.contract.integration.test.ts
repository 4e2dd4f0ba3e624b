// The search engine contract (lib/search/testing/) run against a real Meilisearch server, when one
// is given: MEILI_HOST (and MEILI_API_KEY if it needs one). Without it the suite is reported as
// skipped (no Meilisearch server can run on the build machines), so nobody mistakes it for a pass.
// Each run uses an index of its own (and a projects index beside it), deleted after.
import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { describeSearchEngineContract } from '../testing/search-engine-contract';
import { waitForTasks } from './gateway';
import { searchGateway, writeGateway } from './index';
import { MeilisearchSearchEngine } from './meilisearch-engine';
import { projectsIndexUid } from './project-index';
import { SearchSync } from './sync';

const host = process.env.MEILI_HOST;
const apiKey = process.env.MEILI_API_KEY || undefined;

describe.skipIf(!host)('Meilisearch (set MEILI_HOST to run this contract against a server)', () => {
  describeSearchEngineContract('meilisearch', 'pg', async (hub) => {
    const index = `contract_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const connection = { engine: 'meilisearch' as const, host: host!, apiKey, index };
    const writes = writeGateway(connection);
    const sync = new SearchSync(writes, hub.services.db, index);
    await sync.drain(); // creates the index with its settings
    return {
      engine: new MeilisearchSearchEngine(searchGateway(connection), hub.services.db, index),
      // Meilisearch does not stem: it matches the start of the last word typed, and forgives typos.
      wordForms: 'prefixes',
      async settle() {
        // Each drain waits for its Meilisearch tasks and checks they succeeded.
        for (let round = 0; round < 20; round++) {
          const result = await sync.drain();
          if (result.remaining === 0 && !result.paused) return;
        }
        throw new Error('The search outbox did not empty after 20 drains');
      },
      async close() {
        await waitForTasks(writes, [await writes.deleteIndex(index)], `Deleting the contract index ${index}`);
        const projects = projectsIndexUid(index);
        await waitForTasks(writes, [await writes.deleteIndex(projects)], `Deleting the contract index ${projects}`);
      },
    };
  });
});
