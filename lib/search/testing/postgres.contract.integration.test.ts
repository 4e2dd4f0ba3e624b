import { PostgresSearchEngine } from '@/lib/search/postgres-search-engine';
import { testDrivers } from '@/lib/testing/databases';
import { describeSearchEngineContract } from './search-engine-contract';

// The built-in engine on both drivers. Nothing to settle: the search-vector trigger folds each change
// (and each file's extracted text) into materials.search_vector in the same transaction.
for (const driver of testDrivers) {
  describeSearchEngineContract(`Postgres on ${driver}`, driver, async (hub) => ({
    engine: new PostgresSearchEngine(hub.services.db),
    settle: async () => {},
  }));
}
