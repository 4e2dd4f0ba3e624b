import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as workerThreads from 'node:worker_threads';
import { ExtractionError, throwIfAborted, type ExtractContext, type Extracted } from './result';
import { TextSink } from './text-sink';

/**
 * The worker_threads Worker, taken so that the Next.js bundler does not see `new Worker(path)`: it
 * treats that as a module to bundle and, with a path known only at run time, tries to bundle every
 * file in the project. The worker file is plain JavaScript that Node loads itself.
 */
const WorkerThread: typeof workerThreads.Worker = Reflect.get(workerThreads, 'Worker');

/**
 * PDF text with pdf.js (`pdfjs-dist` 6.x, its legacy build: the one pdf.js asks for in Node). It is
 * long past the CVE-2024-4367 fix (4.2.67), has had no eval at all since 5.7, and runs with
 * `useWasm: false`, so nothing in a document is ever compiled into code (not even PostScript
 * functions into WebAssembly); no fonts are loaded into the system (`disableFontFace`,
 * `useSystemFonts: false`); no canvas is used (`@napi-rs/canvas`, pdfjs-dist's optional dependency,
 * is only for rendering).
 *
 * pdf.js runs in a worker thread of its own for each document (pdf-worker.mjs), because in this
 * thread it could not be bounded: in Node, pdf.js passes its messages as promise callbacks, so one
 * page with a huge or highly compressed content stream keeps every timer from firing, for as long as
 * the page takes (seconds per compressed megabyte) and with memory to match. In a worker:
 * - the time limit is a real one: reaching it terminates the worker, even in the middle of a page;
 * - the worker's heap has a ceiling (`WORKER_HEAP_MB`): a PDF that needs more fails as a "bomb";
 * - pages come back one at a time, and once the text is long enough the worker is stopped.
 * Starting a worker and loading pdf.js into it costs about 0.2–0.4 s per document (bench/README.md).
 */

const WORKER_HEAP_MB = 512;

type WorkerMessage =
  | { type: 'opened'; pageCount: number }
  | { type: 'page'; number: number; parts: (string | number)[] }
  | { type: 'page-failed'; number: number; name: string; message: string }
  | { type: 'done' }
  | { type: 'error'; name: string; message: string };

const SPACE = 1;
const LINE = 2;

export async function extractPdf(data: Buffer, context: ExtractContext): Promise<Extracted> {
  checkEnvelope(data);
  throwIfAborted(context.signal);
  // A copy, handed over (transferred) to the worker: the caller's Buffer is left as it was.
  const copy = new Uint8Array(data);

  return new Promise<Extracted>((resolve, reject) => {
    const sink = new TextSink(context.limits.maxTextBytes);
    let pageCount = 0;
    let pagesRead = 0;
    let failedPages = 0;
    let lastPageFailure = '';
    let settled = false;

    const worker = new WorkerThread(workerFile(), {
      workerData: { data: copy, ...assetFolders() },
      transferList: [copy.buffer as ArrayBuffer],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 64 },
      // Plain Node: no loaders inherited from a TypeScript runner (the worker is plain JavaScript).
      execArgv: [],
    });

    const finish = (outcome: { extracted: Extracted } | { error: ExtractionError }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      context.signal.removeEventListener('abort', onAbort);
      void worker.terminate().catch(() => undefined);
      if ('extracted' in outcome) resolve(outcome.extracted);
      else reject(outcome.error);
    };
    const result = (): Extracted => ({ text: sink.toString(), truncated: sink.truncated, pageCount });

    const timeout = () => finish({ error: new ExtractionError('timeout', 'time limit reached while reading the PDF') });
    const timer = setTimeout(timeout, Math.max(0, context.deadline - performance.now()));
    const onAbort = timeout;
    context.signal.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'opened':
          pageCount = message.pageCount;
          if (pageCount === 0) finish({ extracted: result() });
          break;
        case 'page':
          pagesRead++;
          sink.paragraph();
          for (const part of message.parts) {
            if (part === SPACE) sink.space();
            else if (part === LINE) sink.line();
            else if (typeof part === 'string') sink.text(part);
          }
          // Long enough: the rest of the document is not needed.
          if (sink.full) finish({ extracted: result() });
          break;
        case 'page-failed':
          // One broken page loses that page's text, not the document's.
          pagesRead++;
          failedPages++;
          lastPageFailure = `${message.name}: ${message.message}`;
          break;
        case 'done':
          if (pageCount > 0 && failedPages === pageCount) {
            finish({ error: new ExtractionError('malformed', `no page of the PDF could be read (${lastPageFailure})`) });
          } else finish({ extracted: result() });
          break;
        case 'error':
          finish({ error: openFailure(message.name, message.message) });
          break;
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish({ error: new ExtractionError('zip_bomb', `pdf.js ran out of its ${WORKER_HEAP_MB} MB heap`, { cause: error }) });
      } else finish({ error: new ExtractionError('malformed', `the PDF worker failed: ${error.message}`, { cause: error }) });
    });
    worker.on('exit', (code) => {
      finish({ error: new ExtractionError('malformed', `the PDF worker stopped (exit ${code}) after ${pagesRead} of ${pageCount} pages`) });
    });
  });
}

function openFailure(name: string, message: string): ExtractionError {
  if (name === 'PasswordException') return new ExtractionError('encrypted', `PDF needs a password: ${message}`);
  return new ExtractionError('malformed', `pdf.js could not open the PDF (${name}): ${message}`);
}

/**
 * The checks Acrobat itself makes before parsing: `%PDF-` within the first 1024 bytes and `%%EOF`
 * within the last 1024. A file cut short (an interrupted upload) fails here, where pdf.js would
 * quietly rebuild what it could.
 */
function checkEnvelope(data: Buffer): void {
  if (data.length === 0) throw new ExtractionError('malformed', 'empty PDF');
  if (data.subarray(0, 1024).indexOf('%PDF-', 0, 'latin1') === -1) throw new ExtractionError('malformed', 'no %PDF- header');
  if (data.subarray(Math.max(0, data.length - 1024)).indexOf('%%EOF', 0, 'latin1') === -1) {
    throw new ExtractionError('malformed', 'no %%EOF marker: the file seems cut short');
  }
}

/**
 * pdf-worker.mjs, beside this file: found from this module when it runs as ESM, else from __dirname,
 * else (inside the Next.js server bundle, where neither points at the source folder) from the
 * project's own lib/extract folder.
 */
function workerFile(): string {
  const candidates: (() => string)[] = [
    () => fileURLToPath(new URL('./pdf-worker.mjs', import.meta.url)),
    () => path.join(__dirname, 'pdf-worker.mjs'),
    () => path.join(process.cwd(), 'lib', 'extract', 'pdf-worker.mjs'),
  ];
  for (const candidate of candidates) {
    try {
      const file = candidate();
      if (fs.existsSync(file)) return file;
    } catch {
      // Try the next way.
    }
  }
  return path.join(process.cwd(), 'lib', 'extract', 'pdf-worker.mjs');
}

let assets: { cMapUrl?: string; standardFontDataUrl?: string } | undefined;

/** Where pdf.js's character maps and standard font data are, as folder paths, when they can be found. */
function assetFolders(): { cMapUrl?: string; standardFontDataUrl?: string } {
  if (assets) return assets;
  assets = {};
  for (const base of [() => import.meta.url, () => path.join(process.cwd(), 'package.json')]) {
    try {
      const root = path.dirname(createRequire(base()).resolve('pdfjs-dist/package.json'));
      assets = { cMapUrl: path.join(root, 'cmaps') + path.sep, standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep };
      break;
    } catch {
      // Try the next way.
    }
  }
  return assets;
}
