// The mammoth side of lib/previews/docx.ts, in a worker thread with a capped heap that is terminated
// at the preview's time limit: mammoth builds a whole DOM of the document, which on a huge or hostile
// document could hold this process's event loop and memory for as long as it takes.
// Plain JavaScript: Node loads it directly, without the TypeScript toolchain.
//
// In:  workerData = { entries: [{ name, data: Uint8Array }] }   the package parts docx.ts chose and checked
// Out: { type: 'done', html, images: [{ data: Uint8Array, contentType }] }
//      { type: 'error', name, message }
//
// mammoth reads the parts through `file` (its own zip reader is never used), and external files are
// off (`externalFileAccess: false`, mammoth ≥ 1.11, CVE-2025-11849): a picture that is only a link
// fails to read and is shown by its alternative text. Each picture becomes src="docx-image:N" for
// docx.ts to re-encode.
import { parentPort, workerData } from 'node:worker_threads';
import mammoth from 'mammoth';

async function main() {
  const entries = new Map(workerData.entries.map((entry) => [entry.name, entry.data]));
  const file = {
    exists: (name) => entries.has(name),
    read: async (name, encoding) => {
      const data = entries.get(name);
      if (!data) throw new Error(`no part ${name}`);
      if (encoding === 'base64') return Buffer.from(data).toString('base64');
      if (encoding) return new TextDecoder(encoding).decode(data);
      return data;
    },
  };
  const images = [];
  const result = await mammoth.convertToHtml(
    { file },
    {
      externalFileAccess: false,
      ignoreEmptyParagraphs: true,
      convertImage: mammoth.images.imgElement(async (image) => {
        try {
          const data = new Uint8Array(await image.read());
          images.push({ data, contentType: String(image.contentType ?? '') });
          return { src: `docx-image:${images.length - 1}` };
        } catch {
          return { src: 'dropped:' };
        }
      }),
    },
  );
  parentPort.postMessage({ type: 'done', html: result.value, images }, images.map((image) => image.data.buffer));
}

main().catch((error) => {
  parentPort.postMessage({ type: 'error', name: String(error?.name ?? 'Error'), message: String(error?.message ?? error) });
});
