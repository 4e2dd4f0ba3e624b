import 'server-only';
import type { Database } from '@/lib/db/client';
import { waitForTasks, type MeiliGateway } from './gateway';
import type { Settings } from 'meilisearch';
import { projectsIndexUid } from './project-index';
import { applyIndexSettings, materialIndexSettings, projectIndexSettings } from './settings';
import { loadAllProjects, loadAllPublished, reindexMarker, reindexStaleAfterMs } from './sync';

/**
 * Rebuilds the index from the database without a moment of empty or half-filled search:
 *   1. create `<index>_new_<timestamp>` and apply the settings to it;
 *   2. load every published material into it, batch by batch;
 *   3. swap it with the live index (one atomic Meilisearch task; the live index is created empty
 *      first if there is none), then delete the old contents, now under the fresh name.
 * While the fresh index exists, outbox drains pause (sync.ts), so nothing written to the old index is
 * lost; the rows written meanwhile stay in the outbox and are drained into the new live index after.
 * If anything fails the fresh index is deleted and the live one is untouched. The projects index
 * (project-index.ts) is rebuilt the same way, right after the materials index.
 */

export interface ReindexResult {
  index: string;
  /** Published materials loaded. */
  documents: number;
  /** The projects index rebuilt after the materials index, and how many projects it holds. */
  projectsIndex: string;
  projects: number;
  /** Left-over fresh indexes of crashed runs that were deleted first. */
  removedLeftovers: string[];
}

export class ReindexRunningError extends Error {
  constructor(readonly other: string) {
    super(
      `Another reindex seems to be running: index ${other} changed less than ${reindexStaleAfterMs / 60_000} minutes ago. ` +
        'Wait for it to finish (or, if it crashed, for that time to pass) and run this again.',
    );
    this.name = 'ReindexRunningError';
  }
}

export async function reindex(
  gateway: MeiliGateway,
  db: Database,
  indexUid: string,
  options: { now?: Date; onProgress?: (message: string) => void } = {},
): Promise<ReindexResult> {
  const materials = await rebuild(gateway, indexUid, options, {
    settings: materialIndexSettings(),
    load: (fresh, say) => loadAllPublished(gateway, db, fresh, (loaded) => say(`${loaded} materials loaded.`)),
  });
  // The projects index beside it (project-index.ts), the same way.
  const projects = await rebuild(gateway, projectsIndexUid(indexUid), options, {
    settings: projectIndexSettings(),
    load: (fresh, say) => loadAllProjects(gateway, db, fresh, (loaded) => say(`${loaded} projects loaded.`)),
  });
  return {
    index: indexUid,
    documents: materials.documents,
    projectsIndex: projects.index,
    projects: projects.documents,
    removedLeftovers: [...materials.removedLeftovers, ...projects.removedLeftovers],
  };
}

async function rebuild(
  gateway: MeiliGateway,
  indexUid: string,
  options: { now?: Date; onProgress?: (message: string) => void },
  what: { settings: Settings; load: (fresh: string, say: (message: string) => void) => Promise<number> },
): Promise<{ index: string; documents: number; removedLeftovers: string[] }> {
  const now = options.now ?? new Date();
  const say = options.onProgress ?? (() => {});

  const removedLeftovers: string[] = [];
  for (const index of await gateway.listIndexes()) {
    if (!index.uid.startsWith(`${indexUid}${reindexMarker}`)) continue;
    if (now.getTime() - Date.parse(index.updatedAt) < reindexStaleAfterMs) throw new ReindexRunningError(index.uid);
    await waitForTasks(gateway, [await gateway.deleteIndex(index.uid)], `Deleting the left-over index ${index.uid}`);
    removedLeftovers.push(index.uid);
    say(`Deleted ${index.uid}, left over from an earlier reindex that did not finish.`);
  }

  const fresh = `${indexUid}${reindexMarker}${timestamp(now)}`;
  say(`Building ${fresh}.`);
  await waitForTasks(gateway, [await gateway.createIndex(fresh)], `Creating the index ${fresh}`);
  try {
    await applyIndexSettings(gateway, fresh, what.settings);
    const documents = await what.load(fresh, say);

    if (!(await gateway.getIndex(indexUid))) {
      await waitForTasks(gateway, [await gateway.createIndex(indexUid)], `Creating the index ${indexUid}`);
    }
    await waitForTasks(gateway, [await gateway.swapIndexes(indexUid, fresh)], `Swapping ${fresh} with ${indexUid}`);
    say(`${indexUid} now serves the new index.`);
    // After the swap the fresh name holds the old contents.
    await waitForTasks(gateway, [await gateway.deleteIndex(fresh)], `Deleting the old index (now named ${fresh})`);
    return { index: indexUid, documents, removedLeftovers };
  } catch (error) {
    await gateway
      .deleteIndex(fresh)
      .then((task) => waitForTasks(gateway, [task], `Deleting ${fresh}`))
      .catch((cleanup: unknown) => say(`Could not delete ${fresh}: ${(cleanup as Error).message}. Delete it by hand.`));
    throw error;
  }
}

/** 20260501T093012123 (UTC, to the millisecond): index uids allow letters, digits, - and _. */
function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:.Z]/g, '');
}
