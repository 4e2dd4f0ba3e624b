import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';
import { batchesOf, loadMaterialDocuments, publishedDocuments } from './documents';
import { waitForTasks, type MeiliGateway, type TaskRef } from './gateway';
import { allProjectDocuments, loadProjectDocuments } from './project-documents';
import { projectsIndexUid } from './project-index';
import { applyIndexSettings, projectIndexSettings } from './settings';

/**
 * Keeps the Meilisearch indexes (materials, and projects beside it: project-index.ts) in step with
 * Postgres through the `search_outbox` table, which database triggers fill in the same transaction as
 * every change to a material, a project or its partner councils (or their council's name). Each row
 * names a material or a project.
 *
 * One drain, batch by batch, oldest first:
 *   1. read a batch of outbox rows;
 *   2. load those materials and projects from the database as they are now;
 *   3. add or replace the published materials and every project still there; delete the rest
 *      (withdrawn, or gone altogether);
 *   4. wait for the Meilisearch tasks and check they succeeded (a failure throws, leaving the rows
 *      for the job's retry);
 *   5. delete exactly the rows read, and no others: a row with a smaller id can still be committed
 *      after this batch was read (identity values are taken before commit), so deleting by range
 *      could lose a change.
 * Running it again changes nothing (every write is a whole-document replace or a delete).
 *
 * Two drains must not run at once (one could write an older state after the other's newer one): calls
 * within a process queue behind each other, and across processes the job should be a singleton.
 * While a reindex is building a fresh index (reindex.ts) drains pause and leave the rows where they
 * are; they are applied to the new index once it is live.
 */

export interface DrainResult {
  /** Documents added or replaced (materials and projects). */
  upserted: number;
  /** Documents deleted (withdrawn or deleted materials, deleted projects). */
  deleted: number;
  /** Outbox rows still waiting (written meanwhile, or left because of a pause). */
  remaining: number;
  /** True when a reindex was running and nothing was done: try again later. */
  paused: boolean;
}

export interface DrainOptions {
  /** Outbox rows per batch. */
  batchSize?: number;
  /** Batches per drain at most, so one job never runs for ever; `remaining` says what is left. */
  maxBatches?: number;
}

/** A fresh index being built by a reindex is named `<index>_new_<timestamp>`. */
export const reindexMarker = '_new_';
/** A reindex index that has not changed for this long is left over from a crash, not in progress. */
export const reindexStaleAfterMs = 15 * 60_000;

/** Is a reindex of `indexUid` building its fresh index right now? */
export async function reindexInProgress(gateway: MeiliGateway, indexUid: string, now = Date.now()): Promise<boolean> {
  const indexes = await gateway.listIndexes();
  return indexes.some(
    (index) => index.uid.startsWith(`${indexUid}${reindexMarker}`) && now - Date.parse(index.updatedAt) < reindexStaleAfterMs,
  );
}

export class SearchSync {
  private ready: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  private readonly projectsIndexUid: string;

  constructor(
    private readonly gateway: MeiliGateway,
    private readonly db: Database,
    private readonly indexUid: string,
  ) {
    this.projectsIndexUid = projectsIndexUid(indexUid);
  }

  /** Is a reindex building a fresh materials or projects index right now? */
  private async reindexing(): Promise<boolean> {
    return (await reindexInProgress(this.gateway, this.indexUid)) || (await reindexInProgress(this.gateway, this.projectsIndexUid));
  }

  /** Drains the outbox into the index (see above). Concurrent calls run one after the other. */
  drain(options: DrainOptions = {}): Promise<DrainResult> {
    const run = this.queue.then(() => this.drainNow(options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async drainNow({ batchSize = 200, maxBatches = 50 }: DrainOptions): Promise<DrainResult> {
    await this.ensureIndex();
    const result: DrainResult = { upserted: 0, deleted: 0, remaining: 0, paused: false };
    for (let batch = 0; batch < maxBatches; batch++) {
      if (await this.reindexing()) {
        result.paused = true;
        break;
      }
      const rows = await queryRows<{ id: number | string; material_id: string | null; project_id: string | null }>(
        this.db,
        sql`SELECT id, material_id, project_id FROM search_outbox ORDER BY id LIMIT ${batchSize}`,
      );
      if (rows.length === 0) break;

      const materialIds = [...new Set(rows.flatMap((row) => (row.material_id ? [row.material_id] : [])))];
      const documents = await loadMaterialDocuments(this.db, materialIds);
      const published = documents.filter((document) => document.status === 'published');
      const publishedIds = new Set(published.map((document) => document.id));
      const gone = materialIds.filter((id) => !publishedIds.has(id));
      // Every project is indexed, whatever its visibility (searches filter by viewer); only deleted ones go.
      const projectIds = [...new Set(rows.flatMap((row) => (row.project_id ? [row.project_id] : [])))];
      const projects = await loadProjectDocuments(this.db, projectIds);
      const found = new Set(projects.map((document) => document.id));
      const goneProjects = projectIds.filter((id) => !found.has(id));

      const tasks: TaskRef[] = [];
      for (const documentsBatch of batchesOf(published)) tasks.push(await this.gateway.addDocuments(this.indexUid, documentsBatch));
      if (gone.length > 0) tasks.push(await this.gateway.deleteDocuments(this.indexUid, gone));
      for (const documentsBatch of batchesOf(projects)) tasks.push(await this.gateway.addDocuments(this.projectsIndexUid, documentsBatch));
      if (goneProjects.length > 0) tasks.push(await this.gateway.deleteDocuments(this.projectsIndexUid, goneProjects));
      await waitForTasks(this.gateway, tasks, `Updating the search indexes ${this.indexUid} and ${this.projectsIndexUid}`);

      // A reindex that began meanwhile may have read these materials or projects before this batch's
      // changes: keep the rows so they are applied again once its index is live.
      if (await this.reindexing()) {
        result.paused = true;
        break;
      }
      const ids = rows.map((row) => String(row.id));
      await this.db.execute(sql`DELETE FROM search_outbox WHERE id IN (${sql.join(ids.map((id) => sql`${id}::bigint`), sql`, `)})`);
      result.upserted += published.length + projects.length;
      result.deleted += gone.length + goneProjects.length;
      if (rows.length < batchSize) break;
    }
    result.remaining = await outboxCount(this.db);
    return result;
  }

  /**
   * Once per process: the index exists and has the hub's settings. An index created here is filled
   * with every published material straight away (the outbox holds only changes, not the past), so a
   * new installation's search works without running reindex first.
   */
  private ensureIndex(): Promise<void> {
    const ready = (this.ready ??= Promise.all([
      prepareIndex(this.gateway, this.db, this.indexUid),
      prepareProjectIndex(this.gateway, this.db, this.projectsIndexUid),
    ]).then(
      () => undefined,
      (error: unknown) => {
        this.ready = null;
        throw error;
      },
    ));
    return ready;
  }
}

/** Creates the index if it is missing (filling it from the database), and applies the settings. */
export async function prepareIndex(gateway: MeiliGateway, db: Database, indexUid: string): Promise<{ created: boolean; documents: number }> {
  const existing = await gateway.getIndex(indexUid);
  if (existing) {
    await applyIndexSettings(gateway, indexUid);
    return { created: false, documents: 0 };
  }
  await waitForTasks(gateway, [await gateway.createIndex(indexUid)], `Creating the search index ${indexUid}`);
  await applyIndexSettings(gateway, indexUid);
  const documents = await loadAllPublished(gateway, db, indexUid);
  return { created: true, documents };
}

/** The same for the projects index (project-index.ts): created and filled with every project if missing. */
export async function prepareProjectIndex(gateway: MeiliGateway, db: Database, indexUid: string): Promise<{ created: boolean; documents: number }> {
  const existing = await gateway.getIndex(indexUid);
  if (existing) {
    await applyIndexSettings(gateway, indexUid, projectIndexSettings());
    return { created: false, documents: 0 };
  }
  await waitForTasks(gateway, [await gateway.createIndex(indexUid)], `Creating the search index ${indexUid}`);
  await applyIndexSettings(gateway, indexUid, projectIndexSettings());
  const documents = await loadAllProjects(gateway, db, indexUid);
  return { created: true, documents };
}

/** Adds every project to an index, batch by batch, waiting for each. Returns how many. */
export async function loadAllProjects(gateway: MeiliGateway, db: Database, indexUid: string, onProgress?: (loaded: number) => void): Promise<number> {
  let loaded = 0;
  for await (const page of allProjectDocuments(db)) {
    const tasks: TaskRef[] = [];
    for (const batch of batchesOf(page)) tasks.push(await gateway.addDocuments(indexUid, batch));
    await waitForTasks(gateway, tasks, `Loading projects into the search index ${indexUid}`);
    loaded += page.length;
    onProgress?.(loaded);
  }
  return loaded;
}

/** Adds every published material to an index, batch by batch, waiting for each. Returns how many. */
export async function loadAllPublished(gateway: MeiliGateway, db: Database, indexUid: string, onProgress?: (loaded: number) => void): Promise<number> {
  let loaded = 0;
  for await (const page of publishedDocuments(db)) {
    const tasks: TaskRef[] = [];
    for (const batch of batchesOf(page)) tasks.push(await gateway.addDocuments(indexUid, batch));
    await waitForTasks(gateway, tasks, `Loading materials into the search index ${indexUid}`);
    loaded += page.length;
    onProgress?.(loaded);
  }
  return loaded;
}

export async function outboxCount(db: Database): Promise<number> {
  const [row] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM search_outbox`);
  return Number(row?.count ?? 0);
}
