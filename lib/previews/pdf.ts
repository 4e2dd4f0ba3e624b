import { createRequire } from 'node:module';
import path from 'node:path';
import { PreviewError, throwIfTimedOut, type PreviewContext, type PreviewPage } from './result';
import { runWorker } from './run-worker';

/**
 * The first pages of a PDF as pictures, with pdf.js 6 (`pdfjs-dist`, the project's PDF parser, also
 * used by lib/extract) drawing on `@napi-rs/canvas` (prebuilt binaries, no install scripts), in a
 * worker thread per document (pdf-render-worker.mjs) with the preview's time limit and a capped heap.
 * Pages are fitted into `pageWidthPx`, `maxPagePixels` and, all together, `maxTotalPagePixels`; a page
 * that fails to draw is left out (the rest still show) unless none can be drawn.
 */

export interface RenderedPdf {
  pageCount: number;
  pages: PreviewPage[];
  /** Pages were left out because the pictures would have held more than `maxTotalPagePixels`. */
  pixelBudgetReached: boolean;
  /** Pages among the first `maxPages` that could not be drawn. */
  failedPages: number;
}

type WorkerMessage =
  | { type: 'opened'; pageCount: number }
  | { type: 'page'; number: number; image: Uint8Array; width: number; height: number; text: string }
  | { type: 'page-failed'; number: number; name: string; message: string }
  | { type: 'done'; pixelBudgetReached: boolean }
  | { type: 'error'; name: string; message: string };

export async function renderPdf(data: Buffer, context: PreviewContext): Promise<RenderedPdf> {
  checkEnvelope(data);
  throwIfTimedOut(context);
  // A copy, handed over (transferred) to the worker: the caller's Buffer is left as it was.
  const copy = new Uint8Array(data);
  const { limits } = context;
  const rendered: RenderedPdf = { pageCount: 0, pages: [], pixelBudgetReached: false, failedPages: 0 };
  let lastFailure = '';

  return runWorker<RenderedPdf>(
    {
      file: 'pdf-render-worker.mjs',
      workerData: {
        data: copy,
        limits: {
          maxPages: limits.maxPages,
          maxDocumentPages: limits.maxDocumentPages,
          pageWidthPx: limits.pageWidthPx,
          maxPagePixels: limits.maxPagePixels,
          maxTotalPagePixels: limits.maxTotalPagePixels,
          maxEmbeddedImagePixels: limits.maxEmbeddedImagePixels,
          maxPageTextChars: limits.maxPageTextChars,
        },
        assets: assetFolders(),
      },
      transferList: [copy.buffer as ArrayBuffer],
      describe: 'while drawing the PDF',
      onMessage: (message: WorkerMessage) => {
        switch (message.type) {
          case 'opened':
            rendered.pageCount = message.pageCount;
            if (message.pageCount > limits.maxDocumentPages) {
              return { error: new PreviewError('too_many_pages', `the PDF has ${message.pageCount} pages`) };
            }
            if (message.pageCount === 0) return { error: new PreviewError('malformed', 'the PDF has no pages') };
            return;
          case 'page':
            rendered.pages.push({
              number: message.number,
              image: { contentType: 'image/webp', data: Buffer.from(message.image.buffer, message.image.byteOffset, message.image.byteLength), width: message.width, height: message.height },
              text: message.text,
            });
            return;
          case 'page-failed':
            rendered.failedPages++;
            lastFailure = `${message.name}: ${message.message}`;
            return;
          case 'done':
            rendered.pixelBudgetReached = message.pixelBudgetReached;
            if (rendered.pages.length === 0) return { error: new PreviewError('malformed', `no page of the PDF could be drawn (${lastFailure})`) };
            return { done: rendered };
          case 'error':
            if (message.name === 'PasswordException') return { error: new PreviewError('encrypted', `PDF needs a password: ${message.message}`) };
            return { error: new PreviewError('malformed', `pdf.js could not open the PDF (${message.name}): ${message.message}`) };
        }
      },
    },
    context,
  );
}

/**
 * The checks Acrobat itself makes before parsing (as lib/extract/pdf.ts): `%PDF-` within the first
 * 1024 bytes and `%%EOF` within the last 1024, so a file cut short is damaged, not half-rebuilt.
 */
function checkEnvelope(data: Buffer): void {
  if (data.length === 0) throw new PreviewError('malformed', 'empty PDF');
  if (data.subarray(0, 1024).indexOf('%PDF-', 0, 'latin1') === -1) throw new PreviewError('malformed', 'no %PDF- header');
  if (data.subarray(Math.max(0, data.length - 1024)).indexOf('%%EOF', 0, 'latin1') === -1) {
    throw new PreviewError('malformed', 'no %%EOF marker: the file seems cut short');
  }
}

interface AssetFolders {
  cMapUrl?: string;
  standardFontDataUrl?: string;
  wasmUrl?: string;
  iccUrl?: string;
}

let assets: AssetFolders | undefined;

/**
 * pdf.js's character maps, standard fonts, image decoders (wasm) and colour profiles, as folders on
 * this disk: pdf.js in Node reads them with `fs`, so nothing is ever fetched.
 */
function assetFolders(): AssetFolders {
  if (assets) return assets;
  assets = {};
  for (const base of [() => import.meta.url, () => path.join(process.cwd(), 'package.json')]) {
    try {
      const root = path.dirname(createRequire(base()).resolve('pdfjs-dist/package.json'));
      const folder = (name: string) => path.join(root, name) + path.sep;
      assets = { cMapUrl: folder('cmaps'), standardFontDataUrl: folder('standard_fonts'), wasmUrl: folder('wasm'), iccUrl: folder('iccs') };
      break;
    } catch {
      // Try the next way.
    }
  }
  return assets;
}
