import sharp from 'sharp';
import { PreviewError, throwIfTimedOut, type PreviewContext, type PreviewImage } from './result';

/**
 * Pictures, with `sharp` (libvips, prebuilt binaries as optional dependencies, no install scripts).
 * Every picture the previews hand out is decoded and encoded again here: what is stored and served is
 * a fresh WebP that carries no metadata at all (EXIF with GPS positions, XMP, ICC profiles, comments
 * are dropped; sharp keeps none unless asked), turned upright first by its EXIF orientation.
 * The header is read before any pixel is decoded, and a picture of more than `maxImagePixels` is
 * refused there (`limitInputPixels`), so a tiny file claiming 30,000 × 30,000 pixels costs nothing.
 */

const WEBP_QUALITY = 82;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Formats of pictures found inside documents that are decoded at all; the rest are left out. */
export function isDecodableImage(data: Buffer): boolean {
  return isPng(data) || isJpeg(data) || isGif(data) || isWebp(data);
}

export function isPng(data: Buffer): boolean {
  return data.subarray(0, 8).equals(PNG_SIGNATURE);
}

export function isJpeg(data: Buffer): boolean {
  return data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
}

function isGif(data: Buffer): boolean {
  return data.subarray(0, 4).toString('latin1') === 'GIF8';
}

function isWebp(data: Buffer): boolean {
  return data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP';
}

/** A picture re-encoded as WebP, no wider than `width`, without metadata. */
export async function reencodeImage(data: Buffer, width: number, context: PreviewContext): Promise<PreviewImage> {
  throwIfTimedOut(context);
  try {
    const { data: out, info } = await sharp(data, { limitInputPixels: context.limits.maxImagePixels, failOn: 'error', animated: false })
      .autoOrient()
      .resize({ width, withoutEnlargement: true })
      .webp({ quality: WEBP_QUALITY })
      .toBuffer({ resolveWithObject: true });
    throwIfTimedOut(context);
    return { contentType: 'image/webp', data: out, width: info.width, height: info.height };
  } catch (error) {
    throw imageError(error);
  }
}

/** A small copy of a picture made here (a page, a slide, an upload), `thumbnailWidthPx` wide. */
export async function thumbnailOf(image: PreviewImage, context: PreviewContext): Promise<PreviewImage> {
  return reencodeImage(image.data, context.limits.thumbnailWidthPx, context);
}

/** Width and height from the header alone, or undefined when it is not a picture sharp reads. */
export async function imageSize(data: Buffer): Promise<{ width: number; height: number } | undefined> {
  try {
    const { width, height } = await sharp(data, { limitInputPixels: false }).metadata();
    return width && height ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}

function imageError(error: unknown): PreviewError {
  if (error instanceof PreviewError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return new PreviewError('too_many_pixels', message, { cause: error });
  return new PreviewError('malformed', `the picture could not be decoded: ${message}`, { cause: error });
}
