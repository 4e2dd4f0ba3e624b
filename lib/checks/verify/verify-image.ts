import sharp from 'sharp';
import { isJpeg } from '../images/jpeg-segments';
import { isPng, readPngChunks } from '../images/png-chunks';
import { rejected, verified, type FormatVerification } from './verification';

/**
 * A PNG or JPEG is what it claims when its structure is whole (a PNG's chunks run to IEND) and
 * libvips, through `sharp`, decodes every pixel of it without error: a truncated or corrupt picture
 * fails (`failOn: 'truncated'`), and so does a picture of more pixels than MAX_PIXELS, which would
 * take too much memory to decode.
 */
const MAX_PIXELS = 100_000_000;

export async function verifyImage(format: 'png' | 'jpeg', data: Buffer): Promise<FormatVerification> {
  const label = format === 'png' ? 'PNG' : 'JPEG';
  if (format === 'png' && !isPng(data)) return rejected(`It is not a PNG picture: it does not start the way a PNG does.`);
  if (format === 'jpeg' && !isJpeg(data)) return rejected(`It is not a JPEG picture: it does not start the way a JPEG does.`);
  if (format === 'png') {
    try {
      if (!readPngChunks(data).complete) return rejected('The PNG picture is cut short: it ends before its last part.');
    } catch {
      return rejected('The PNG picture is damaged.');
    }
  }
  try {
    const image = sharp(data, { failOn: 'truncated', limitInputPixels: MAX_PIXELS, sequentialRead: true });
    const metadata = await image.metadata();
    if (metadata.format !== (format === 'png' ? 'png' : 'jpeg')) return rejected(`It is not a ${label} picture.`);
    // Decoding every pixel is the only way to know the whole picture is there.
    await image.raw().toBuffer();
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) return rejected(`The ${label} picture is too large to check (over ${MAX_PIXELS / 1_000_000} million pixels).`);
    return rejected(`The ${label} picture is damaged or cut short, so it cannot be shown.`);
  }
  return verified();
}
