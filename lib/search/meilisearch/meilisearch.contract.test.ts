// The search engine contract (lib/search/testing/) run against a real Meilisearch server, when one
// is given: MEILI_HOST (and MEILI_API_KEY if it needs one). Without it the suite is skipped: no
// Meilisearch server can run on the build machines. Each run uses an index of its own, deleted after.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { describeSearchEngineContract } from '../testing/search-engine-contract';
import { waitForTasks } from './gateway';
import { createMeilisearchEngine, searchGateway, writeGateway } from './index';
import { MeilisearchSearchEngine } from './meilisearch-engine';
import { SearchSync } from './sync';

const host = process.env.MEILI_HOST;
const apiKey = process.env.MEILI_API_KEY || undefined;

if (host) {
  describeSearchEngineContract('meilisearch', 'pg', async (hub) => {
    const index = `contract_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const connection = { engine: 'meilisearch' as const, host, apiKey, index };
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
      },
    };
  });
} else {
  // No Meilisearch server can run on the build machines: the contract runs against one only when
  // MEILI_HOST names it. Without it, the hub searches with Postgres, which this file checks instead.
  describe('search engine contract: meilisearch (runs when MEILI_HOST is set)', () => {
    it('is not run here: without MEILI_HOST the hub searches with Postgres', () => {
      expect(parseConfig({ NODE_ENV: 'test' }).search).toEqual({ engine: 'postgres' });
      expect(createMeilisearchEngine(parseConfig({ NODE_ENV: 'test' }).search, undefined as never)).toBeUndefined();
    });
  });
}
