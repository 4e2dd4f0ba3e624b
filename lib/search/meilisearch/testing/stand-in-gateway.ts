import type { MultiSearchQuery, MultiSearchResult, Settings, Task } from 'meilisearch';
import type { IndexInfo, MeiliGateway, TaskRef } from '../gateway';

/**
 * For tests only: a stand-in for a Meilisearch server (none can run on the build machines), holding
 * indexes and documents in memory. Tasks are processed as they are enqueued and succeed unless a test
 * says otherwise (`failNext`). It does not search: a test answers `multiSearch` itself (`onSearch`).
 * Every call is recorded in `calls`.
 */
export class StandInGateway implements MeiliGateway {
  readonly indexes = new Map<string, { documents: Map<string, Record<string, unknown>>; settings: Settings; updatedAt: string }>();
  readonly calls: { method: string; indexUid?: string; argument?: unknown }[] = [];
  private readonly tasks = new Map<number, Task>();
  private nextTaskUid = 1;
  private failures: { method: string; message: string }[] = [];
  /** Answers multiSearch; the default finds nothing. */
  onSearch: (queries: MultiSearchQuery[]) => MultiSearchResult<Record<string, unknown>>[] = (queries) =>
    queries.map((q) => ({ indexUid: q.indexUid, hits: [], query: q.q ?? '', processingTimeMs: 0, totalHits: 0, hitsPerPage: 20, page: 1, totalPages: 0, facetDistribution: {} }));
  /** Called before each write is applied (a test may change the database meanwhile). */
  beforeWrite: (method: string) => Promise<void> | void = () => {};
  /** What "now" is for index timestamps. */
  clock: () => Date = () => new Date();

  /** The next task of this method ends 'failed' with this message (and changes nothing). */
  failNext(method: 'addDocuments' | 'deleteDocuments' | 'updateSettings' | 'createIndex' | 'deleteIndex' | 'swapIndexes', message = 'stand-in failure') {
    this.failures.push({ method, message });
  }

  documents(indexUid: string): Record<string, unknown>[] {
    return [...(this.indexes.get(indexUid)?.documents.values() ?? [])];
  }

  async multiSearch(queries: MultiSearchQuery[]) {
    this.calls.push({ method: 'multiSearch', argument: queries });
    return this.onSearch(queries);
  }

  addDocuments(indexUid: string, documents: object[]) {
    return this.task('addDocuments', indexUid, documents, () => {
      const index = this.indexes.get(indexUid) ?? this.create(indexUid);
      for (const document of documents as Record<string, unknown>[]) index.documents.set(String(document.id), structuredClone(document));
    });
  }

  deleteDocuments(indexUid: string, ids: string[]) {
    return this.task('deleteDocuments', indexUid, ids, () => {
      const index = this.require(indexUid);
      for (const id of ids) index.documents.delete(id);
    });
  }

  updateSettings(indexUid: string, settings: Settings) {
    return this.task('updateSettings', indexUid, settings, () => {
      const index = this.indexes.get(indexUid) ?? this.create(indexUid);
      index.settings = { ...index.settings, ...settings };
    });
  }

  createIndex(indexUid: string) {
    return this.task('createIndex', indexUid, undefined, () => {
      if (this.indexes.has(indexUid)) throw Object.assign(new Error(`Index ${indexUid} already exists.`), { code: 'index_already_exists' });
      this.create(indexUid);
    });
  }

  deleteIndex(indexUid: string) {
    return this.task('deleteIndex', indexUid, undefined, () => {
      this.require(indexUid);
      this.indexes.delete(indexUid);
    });
  }

  swapIndexes(first: string, second: string) {
    return this.task('swapIndexes', undefined, [first, second], () => {
      const a = this.require(first);
      const b = this.require(second);
      this.indexes.set(first, b);
      this.indexes.set(second, a);
    });
  }

  async getIndex(indexUid: string): Promise<IndexInfo | null> {
    this.calls.push({ method: 'getIndex', indexUid });
    const index = this.indexes.get(indexUid);
    return index ? { uid: indexUid, updatedAt: index.updatedAt } : null;
  }

  async listIndexes(): Promise<IndexInfo[]> {
    this.calls.push({ method: 'listIndexes' });
    return [...this.indexes].map(([uid, index]) => ({ uid, updatedAt: index.updatedAt }));
  }

  async getDocuments(indexUid: string, page: { offset: number; limit: number; fields: string[] }) {
    this.calls.push({ method: 'getDocuments', indexUid, argument: page });
    const all = this.documents(indexUid).sort((a, b) => String(a.id).localeCompare(String(b.id)));
    const results = all
      .slice(page.offset, page.offset + page.limit)
      .map((document) => Object.fromEntries(page.fields.filter((f) => f in document).map((f) => [f, document[f]])));
    return { results, total: all.length };
  }

  async waitForTask(taskUid: number): Promise<Task> {
    const task = this.tasks.get(taskUid);
    if (!task) throw new Error(`No task ${taskUid}`);
    return task;
  }

  private create(indexUid: string) {
    const index = { documents: new Map<string, Record<string, unknown>>(), settings: {}, updatedAt: this.clock().toISOString() };
    this.indexes.set(indexUid, index);
    return index;
  }

  private require(indexUid: string) {
    const index = this.indexes.get(indexUid);
    if (!index) throw Object.assign(new Error(`Index \`${indexUid}\` not found.`), { code: 'index_not_found' });
    return index;
  }

  private async task(method: string, indexUid: string | undefined, argument: unknown, apply: () => void): Promise<TaskRef> {
    this.calls.push({ method, indexUid, argument });
    await this.beforeWrite(method);
    const uid = this.nextTaskUid++;
    const failure = this.failures.findIndex((f) => f.method === method);
    let error: Task['error'] = null;
    if (failure !== -1) {
      error = { message: this.failures[failure]!.message, code: 'internal', type: 'internal', link: '' };
      this.failures.splice(failure, 1);
    } else {
      try {
        apply();
        if (indexUid && this.indexes.has(indexUid)) this.indexes.get(indexUid)!.updatedAt = this.clock().toISOString();
      } catch (e) {
        error = { message: (e as Error).message, code: (e as { code?: string }).code ?? 'internal', type: 'invalid_request', link: '' };
      }
    }
    this.tasks.set(uid, {
      uid,
      batchUid: null,
      canceledBy: null,
      indexUid: indexUid ?? null,
      status: error ? 'failed' : 'succeeded',
      type: 'documentAdditionOrUpdate',
      error,
      duration: null,
      enqueuedAt: this.clock().toISOString(),
      startedAt: null,
      finishedAt: null,
    });
    return { taskUid: uid };
  }
}
