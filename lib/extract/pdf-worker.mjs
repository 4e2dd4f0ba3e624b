// The pdf.js side of lib/extract/pdf.ts, run in a worker thread so that a hostile PDF can be stopped
// at any moment (worker.terminate() interrupts even a page that never ends) and cannot hold up the
// process that asked. Plain JavaScript: Node loads it directly, without the TypeScript toolchain.
//
// In:  workerData = { data: Uint8Array, cMapUrl?: string, standardFontDataUrl?: string }
// Out: { type: 'opened', pageCount }
//      { type: 'page', number, parts }   parts: strings, and 1 for "a space here", 2 for "a line break here"
//      { type: 'page-failed', number, name, message }
//      { type: 'done' }
//      { type: 'error', name, message }  the document could not be opened
import { parentPort, workerData } from 'node:worker_threads';

const SPACE = 1;
const LINE = 2;

async function main() {
  // pdf.js's worker code runs in this thread ("fake worker"); handing it over here spares pdf.js from
  // finding it by URL.
  globalThis.pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');

  const task = pdfjs.getDocument({
    data: workerData.data,
    // CVE-2024-4367: never compile anything from the document into code. pdf.js 5.7 removed its last
    // use of eval (PostScript functions, now compiled to WebAssembly) and this option with it, so
    // pdf.js 6 ignores it; it stays as the marker of the rule. What keeps the rule now is `useWasm:
    // false`: PostScript functions are interpreted, never compiled, and no WebAssembly decoder is
    // loaded (text extraction decodes no images).
    isEvalSupported: false,
    useWasm: false,
    disableFontFace: true,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    // Text only: no renderer thread, no canvas.
    disableWorkerRendering: true,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    ...(workerData.cMapUrl ? { cMapUrl: workerData.cMapUrl, cMapPacked: true } : {}),
    ...(workerData.standardFontDataUrl ? { standardFontDataUrl: workerData.standardFontDataUrl } : {}),
  });

  let document;
  try {
    document = await task.promise;
  } catch (error) {
    parentPort.postMessage({ type: 'error', name: String(error?.name ?? 'Error'), message: String(error?.message ?? error) });
    return;
  }
  parentPort.postMessage({ type: 'opened', pageCount: document.numPages });

  for (let number = 1; number <= document.numPages; number++) {
    try {
      const page = await document.getPage(number);
      const content = await page.getTextContent({ includeMarkedContent: false });
      parentPort.postMessage({ type: 'page', number, parts: pageParts(content.items) });
      page.cleanup();
    } catch (error) {
      parentPort.postMessage({ type: 'page-failed', number, name: String(error?.name ?? 'Error'), message: String(error?.message ?? error) });
    }
  }
  parentPort.postMessage({ type: 'done' });
  await task.destroy();
}

/**
 * A page's text items as strings and breaks. pdf.js leaves out the space between two runs placed
 * apart (form-field boxes, table cells): a gap wider than a fifth of the text's size, a step back, or
 * a jump to another line counts as one.
 */
function pageParts(items) {
  const parts = [];
  let previous;
  for (const item of items) {
    if (!item || typeof item.str !== 'string') continue;
    const [a = 0, b = 0, , , x = 0, y = 0] = Array.isArray(item.transform) ? item.transform : [];
    const size = Math.hypot(a, b) || item.height || 1;
    if (previous && item.str.length > 0) {
      const gap = x - previous.x;
      if (gap > size * 0.2 || gap < -size * 0.5 || Math.abs(y - previous.y) > size * 0.5) parts.push(SPACE);
    }
    // A soft hyphen in a PDF is a drawn one ("16­24"), unless it sits beside another hyphen.
    if (item.str.length > 0) parts.push(item.str.replace(/(?<![-\u2010\u2011])\u00AD(?![-\u2010\u2011\u00AD])/g, '-'));
    if (item.str.length > 0) previous = { x: x + (item.width || 0), y, size };
    if (item.hasEOL) {
      parts.push(LINE);
      previous = undefined;
    }
  }
  return parts;
}

main().catch((error) => {
  parentPort.postMessage({ type: 'error', name: String(error?.name ?? 'Error'), message: String(error?.message ?? error) });
});
