import 'server-only';
import { config } from '@/lib/config';
import { openDatabase, type DatabaseHandle } from '@/lib/db/client';
import { openJobQueue, type OpenedQueue } from '@/lib/jobs/queue';
import { startWorker, type RunningWorker } from '@/lib/jobs/worker';
import { createMailer } from '@/lib/mail/mailer';
import { sweepPendingUploads } from '@/lib/materials/sweep-pending-uploads';
import { createMeilisearchEngine, createSearchSync } from '@/lib/search/meilisearch';
import { seedStarterKit } from '@/lib/seed/seed-starter-kit';
import { seedStarterKits } from '@/lib/seed/seed-starter-kits';
import { addStarterKitAlternatives } from '@/lib/seed/add-starter-kit-alternatives';
import type { Services } from '@/lib/services';
import { createBlobStore } from '@/lib/storage';
import { syncVocabularies } from '@/lib/taxonomy/sync-vocabularies';
import { logger } from '@/lib/logging';

/**
 * The running hub's services, opened once per process: the database (migrated, vocabularies loaded,
 * starter kit seeded), file storage and the job queue, and, where this process runs it, the
 * background worker. Kept on globalThis so that Next.js's development reloads reuse the one PGlite
 * instance instead of opening a second on the same directory.
 *
 * Roles: 'web' (the Next.js server; runs the worker too when RUN_WORKER_IN_WEB says so, the default
 * on the embedded database), 'worker' (`npm run worker`), 'cli' (import, admin commands: they queue
 * jobs but never run them), 'operations' (backup and restore: the database migrated and the
 * vocabularies loaded, but no starter kit seeded, since a restore needs an empty hub, and no job queue).
 */
export type RuntimeRole = 'web' | 'worker' | 'cli' | 'operations';

export interface Runtime {
  services: Services;
  database: DatabaseHandle;
  /** Stops the worker and the queue, then closes the database. */
  close(): Promise<void>;
}

const globalForRuntime = globalThis as unknown as { discoveryCommonsRuntime?: Promise<Runtime> };

/** The process's runtime; the first call decides its role. */
export function runtime(role: RuntimeRole = 'web'): Promise<Runtime> {
  globalForRuntime.discoveryCommonsRuntime ??= start(role).catch((error: unknown) => {
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

async function start(role: RuntimeRole): Promise<Runtime> {
  const settings = config();
  const database = await openDatabase(settings.database);
  await database.migrate();
  await syncVocabularies(database.db);
  const services: Services = {
    db: database.db,
    storage: createBlobStore(settings.storage),
    maxUploadBytes: settings.maxUploadBytes,
    // Meilisearch when MEILI_HOST is set; otherwise undefined, and the built-in Postgres engine answers.
    search: createMeilisearchEngine(settings.search, database.db),
    mail: createMailer(settings.auth),
  };
  if (settings.seedStarterKit && (role === 'web' || role === 'cli')) {
    await seedStarterKit(services);
    await seedStarterKits(services);
    // Each template's Word and OpenDocument versions: new templates, and once for a hub seeded before.
    await addStarterKitAlternatives(services);
  }
  if (role === 'operations') {
    logger('start').info({ role, database: database.driver, files: services.storage.driver }, 'Discovery Commons operations ready');
    return { services, database, close: () => database.close() };
  }
  if (role === 'web') {
    void sweepPendingUploads(services).catch((error: unknown) =>
      logger('start').error({ err: error }, 'could not sweep unfinished uploads'),
    );
  }

  const runsWorker = role === 'worker' || (role === 'web' && settings.jobs.runInWeb);
  let queue: OpenedQueue | undefined;
  let worker: RunningWorker | undefined;
  try {
    queue = await openJobQueue(database, { maintain: runsWorker });
    services.jobs = queue.jobs;
    if (runsWorker) {
      worker = await startWorker(services, queue, {
        concurrency: settings.jobs.concurrency,
        searchSync: createSearchSync(settings.search, database.db),
        previewSlidesWithLibreOffice: settings.jobs.previewSlidesWithLibreOffice,
      });
    }
  } catch (error) {
    await queue?.stop().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }

  const workerNote = runsWorker
    ? 'background worker in this process'
    : role === 'cli'
      ? 'background work queued for the worker'
      : 'background work left to `npm run worker`';
  // "… worker ready": the browser tests (playwright.config.ts) wait for those words from `npm run worker`.
  logger('start').info(
    { role, database: database.driver, files: services.storage.driver, search: settings.search.engine, worker: workerNote },
    `Discovery Commons ${role} ready`,
  );
  return {
    services,
    database,
    async close() {
      await worker?.stop();
      await queue?.stop();
      await database.close();
    },
  };
}
