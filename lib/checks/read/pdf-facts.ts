import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as workerThreads from 'node:worker_threads';
import { ExtractionError, throwIfAborted, type ExtractContext } from '@/lib/extract/result';

/**
 * What pdf.js says about a PDF, read in a worker thread of its own (pdf-check-worker.mjs) exactly as
 * lib/extract/pdf.ts reads text: the time limit terminates the worker even mid-page, its heap is
 * capped (running out counts as a "bomb"), and pages come back one at a time so reading stops once
 * the text limit is reached. `mode: 'verify'` reads only the first page.
 */

const WorkerThread: typeof workerThreads.Worker = Reflect.get(workerThreads, 'Worker');
const WORKER_HEAP_MB = 512;

export interface PdfFacts {
  pageCount: number;
  info: { title: string; author: string; language: string };
  xmpTitle: string;
  xmpCreators: string[];
  marked: boolean;
  tagged: boolean;
  pages: { number: number; text: string; comments: { author: string; text: string }[] }[];
  failedPages: number;
  /** True when reading stopped early because `enough` said so. */
  stoppedEarly: boolean;
}

type WorkerMessage =
  | ({ type: 'opened' } & Omit<PdfFacts, 'pages' | 'failedPages' | 'stoppedEarly'>)
  | { type: 'page'; number: number; text: string; comments: { author: string; text: string }[] }
  | { type: 'page-failed'; number: number; name: string; message: string }
  | { type: 'done' }
  | { type: 'error'; name: string; message: string };

export async function readPdfFacts(data: Buffer, context: ExtractContext, options: { mode: 'check' | 'verify'; enough?: (facts: PdfFacts) => boolean }): Promise<PdfFacts> {
  checkEnvelope(data);
  throwIfAborted(context.signal);
  const copy = new Uint8Array(data);
  return new Promise<PdfFacts>((resolve, reject) => {
    const facts: PdfFacts = { pageCount: 0, info: { title: '', author: '', language: '' }, xmpTitle: '', xmpCreators: [], marked: false, tagged: false, pages: [], failedPages: 0, stoppedEarly: false };
    let settled = false;
    let lastFailure = '';
    const worker = new WorkerThread(workerFile(), {
      workerData: { data: copy, mode: options.mode, ...assetFolders() },
      transferList: [copy.buffer as ArrayBuffer],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 64 },
      execArgv: [],
    });
    const finish = (error?: ExtractionError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      context.signal.removeEventListener('abort', onAbort);
      void worker.terminate().catch(() => undefined);
      if (error) reject(error);
      else resolve(facts);
    };
    const onAbort = () => finish(new ExtractionError('timeout', 'time limit reached while reading the PDF'));
    const timer = setTimeout(onAbort, Math.max(0, context.deadline - performance.now()));
    context.signal.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'opened': {
          const { type: _type, ...opened } = message;
          Object.assign(facts, opened);
          if (facts.pageCount === 0) finish(options.mode === 'verify' ? new ExtractionError('malformed', 'the PDF has no pages') : undefined);
          break;
        }
        case 'page':
          facts.pages.push({ number: message.number, text: message.text, comments: message.comments });
          if (options.enough?.(facts)) {
            facts.stoppedEarly = true;
            finish();
          }
          break;
        case 'page-failed':
          facts.failedPages++;
          lastFailure = `${message.name}: ${message.message}`;
          break;
        case 'done': {
          const read = options.mode === 'verify' ? Math.min(1, facts.pageCount) : facts.pageCount;
          finish(facts.failedPages >= read && read > 0 ? new ExtractionError('malformed', `no page of the PDF could be read (${lastFailure})`) : undefined);
          break;
        }
        case 'error':
          finish(message.name === 'PasswordException' ? new ExtractionError('encrypted', message.message) : new ExtractionError('malformed', `pdf.js could not open the PDF (${message.name}): ${message.message}`));
          break;
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') finish(new ExtractionError('zip_bomb', `pdf.js ran out of its ${WORKER_HEAP_MB} MB heap`, { cause: error }));
      else finish(new ExtractionError('malformed', `the PDF worker failed: ${error.message}`, { cause: error }));
    });
    worker.on('exit', (code) => finish(new ExtractionError('malformed', `the PDF worker stopped (exit ${code})`)));
  });
}

/** Acrobat's own first checks, as lib/extract/pdf.ts makes them: `%PDF-` near the start, `%%EOF` near the end. */
function checkEnvelope(data: Buffer): void {
  if (data.length === 0) throw new ExtractionError('malformed', 'empty PDF');
  if (data.subarray(0, 1024).indexOf('%PDF-', 0, 'latin1') === -1) throw new ExtractionError('malformed', 'no %PDF- header');
  if (data.subarray(Math.max(0, data.length - 1024)).indexOf('%%EOF', 0, 'latin1') === -1) throw new ExtractionError('malformed', 'no %%EOF marker: the file seems cut short');
}

/** pdf-check-worker.mjs beside this file (see lib/extract/pdf.ts for why there are three ways to find it). */
function workerFile(): string {
  const candidates: (() => string)[] = [
    () => fileURLToPath(new URL('./pdf-check-worker.mjs', import.meta.url)),
    () => path.join(__dirname, 'pdf-check-worker.mjs'),
    () => path.join(process.cwd(), 'lib', 'checks', 'read', 'pdf-check-worker.mjs'),
  ];
  for (const candidate of candidates) {
    try {
      const file = candidate();
      if (fs.existsSync(file)) return file;
    } catch {
      // Try the next way.
    }
  }
  return path.join(process.cwd(), 'lib', 'checks', 'read', 'pdf-check-worker.mjs');
}

let assets: { cMapUrl?: string; standardFontDataUrl?: string } | undefined;

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
