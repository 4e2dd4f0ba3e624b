// The pdf.js side of lib/previews/pdf.ts: draws the first pages of a PDF as WebP pictures, each with
// its text, in a worker thread, so that a hostile PDF can be stopped at any moment (terminate() ends
// even a page that never finishes) and its heap is capped. Plain JavaScript: Node loads it directly,
// without the TypeScript toolchain (as lib/extract/pdf-worker.mjs).
//
// In:  workerData = { data: Uint8Array, limits: {...}, assets: { standardFontDataUrl?, cMapUrl?, wasmUrl?, iccUrl? } }
// Out: { type: 'opened', pageCount }
//      { type: 'page', number, image: Uint8Array (transferred), width, height, text }
//      { type: 'page-failed', number, name, message }
//      { type: 'done', pixelBudgetReached }
//      { type: 'error', name, message }      the document could not be opened
import { parentPort, workerData } from 'node:worker_threads';

const WEBP_QUALITY = 80;

async function main() {
  // pdf.js's own worker code runs in this thread ("fake worker"); handing it over here spares pdf.js
  // from finding it by URL.
  globalThis.pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { limits, assets } = workerData;

  const task = pdfjs.getDocument({
    data: workerData.data,
    // CVE-2024-4367. pdf.js 6 no longer compiles fonts into JavaScript at all; the option is kept as the
    // project's rule says, so a downgrade could not quietly turn it back on.
    isEvalSupported: false,
    // Never load anything: fonts are drawn as paths by pdf.js, nothing is fetched (assets are read from
    // pdfjs-dist's own folders on disk), no system fonts, no XFA forms, no scripting.
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    stopAtErrors: false,
    // A picture inside the PDF larger than this is not decoded (a "pixel bomb" in a small file).
    maxImageSize: limits.maxEmbeddedImagePixels,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    ...(assets.cMapUrl ? { cMapUrl: assets.cMapUrl, cMapPacked: true } : {}),
    ...(assets.standardFontDataUrl ? { standardFontDataUrl: assets.standardFontDataUrl } : {}),
    ...(assets.wasmUrl ? { wasmUrl: assets.wasmUrl } : {}),
    ...(assets.iccUrl ? { iccUrl: assets.iccUrl } : {}),
  });

  let document;
  try {
    document = await task.promise;
  } catch (error) {
    parentPort.postMessage({ type: 'error', name: String(error?.name ?? 'Error'), message: String(error?.message ?? error) });
    return;
  }
  parentPort.postMessage({ type: 'opened', pageCount: document.numPages });
  if (document.numPages > limits.maxDocumentPages) {
    await task.destroy();
    return;
  }

  let pixelsLeft = limits.maxTotalPagePixels;
  let pixelBudgetReached = false;
  const last = Math.min(document.numPages, limits.maxPages);
  for (let number = 1; number <= last; number++) {
    try {
      const page = await document.getPage(number);
      const natural = page.getViewport({ scale: 1 });
      const scale = pageScale(natural.width, natural.height, limits);
      const viewport = page.getViewport({ scale });
      const width = Math.max(1, Math.floor(viewport.width));
      const height = Math.max(1, Math.floor(viewport.height));
      if (width * height > pixelsLeft) {
        pixelBudgetReached = true;
        page.cleanup();
        break;
      }
      pixelsLeft -= width * height;
      const { canvas } = document.canvasFactory.create(width, height);
      // pdf.js leaves the canvas transparent where the page draws nothing: paper is white.
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, width, height);
      await page.render({ canvas, viewport, background: '#ffffff' }).promise;
      const image = new Uint8Array(await canvas.encode('webp', WEBP_QUALITY));
      const content = await page.getTextContent({ includeMarkedContent: false });
      const text = pageText(content.items, limits.maxPageTextChars);
      parentPort.postMessage({ type: 'page', number, image, width, height, text }, [image.buffer]);
      canvas.width = 0;
      canvas.height = 0;
      page.cleanup();
    } catch (error) {
      parentPort.postMessage({ type: 'page-failed', number, name: String(error?.name ?? 'Error'), message: String(error?.message ?? error) });
    }
  }
  parentPort.postMessage({ type: 'done', pixelBudgetReached });
  await task.destroy();
}

/** The scale that fits the page into the width, a height of four widths, and the pixel budget. */
function pageScale(width, height, limits) {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  return Math.min(limits.pageWidthPx / w, (limits.pageWidthPx * 4) / h, Math.sqrt(limits.maxPagePixels / (w * h)));
}

/**
 * A page's text items as one string. As in lib/extract/pdf-worker.mjs: pdf.js leaves out the space
 * between two runs placed apart, so a gap wider than a fifth of the text's size, a step back, or a
 * jump to another line counts as one.
 */
function pageText(items, maxChars) {
  let text = '';
  let previous;
  for (const item of items) {
    if (text.length > maxChars) break;
    if (!item || typeof item.str !== 'string') continue;
    const [a = 0, b = 0, , , x = 0, y = 0] = Array.isArray(item.transform) ? item.transform : [];
    const size = Math.hypot(a, b) || item.height || 1;
    if (previous && item.str.length > 0) {
      const gap = x - previous.x;
      if (gap > size * 0.2 || gap < -size * 0.5 || Math.abs(y - previous.y) > size * 0.5) text += ' ';
    }
    if (item.str.length > 0) {
      text += item.str;
      previous = { x: x + (item.width || 0), y, size };
    }
    if (item.hasEOL) {
      text += '\n';
      previous = undefined;
    }
  }
  return text
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F\u200B-\u200F\u2028\u2029\uFEFF]/g, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim()
    .slice(0, maxChars);
}

main().catch((error) => {
  parentPort.postMessage({ type: 'error', name: String(error?.name ?? 'Error'), message: String(error?.message ?? error) });
});
