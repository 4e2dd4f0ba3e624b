import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as workerThreads from 'node:worker_threads';
import { PreviewError, type PreviewContext } from './result';

/**
 * The worker_threads Worker, taken so that the Next.js bundler does not see `new Worker(path)` (it
 * would try to bundle every file in the project; see lib/extract/pdf.ts).
 */
const WorkerThread: typeof workerThreads.Worker = Reflect.get(workerThreads, 'Worker');

export interface WorkerRun<T> {
  /** A plain-JavaScript file beside this one. */
  file: WorkerFileName;
  workerData: unknown;
  transferList?: ArrayBuffer[];
  /**
   * Called with each message. Return `{ done: value }` to finish with a value, `{ error }` to fail;
   * anything else keeps listening.
   */
  onMessage: (message: never) => { done: T } | { error: PreviewError } | void;
  /** What a worker that stops without a result means. */
  describe: string;
}

/**
 * Runs one job in a worker thread with a capped heap, terminated when the preview's time runs out:
 * work that cannot be interrupted in this thread (pdf.js on a hostile page, mammoth on a huge
 * document) can always be stopped there. Out of memory is reported as a bomb: the file unpacks to
 * far more than a document of its size should.
 */
export function runWorker<T>(run: WorkerRun<T>, context: PreviewContext): Promise<T> {
  if (context.signal.aborted) return Promise.reject(new PreviewError('timeout', 'time limit reached'));
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const worker = new WorkerThread(workerFile(run.file), {
      workerData: run.workerData,
      transferList: run.transferList,
      resourceLimits: { maxOldGenerationSizeMb: context.limits.workerHeapMb, maxYoungGenerationSizeMb: 64 },
      // Plain Node: no loaders inherited from a TypeScript runner (the worker is plain JavaScript).
      execArgv: [],
      // Nothing from this process's environment is needed there.
      env: {},
    });
    const finish = (outcome: { value: T } | { error: PreviewError }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      context.signal.removeEventListener('abort', onTimeout);
      void worker.terminate().catch(() => undefined);
      if ('value' in outcome) resolve(outcome.value);
      else reject(outcome.error);
    };
    const onTimeout = () => finish({ error: new PreviewError('timeout', `time limit reached in ${run.file}`) });
    const timer = setTimeout(onTimeout, Math.max(0, context.deadline - performance.now()));
    context.signal.addEventListener('abort', onTimeout, { once: true });

    worker.on('message', (message: unknown) => {
      let answer: ReturnType<WorkerRun<T>['onMessage']>;
      try {
        answer = run.onMessage(message as never);
      } catch (error) {
        finish({ error: error instanceof PreviewError ? error : new PreviewError('malformed', String(error), { cause: error }) });
        return;
      }
      if (!answer) return;
      if ('done' in answer) finish({ value: answer.done });
      else finish({ error: answer.error });
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish({ error: new PreviewError('zip_bomb', `${run.file} ran out of its ${context.limits.workerHeapMb} MB heap`, { cause: error }) });
      } else finish({ error: new PreviewError('malformed', `${run.file} failed: ${error.message}`, { cause: error }) });
    });
    worker.on('exit', (code) => finish({ error: new PreviewError('malformed', `${run.file} stopped (exit ${code}) ${run.describe}`) }));
  });
}

/**
 * The worker files, each by a literal `new URL('./….mjs', import.meta.url)`: the Next.js bundler
 * (Turbopack) copies exactly that file beside the server bundle. A computed name (`./${name}`) made
 * it copy every file of this folder, TypeScript sources included, into the server's and the public
 * static assets, and resolve the name to the wrong one there.
 */
const workerUrls = {
  'pdf-render-worker.mjs': () => new URL('./pdf-render-worker.mjs', import.meta.url),
  'docx-worker.mjs': () => new URL('./docx-worker.mjs', import.meta.url),
} as const;

export type WorkerFileName = keyof typeof workerUrls;

/**
 * A worker file beside this module: found from this module when it runs as ESM, else from
 * __dirname, else (inside the Next.js server bundle, where neither points at the source folder) from
 * the project's own lib/previews folder.
 */
function workerFile(name: WorkerFileName): string {
  const candidates: (() => string)[] = [
    () => fileURLToPath(workerUrls[name]()),
    () => path.join(__dirname, name),
    () => path.join(process.cwd(), 'lib', 'previews', name),
  ];
  for (const candidate of candidates) {
    try {
      const file = candidate();
      if (fs.existsSync(file)) return file;
    } catch {
      // Try the next way.
    }
  }
  return path.join(process.cwd(), 'lib', 'previews', name);
}
