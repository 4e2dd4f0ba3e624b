/**
 * The segments of a JPEG file (ITU T.81, JFIF), walked without decoding the picture: the markers
 * and lengths before the image data, where cameras and phones put EXIF (with GPS), XMP, IPTC and
 * comments. Bounded by the file's own length; a segment running past the end is an error.
 */

export interface JpegSegment {
  /** The marker's second byte: 0xE1 for APP1, 0xFE for COM, 0xDA for the start of the image data. */
  marker: number;
  /** Where the segment starts (its 0xFF) and ends, in the file. */
  start: number;
  end: number;
  /** The segment's payload (after the two length bytes). */
  payload: Buffer;
}

export interface JpegLayout {
  /** Segments from the first after SOI up to and including SOS (whose `end` is where image data starts). */
  segments: JpegSegment[];
  /** Where the image data ends: just past the EOI marker, or the file's end if there is none. */
  imageEnd: number;
}

export class JpegFormatError extends Error {}

const SOS = 0xda;
const EOI = 0xd9;

export function isJpeg(data: Buffer): boolean {
  return data.length >= 4 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
}

export function readJpegLayout(data: Buffer): JpegLayout {
  if (!isJpeg(data)) throw new JpegFormatError('no JPEG start-of-image marker');
  const segments: JpegSegment[] = [];
  let offset = 2;
  while (offset < data.length) {
    if (data[offset] !== 0xff) throw new JpegFormatError(`expected a marker at byte ${offset}`);
    // Any number of 0xFF fill bytes may come before a marker.
    let markerAt = offset + 1;
    while (data[markerAt] === 0xff) markerAt++;
    const marker = data[markerAt];
    if (marker === undefined) throw new JpegFormatError('file ends inside a marker');
    if (marker === EOI) return { segments, imageEnd: markerAt + 1 };
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset = markerAt + 1;
      continue;
    }
    if (markerAt + 2 >= data.length) throw new JpegFormatError('file ends inside a segment length');
    const length = data.readUInt16BE(markerAt + 1);
    const end = markerAt + 1 + length;
    if (length < 2 || end > data.length) throw new JpegFormatError('a segment runs past the end of the file');
    segments.push({ marker, start: offset, end, payload: data.subarray(markerAt + 3, end) });
    if (marker === SOS) return { segments, imageEnd: findImageEnd(data, end) };
    offset = end;
  }
  throw new JpegFormatError('no image data');
}

/**
 * Past the last byte of the image data: the EOI marker, found by skipping entropy-coded bytes (0xFF
 * is always followed by 0x00 or a restart or other marker there). Progressive JPEGs have further
 * segments between scans, which this walk passes over the same way.
 */
function findImageEnd(data: Buffer, from: number): number {
  let at = data.indexOf(0xff, from);
  while (at !== -1 && at + 1 < data.length) {
    if (data[at + 1] === EOI) return at + 2;
    at = data.indexOf(0xff, at + 2);
  }
  return data.length;
}

/** The EXIF block (TIFF data, after "Exif\0\0") of an APP1 segment, or undefined. */
export function exifPayload(segment: JpegSegment): Buffer | undefined {
  if (segment.marker !== 0xe1) return undefined;
  return segment.payload.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? segment.payload : undefined;
}

/** The XMP packet of an APP1 segment, as text, or undefined. */
export function xmpPayload(segment: JpegSegment): string | undefined {
  if (segment.marker !== 0xe1) return undefined;
  const header = 'http://ns.adobe.com/xap/1.0/\0';
  return segment.payload.subarray(0, header.length).toString('latin1') === header ? segment.payload.subarray(header.length).toString('utf8') : undefined;
}
