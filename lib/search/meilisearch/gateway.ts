import 'server-only';
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type IndexSwap,
  type MultiSearchQuery,
  type MultiSearchResult,
  type Settings,
  type Task,
} from 'meilisearch';

/**
 * The few Meilisearch calls the hub makes, behind one small interface. The engine, the outbox drain,
 * reindex and reconcile all talk to this, never to the client directly, so that:
 * - every request has a time limit (short for searches, so the Postgres fallback answers quickly);
 * - tests can stand in for the server (none can run on the build machines);
 * - waiting for a task always checks that it succeeded (waitForTasks below).
 */
export interface MeiliGateway {
  multiSearch(queries: MultiSearchQuery[]): Promise<MultiSearchResult<Record<string, unknown>>[]>;
  /** Add or replace whole documents (primary key `id`). */
  addDocuments(indexUid: string, documents: object[]): Promise<TaskRef>;
  deleteDocuments(indexUid: string, ids: string[]): Promise<TaskRef>;
  updateSettings(indexUid: string, settings: Settings): Promise<TaskRef>;
  /** Creates an index whose primary key is `id`. */
  createIndex(indexUid: string): Promise<TaskRef>;
  deleteIndex(indexUid: string): Promise<TaskRef>;
  /** Swaps the names (and so the contents) of two existing indexes, atomically. */
  swapIndexes(first: string, second: string): Promise<TaskRef>;
  /** Null when there is no such index. */
  getIndex(indexUid: string): Promise<IndexInfo | null>;
  listIndexes(): Promise<IndexInfo[]>;
  /** One page of stored documents, only the fields asked for. */
  getDocuments(indexUid: string, page: { offset: number; limit: number; fields: string[] }): Promise<{ results: Record<string, unknown>[]; total: number }>;
  /** Waits until the task is no longer enqueued or processing, and returns it (whatever its status). */
  waitForTask(taskUid: number, timeoutMs: number): Promise<Task>;
}

export interface TaskRef {
  taskUid: number;
}

export interface IndexInfo {
  uid: string;
  /** ISO 8601: when the index last changed (documents or settings). */
  updatedAt: string;
}

export interface GatewayOptions {
  /** Time limit of each HTTP request. */
  requestTimeoutMs: number;
}

/** A Meilisearch task that ended in any state but 'succeeded'. The outbox job retries after it. */
export class MeiliTaskFailedError extends Error {
  constructor(
    readonly what: string,
    readonly task: Pick<Task, 'uid' | 'status' | 'error'>,
  ) {
    super(`${what}: Meilisearch task ${task.uid} ${task.status}${task.error ? `: ${task.error.message} (${task.error.code})` : ''}`);
    this.name = 'MeiliTaskFailedError';
  }
}

/** How long to wait for one write task before giving up (the job then retries). */
export const defaultTaskTimeoutMs = 120_000;

/**
 * Waits for every task in turn and throws MeiliTaskFailedError for the first that did not succeed.
 * `what` says in words what the tasks were doing, for the error message.
 */
export async function waitForTasks(gateway: MeiliGateway, tasks: TaskRef[], what: string, timeoutMs = defaultTaskTimeoutMs): Promise<Task[]> {
  const done: Task[] = [];
  for (const { taskUid } of tasks) {
    const task = await gateway.waitForTask(taskUid, timeoutMs);
    if (task.status !== 'succeeded') throw new MeiliTaskFailedError(what, task);
    done.push(task);
  }
  return done;
}

/** The server could not be reached or did not answer in time (as opposed to answering with an error). */
export function isUnreachable(error: unknown): boolean {
  return error instanceof MeilisearchRequestError || error instanceof MeilisearchRequestTimeOutError;
}

function isIndexNotFound(error: unknown): boolean {
  return error instanceof MeilisearchApiError && (error.cause?.code === 'index_not_found' || error.response.status === 404);
}

/** The gateway over the real client (meilisearch 0.62). */
export function createMeiliGateway(connection: { host: string; apiKey?: string }, options: GatewayOptions): MeiliGateway {
  const client = new Meilisearch({
    host: connection.host,
    apiKey: connection.apiKey,
    timeout: options.requestTimeoutMs,
    clientAgents: ['Discovery Commons'],
  });
  const taskRef = async (enqueued: Promise<{ taskUid: number }>): Promise<TaskRef> => ({ taskUid: (await enqueued).taskUid });
  const indexInfo = (raw: { uid: string; updatedAt: string }): IndexInfo => ({ uid: raw.uid, updatedAt: raw.updatedAt });

  return {
    async multiSearch(queries) {
      const response = await client.multiSearch<{ queries: MultiSearchQuery[] }, Record<string, unknown>>({ queries });
      return response.results;
    },
    addDocuments: (indexUid, documents) =>
      taskRef(client.index(indexUid).addDocuments(documents as Record<string, unknown>[], { primaryKey: 'id' })),
    deleteDocuments: (indexUid, ids) => taskRef(client.index(indexUid).deleteDocuments(ids)),
    updateSettings: (indexUid, settings) => taskRef(client.index(indexUid).updateSettings(settings)),
    createIndex: (indexUid) => taskRef(client.createIndex(indexUid, { primaryKey: 'id' })),
    deleteIndex: (indexUid) => taskRef(client.deleteIndex(indexUid)),
    // `rename` is left out (not sent): servers before 1.18 refuse the field, later ones default it to false.
    swapIndexes: (first, second) => taskRef(client.swapIndexes([{ indexes: [first, second] } as IndexSwap])),
    async getIndex(indexUid) {
      try {
        return indexInfo(await client.getRawIndex(indexUid));
      } catch (error) {
        if (isIndexNotFound(error)) return null;
        throw error;
      }
    },
    async listIndexes() {
      const found: IndexInfo[] = [];
      for (let offset = 0; ; offset += 100) {
        const page = await client.getRawIndexes({ offset, limit: 100 });
        found.push(...page.results.map(indexInfo));
        if (page.results.length < 100 || found.length >= page.total) return found;
      }
    },
    async getDocuments(indexUid, page) {
      const result = await client.index(indexUid).getDocuments<Record<string, unknown>>({
        offset: page.offset,
        limit: page.limit,
        fields: page.fields,
      });
      return { results: result.results, total: result.total };
    },
    waitForTask: (taskUid, timeoutMs) => client.tasks.waitForTask(taskUid, { timeout: timeoutMs, interval: 100 }),
  };
}

/** An error and its causes in one line ("Request to … has failed: fetch failed: connect ECONNREFUSED …"). */
export function errorInWords(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (!parts.includes(current.message)) parts.push(current.message);
    current = current.cause;
  }
  return parts.join(': ') || String(error);
}
