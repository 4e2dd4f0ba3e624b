// The pdf.js side of lib/checks/read/pdf-facts.ts, run in a worker thread like lib/extract's
// pdf-worker.mjs (and for the same reason: a hostile PDF can be stopped at any moment with
// worker.terminate(), and cannot hold up the process that asked). Plain JavaScript: Node loads it
// directly, without the TypeScript toolchain.
//
// In:  workerData = { data: Uint8Array, mode: 'check' | 'verify', cMapUrl?, standardFontDataUrl? }
// Out: { type: 'opened', pageCount, info, xmpCreators, xmpTitle, marked, tagged }
//      { type: 'page', number, text, comments: [{ author, text }] }     (mode 'check')
//      { type: 'page-failed', number, name, message }
//      { type: 'done' }
//      { type: 'error', name, message }   the document could not be opened
// In 'verify' mode only the first page is read: the file must open and have a page that parses.
import { parentPort, workerData } from 'node:worker_threads';

async function main() {
  globalThis.pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');

  const task = pdfjs.getDocument({
    data: workerData.data,
    // CVE-2024-4367: never compile font programs into JavaScript.
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    // Lenient in both modes: a PDF with a recoverable glitch still opens in every viewer, and is not
    // refused for it; a file that is not a PDF at all has no catalog or pages and fails anyway.
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

  const { info, metadata } = await document.getMetadata().catch(() => ({ info: {}, metadata: null }));
  const markInfo = await document.getMarkInfo().catch(() => null);
  let tagged = false;
  if (document.numPages > 0) {
    // pdf.js gives a page's structure tree only when the document has a StructTreeRoot.
    const first = await document.getPage(1).catch(() => null);
    tagged = Boolean(first && (await first.getStructTree().catch(() => null)));
  }
  parentPort.postMessage({
    type: 'opened',
    pageCount: document.numPages,
    info: {
      title: stringOf(info?.Title),
      author: stringOf(info?.Author),
      language: stringOf(info?.Language),
    },
    xmpTitle: stringOf(metadata?.get?.('dc:title')),
    xmpCreators: listOf(metadata?.get?.('dc:creator')),
    marked: Boolean(markInfo?.Marked),
    tagged,
  });

  const last = workerData.mode === 'verify' ? Math.min(1, document.numPages) : document.numPages;
  for (let number = 1; number <= last; number++) {
    try {
      const page = await document.getPage(number);
      const content = await page.getTextContent({ includeMarkedContent: false });
      const comments = workerData.mode === 'verify' ? [] : await pageComments(page);
      parentPort.postMessage({ type: 'page', number, text: pageText(content.items), comments });
      page.cleanup();
    } catch (error) {
      parentPort.postMessage({ type: 'page-failed', number, name: String(error?.name ?? 'Error'), message: String(error?.message ?? error) });
    }
  }
  parentPort.postMessage({ type: 'done' });
  await task.destroy();
}

/** Comment-like annotations (notes, free text, highlights…) with their author and text. */
async function pageComments(page) {
  const annotations = await page.getAnnotations({ intent: 'any' }).catch(() => []);
  const comments = [];
  for (const annotation of annotations) {
    if (annotation.subtype === 'Link' || annotation.subtype === 'Widget' || annotation.subtype === 'Popup') continue;
    const text = stringOf(annotation.contentsObj?.str);
    const author = stringOf(annotation.titleObj?.str);
    if (text || author) comments.push({ author, text: text.slice(0, 20000) });
  }
  return comments;
}

/** A page's text as lines: a break where pdf.js says a line ends, a space between runs set apart. */
function pageText(items) {
  let text = '';
  let previous;
  for (const item of items) {
    if (!item || typeof item.str !== 'string') continue;
    const [a = 0, b = 0, , , x = 0, y = 0] = Array.isArray(item.transform) ? item.transform : [];
    const size = Math.hypot(a, b) || item.height || 1;
    if (previous && item.str.length > 0) {
      if (Math.abs(y - previous.y) > size * 0.5) text += '\n';
      else if (x - previous.x > size * 0.2 || x - previous.x < -size * 0.5) text += ' ';
    }
    text += item.str;
    if (item.str.length > 0) previous = { x: x + (item.width || 0), y };
    if (item.hasEOL) {
      text += '\n';
      previous = undefined;
    }
  }
  return text;
}

function stringOf(value) {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(String).join(', ').trim();
  return '';
}

function listOf(value) {
  if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
  return typeof value === 'string' && value.trim() ? [value.trim()] : [];
}

main().catch((error) => {
  parentPort.postMessage({ type: 'error', name: String(error?.name ?? 'Error'), message: String(error?.message ?? error) });
});
