import 'server-only';
import { config } from '@/lib/config';
import { openDatabase, type DatabaseHandle } from '@/lib/db/client';
import { sweepPendingUploads } from '@/lib/materials/sweep-pending-uploads';
import { seedStarterKit } from '@/lib/seed/seed-starter-kit';
import type { Services } from '@/lib/services';
import { createBlobStore } from '@/lib/storage';
import { syncVocabularies } from '@/lib/taxonomy/sync-vocabularies';

/**
 * The running hub's services, opened once per process: the database (migrated, vocabularies loaded,
 * starter kit seeded) and file storage. Kept on globalThis so that Next.js's development reloads
 * reuse the one PGlite instance instead of opening a second on the same directory.
 */
interface Runtime {
  services: Services;
  database: DatabaseHandle;
}

const globalForRuntime = globalThis as unknown as { discoveryCommonsRuntime?: Promise<Runtime> };

export function runtime(): Promise<Runtime> {
  globalForRuntime.discoveryCommonsRuntime ??= start().catch((error: unknown) => {
    // Let the next request try again (say, Postgres was still starting).
    globalForRuntime.discoveryCommonsRuntime = undefined;
    throw error;
  });
  return globalForRuntime.discoveryCommonsRuntime;
}

/** The services domain functions need. */
export async function services(): Promise<Services> {
  return (await runtime()).services;
}

async function start(): Promise<Runtime> {
  const settings = config();
  const database = await openDatabase(settings.database);
  await database.migrate();
  await syncVocabularies(database.db);
  const services: Services = {
    db: database.db,
    storage: createBlobStore(settings.storage),
    maxUploadBytes: settings.maxUploadBytes,
  };
  if (settings.seedStarterKit) await seedStarterKit(services);
  void sweepPendingUploads(services).catch((error: unknown) =>
    console.error('[start] could not sweep unfinished uploads:', (error as Error).message),
  );
  console.log(`[start] Discovery Commons ready: database ${database.driver}, files ${services.storage.driver}.`);
  return { services, database };
}
