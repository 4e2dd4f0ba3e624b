import zlib from 'node:zlib';

/**
 * The chunks of a PNG file (PNG specification, third edition): length, type, data, CRC. Metadata
 * lives in ancillary chunks — tEXt, zTXt and iTXt (keyword and text: Author, Comment, XMP), eXIf
 * (EXIF, with GPS) and tIME — which can be dropped without touching the picture.
 */

export interface PngChunk {
  type: string;
  start: number;
  end: number;
  data: Buffer;
}

export class PngFormatError extends Error {}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPng(data: Buffer): boolean {
  return data.length >= 8 && data.subarray(0, 8).equals(PNG_SIGNATURE);
}

/** Every chunk up to and including IEND; `complete` is false when the file stops before IEND. */
export function readPngChunks(data: Buffer): { chunks: PngChunk[]; complete: boolean } {
  if (!isPng(data)) throw new PngFormatError('no PNG signature');
  const chunks: PngChunk[] = [];
  let offset = 8;
  while (offset + 12 <= data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.subarray(offset + 4, offset + 8).toString('latin1');
    const end = offset + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type)) throw new PngFormatError('a chunk has no valid type');
    if (end > data.length) return { chunks, complete: false };
    chunks.push({ type, start: offset, end, data: data.subarray(offset + 8, offset + 8 + length) });
    if (type === 'IEND') return { chunks, complete: true };
    offset = end;
  }
  return { chunks, complete: false };
}

/** A text chunk's keyword and text (zTXt and compressed iTXt are inflated, at most `maxBytes`). */
export function pngText(chunk: PngChunk, maxBytes = 1024 * 1024): { keyword: string; text: string } | undefined {
  const nul = chunk.data.indexOf(0);
  if (nul <= 0) return undefined;
  const keyword = chunk.data.subarray(0, nul).toString('latin1');
  try {
    if (chunk.type === 'tEXt') return { keyword, text: chunk.data.subarray(nul + 1).toString('latin1') };
    if (chunk.type === 'zTXt') return { keyword, text: zlib.inflateSync(chunk.data.subarray(nul + 2), { maxOutputLength: maxBytes }).toString('latin1') };
    if (chunk.type === 'iTXt') {
      const compressed = chunk.data[nul + 1] === 1;
      // Then the compression method, a language tag and a translated keyword, each NUL-ended.
      let at = nul + 3;
      for (let i = 0; i < 2; i++) {
        const next = chunk.data.indexOf(0, at);
        if (next === -1) return undefined;
        at = next + 1;
      }
      const body = chunk.data.subarray(at);
      return { keyword, text: (compressed ? zlib.inflateSync(body, { maxOutputLength: maxBytes }) : body).toString('utf8') };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** A chunk with its length and CRC, for writing. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}
