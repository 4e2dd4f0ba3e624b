import { readJpegLayout } from '../images/jpeg-segments';
import { PNG_SIGNATURE, pngChunk, PngFormatError, readPngChunks } from '../images/png-chunks';
import { readImageMetadata } from '../images/read-image-metadata';

/**
 * Removes metadata from a picture without touching its pixels (no re-encoding, so no loss of
 * quality): byte for byte, the image data stays as it was.
 *
 * JPEG: keeps only what is needed to show the picture as it was shown — JFIF (APP0), the colour
 * profile (APP2 ICC_PROFILE) and Adobe's colour transform (APP14) — and drops EXIF (with GPS), XMP,
 * IPTC/Photoshop (APP13), comments and every other application segment, plus anything after the end
 * of the image (phones append further pictures there, with their own EXIF).
 * PNG: drops text (tEXt, zTXt, iTXt: authors, comments, XMP), eXIf and tIME chunks.
 *
 * EXIF also says which way up the picture is. Where it said anything but "upright", a new EXIF block
 * holding only that orientation is written, so the picture does not turn on its side.
 */
export function stripJpegMetadata(data: Buffer): { bytes: Buffer; removed: number } {
  const orientation = readImageMetadata(data)?.orientation;
  const layout = readJpegLayout(data);
  const kept: Buffer[] = [data.subarray(0, 2)];
  let removed = 0;
  let wroteOrientation = false;
  for (const segment of layout.segments) {
    if (isNeededJpegSegment(segment.marker, segment.payload)) {
      kept.push(data.subarray(segment.start, segment.end));
      // Right after JFIF (or first, if there is none): where EXIF belongs.
      if (!wroteOrientation && orientation && orientation !== 1 && segment.marker === 0xe0) {
        kept.push(orientationSegment(orientation));
        wroteOrientation = true;
      }
    } else removed++;
  }
  if (!wroteOrientation && orientation && orientation !== 1) kept.splice(1, 0, orientationSegment(orientation));
  const sos = layout.segments[layout.segments.length - 1]!;
  kept.push(data.subarray(sos.end, layout.imageEnd));
  if (layout.imageEnd < data.length) removed++;
  return { bytes: Buffer.concat(kept), removed };
}

function isNeededJpegSegment(marker: number, payload: Buffer): boolean {
  if (marker < 0xe0 || marker > 0xef) return marker !== 0xfe; // not an APPn segment: tables, frame, scan (COM dropped)
  if (marker === 0xe0) return payload.subarray(0, 5).toString('latin1') === 'JFIF\0';
  if (marker === 0xe2) return payload.subarray(0, 12).toString('latin1') === 'ICC_PROFILE\0';
  if (marker === 0xee) return payload.subarray(0, 5).toString('latin1') === 'Adobe';
  return false;
}

/** An APP1 EXIF segment with one tag: Orientation (0x0112), big-endian TIFF. */
function orientationSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xffe1, 0);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

const PNG_METADATA_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

export function stripPngMetadata(data: Buffer): { bytes: Buffer; removed: number } {
  const orientation = readImageMetadata(data)?.orientation;
  const { chunks, complete } = readPngChunks(data);
  if (!complete) throw new PngFormatError('PNG ends before IEND');
  const kept: Buffer[] = [PNG_SIGNATURE];
  let removed = 0;
  for (const chunk of chunks) {
    if (PNG_METADATA_CHUNKS.has(chunk.type)) {
      removed++;
      continue;
    }
    // An orientation-only eXIf goes before the image data, where the PNG extensions put it.
    if (chunk.type === 'IDAT' && orientation && orientation !== 1 && !kept.some((k) => k.subarray(4, 8).toString('latin1') === 'eXIf')) {
      kept.push(pngChunk('eXIf', orientationSegment(orientation).subarray(10)));
    }
    kept.push(data.subarray(chunk.start, chunk.end));
  }
  return { bytes: Buffer.concat(kept), removed };
}
