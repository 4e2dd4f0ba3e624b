import sharp from 'sharp';
import { pngChunk } from '../images/png-chunks';
import { exifApp1, exifTiff, type ExifSpec } from './exif-bytes';

/**
 * Test-only pictures with planted metadata: a real JPEG or PNG made by sharp (so it decodes), with
 * EXIF (GPS, Artist, Orientation), a comment and, for PNG, an Author text chunk added by hand.
 */

/** Where the tests' pictures were "taken": central Bristol. */
export const PLANTED_POSITION = { latitude: 51.4545, longitude: -2.5879 };

export async function plainJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 16, height: 12, channels: 3, background: { r: 200, g: 80, b: 40 } } }).jpeg({ quality: 80 }).toBuffer();
}

export async function jpegWithMetadata(spec: ExifSpec = { artist: 'Jane Smith', gps: PLANTED_POSITION }, options: { comment?: string; trailer?: Buffer } = {}): Promise<Buffer> {
  const jpeg = await plainJpeg();
  const parts = [jpeg.subarray(0, 2), exifApp1(spec)];
  if (options.comment) {
    const text = Buffer.from(options.comment, 'latin1');
    const head = Buffer.alloc(4);
    head.writeUInt16BE(0xfffe, 0);
    head.writeUInt16BE(text.length + 2, 2);
    parts.push(head, text);
  }
  parts.push(jpeg.subarray(2));
  if (options.trailer) parts.push(options.trailer);
  return Buffer.concat(parts);
}

export async function plainPng(): Promise<Buffer> {
  return sharp({ create: { width: 16, height: 12, channels: 3, background: { r: 40, g: 80, b: 200 } } }).png().toBuffer();
}

/** A PNG with an Author text chunk and an eXIf chunk, both before the image data. */
export async function pngWithMetadata(spec: ExifSpec = { gps: PLANTED_POSITION }, author = 'Jane Smith'): Promise<Buffer> {
  const png = await plainPng();
  const ihdrEnd = 8 + 12 + 13;
  return Buffer.concat([
    png.subarray(0, ihdrEnd),
    pngChunk('tEXt', Buffer.from(`Author\0${author}`, 'latin1')),
    pngChunk('eXIf', exifTiff(spec)),
    png.subarray(ihdrEnd),
  ]);
}
