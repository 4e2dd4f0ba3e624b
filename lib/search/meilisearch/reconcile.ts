import 'server-only';
import type { Database } from '@/lib/db/client';
import { batchesOf, loadMaterialDocuments, publishedDocuments, stampFields } from './documents';
import { waitForTasks, type MeiliGateway, type TaskRef } from './gateway';
import { allProjectDocuments, loadProjectDocuments } from './project-documents';
import { projectsIndexUid } from './project-index';
import { prepareProjectIndex } from './sync';

/**
 * Compares the index with the database (the source of truth) and, when asked, repairs the difference:
 *   missing  a published material with no document in the index   → added
 *   stale    a document whose stamp differs from the material's     → replaced
 *   extra    a document for a material that is gone or withdrawn    → deleted
 * The stamp is a hash of the whole document (documents.ts), so a renamed council or newly extracted
 * text counts as stale even though the material's own row did not change. The projects index beside
 * it (project-index.ts) is compared with every project the same way (a new partner council changes
 * its stamp).
 */

export interface Drift {
  /** Published materials the index lacks. */
  missing: string[];
  /** In both, but the index's copy is out of date. */
  stale: string[];
  /** In the index only. */
  extra: string[];
  /** Published materials in the database, and documents in the index. */
  databaseCount: number;
  indexCount: number;
}

export interface ReconcileResult extends Drift {
  repaired: boolean;
  /** The projects index beside it (project-index.ts), compared with every project the same way. */
  projects: Drift & { index: string; repaired: boolean };
}

const pageSize = 1000;

/** The materials index's drift. */
export function findDrift(gateway: MeiliGateway, db: Database, indexUid: string): Promise<Drift> {
  return driftOf(gateway, indexUid, publishedDocuments(db));
}

/** The projects index's drift: every project belongs in it (searches filter by viewer). */
export function findProjectDrift(gateway: MeiliGateway, db: Database, projectsIndex: string): Promise<Drift> {
  return driftOf(gateway, projectsIndex, allProjectDocuments(db));
}

async function driftOf(gateway: MeiliGateway, indexUid: string, pages: AsyncGenerator<{ id: string; stamp: string }[]>): Promise<Drift> {
  const expected = new Map<string, string>();
  for await (const page of pages) for (const document of page) expected.set(document.id, document.stamp);

  const indexed = new Map<string, string>();
  // A projects index not made yet (no drain since the upgrade) holds nothing: every project is missing.
  const exists = (await gateway.getIndex(indexUid)) !== null;
  for (let offset = 0; exists; offset += pageSize) {
    const page = await gateway.getDocuments(indexUid, { offset, limit: pageSize, fields: [...stampFields] });
    for (const document of page.results) indexed.set(String(document.id), typeof document.stamp === 'string' ? document.stamp : '');
    if (page.results.length < pageSize || offset + pageSize >= page.total) break;
  }

  const missing: string[] = [];
  const stale: string[] = [];
  for (const [id, stamp] of expected) {
    const found = indexed.get(id);
    if (found === undefined) missing.push(id);
    else if (found !== stamp) stale.push(id);
  }
  const extra = [...indexed.keys()].filter((id) => !expected.has(id));
  return { missing: missing.sort(), stale: stale.sort(), extra: extra.sort(), databaseCount: expected.size, indexCount: indexed.size };
}

export function hasDrift(drift: Drift): boolean {
  return drift.missing.length + drift.stale.length + drift.extra.length > 0;
}

export async function reconcile(gateway: MeiliGateway, db: Database, indexUid: string, options: { repair: boolean }): Promise<ReconcileResult> {
  const projectsIndex = projectsIndexUid(indexUid);
  const drift = await findDrift(gateway, db, indexUid);
  const projectDrift = await findProjectDrift(gateway, db, projectsIndex);
  // Read again now: only what is published (or, for projects, still there) at this moment goes in.
  const repairedMaterials =
    options.repair && hasDrift(drift)
      ? await repair(gateway, indexUid, drift, async (ids) => (await loadMaterialDocuments(db, ids)).filter((d) => d.status === 'published'))
      : false;
  let repairedProjects = false;
  if (options.repair && hasDrift(projectDrift)) {
    // Made with its settings (and filled) first when missing, as the drain would.
    if ((await prepareProjectIndex(gateway, db, projectsIndex)).created) repairedProjects = true;
    else repairedProjects = await repair(gateway, projectsIndex, projectDrift, (ids) => loadProjectDocuments(db, ids));
  }
  return { ...drift, repaired: repairedMaterials, projects: { ...projectDrift, index: projectsIndex, repaired: repairedProjects } };
}

async function repair(gateway: MeiliGateway, indexUid: string, drift: Drift, load: (ids: string[]) => Promise<object[]>): Promise<true> {
  const tasks: TaskRef[] = [];
  const toWrite = [...drift.missing, ...drift.stale];
  for (let i = 0; i < toWrite.length; i += 100) {
    for (const batch of batchesOf(await load(toWrite.slice(i, i + 100)))) tasks.push(await gateway.addDocuments(indexUid, batch));
  }
  for (let i = 0; i < drift.extra.length; i += 1000) tasks.push(await gateway.deleteDocuments(indexUid, drift.extra.slice(i, i + 1000)));
  await waitForTasks(gateway, tasks, `Repairing the search index ${indexUid}`);
  return true;
}

/** The drift in plain words, one line each, for the command's output. `things`: what the index holds. */
export function describeDrift(drift: Drift, indexUid: string, things: 'materials' | 'projects' = 'materials'): string[] {
  const expected = things === 'materials' ? 'published materials' : 'projects';
  const one = things === 'materials' ? 'published material is' : 'project is';
  const many = things === 'materials' ? 'published materials are' : 'projects are';
  const gone = things === 'materials' ? 'materials that are withdrawn or no longer exist' : 'projects that no longer exist';
  const lines = [`The database has ${drift.databaseCount} ${expected}; the index ${indexUid} has ${drift.indexCount} documents.`];
  if (!hasDrift(drift)) return [...lines, 'They match: nothing is missing, out of date or extra.'];
  const list = (ids: string[]) => (ids.length > 20 ? `${ids.slice(0, 20).join(', ')} and ${ids.length - 20} more` : ids.join(', '));
  if (drift.missing.length) lines.push(`${plural(drift.missing.length, one, many)} missing from the index: ${list(drift.missing)}`);
  if (drift.stale.length) lines.push(`${plural(drift.stale.length, 'document is', 'documents are')} out of date in the index: ${list(drift.stale)}`);
  if (drift.extra.length) lines.push(`${plural(drift.extra.length, 'document is', 'documents are')} in the index for ${gone}: ${list(drift.extra)}`);
  return lines;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
