import exifReader from 'exif-reader';
import { exifPayload, isJpeg, readJpegLayout, xmpPayload } from './jpeg-segments';
import { isPng, pngText, readPngChunks } from './png-chunks';

/**
 * What a JPEG or PNG file says about where it was taken and by whom, from its metadata alone (the
 * picture is never decoded): EXIF GPS position (JPEG APP1, PNG eXIf), XMP GPS, and names in EXIF
 * Artist / XPAuthor / CameraOwnerName, XMP dc:creator and PNG "Author" text.
 *
 * EXIF is read with `exif-reader`, from a segment of at most 64 KB (JPEG) or a chunk whose length the
 * file declares and this code has already checked against the file's size.
 */
export interface ImageMetadata {
  /** Where the picture was taken, when the file records it (degrees; south and west negative). */
  position?: { latitude: number; longitude: number };
  /** The file records a position in XMP, in a form not decoded here. */
  positionInXmp: boolean;
  /** Names the file records for its author or camera owner. */
  names: string[];
  /** EXIF orientation (1–8), kept by the clean-up so the picture stays the right way up. */
  orientation?: number;
  /** Free-text comments or descriptions (PNG text, JPEG COM), which can say anything. */
  hasComments: boolean;
}

/** Undefined when the bytes are neither a JPEG nor a PNG; throws JpegFormatError / PngFormatError on broken structure. */
export function readImageMetadata(data: Buffer): ImageMetadata | undefined {
  const metadata: ImageMetadata = { positionInXmp: false, names: [], hasComments: false };
  if (isJpeg(data)) {
    for (const segment of readJpegLayout(data).segments) {
      const exif = exifPayload(segment);
      if (exif) readExif(exif, metadata);
      const xmp = xmpPayload(segment);
      if (xmp) readXmp(xmp, metadata);
      if (segment.marker === 0xfe) metadata.hasComments = true;
    }
    return metadata;
  }
  if (isPng(data)) {
    for (const chunk of readPngChunks(data).chunks) {
      if (chunk.type === 'eXIf') readExif(chunk.data, metadata);
      if (chunk.type !== 'tEXt' && chunk.type !== 'zTXt' && chunk.type !== 'iTXt') continue;
      const text = pngText(chunk);
      if (!text) continue;
      if (text.keyword === 'XML:com.adobe.xmp') readXmp(text.text, metadata);
      else if (/^author$/i.test(text.keyword)) addName(metadata, text.text);
      else if (/^(comment|description|disclaimer|source|warning|title)$/i.test(text.keyword)) metadata.hasComments = true;
    }
    return metadata;
  }
  return undefined;
}

function readExif(block: Buffer, metadata: ImageMetadata): void {
  let exif: ReturnType<typeof exifReader>;
  try {
    exif = exifReader(block);
  } catch {
    // Broken EXIF says nothing we can rely on; the picture itself may still be fine.
    return;
  }
  const gps = exif.GPSInfo;
  const latitude = degrees(gps?.GPSLatitude, gps?.GPSLatitudeRef, 'S');
  const longitude = degrees(gps?.GPSLongitude, gps?.GPSLongitudeRef, 'W');
  if (latitude !== undefined && longitude !== undefined && !(latitude === 0 && longitude === 0)) {
    metadata.position = { latitude, longitude };
  }
  addName(metadata, exif.Image?.Artist);
  addName(metadata, exif.Photo?.CameraOwnerName);
  const xpAuthor = exif.Image?.XPAuthor as unknown;
  if (Array.isArray(xpAuthor) || Buffer.isBuffer(xpAuthor)) addName(metadata, Buffer.from(xpAuthor as number[]).toString('utf16le'));
  if (typeof exif.Image?.Orientation === 'number') metadata.orientation = exif.Image.Orientation;
  if (typeof exif.Image?.ImageDescription === 'string' && exif.Image.ImageDescription.trim()) metadata.hasComments = true;
}

function readXmp(xmp: string, metadata: ImageMetadata): void {
  if (/exif:GPSLatitude|GPSLatitude=/.test(xmp)) metadata.positionInXmp = true;
  const creator = /<dc:creator>[\s\S]{0,200}?<rdf:li[^>]*>([^<]{1,200})<\/rdf:li>/.exec(xmp);
  if (creator) addName(metadata, creator[1]);
}

function addName(metadata: ImageMetadata, value: unknown): void {
  if (typeof value !== 'string') return;
  const name = value.replace(/\0/g, '').trim();
  if (name && !metadata.names.includes(name)) metadata.names.push(name);
}

function degrees(value: unknown, reference: unknown, negative: string): number | undefined {
  if (!Array.isArray(value) || value.length < 1 || !value.every((part) => typeof part === 'number' && Number.isFinite(part))) return undefined;
  const [d = 0, m = 0, s = 0] = value as number[];
  const result = d + m / 60 + s / 3600;
  if (result > 180) return undefined;
  return typeof reference === 'string' && reference.toUpperCase().startsWith(negative) ? -result : result;
}
