import { checkpoint, ExtractionError, type ExtractContext } from '@/lib/extract/result';
import type { ZipArchive } from '@/lib/extract/zip';
import type { FindingDraft } from '../build-report';
import { imageMetadataFindings } from '../images/image-findings';
import { readImageMetadata } from '../images/read-image-metadata';

/**
 * GPS positions and names in the JPEG and PNG pictures inside a DOCX, PPTX or XLSX (their media
 * folders). Only the start of each picture is inflated (metadata comes first), at most MAX_IMAGES
 * pictures. Call this LAST for a package: reading media counts towards the package's inflation
 * limit, and once that is reached the remaining pictures are left unchecked (said in a note) rather
 * than failing the whole check.
 */
const MEDIA = /^(?:word|ppt|xl)\/media\/[^/]+\.(?:jpe?g|png)$/i;
const MAX_IMAGES = 50;
const HEAD_BYTES = 512 * 1024;

export async function checkEmbeddedImages(zip: ZipArchive, context: ExtractContext): Promise<{ drafts: FindingDraft[]; notes: string[] }> {
  const media = zip.names().filter((name) => MEDIA.test(name));
  const drafts: FindingDraft[] = [];
  const notes: string[] = [];
  for (const [index, name] of media.slice(0, MAX_IMAGES).entries()) {
    await checkpoint(context);
    let head: Buffer;
    try {
      head = await readHead(zip, name);
    } catch (error) {
      if (error instanceof ExtractionError && error.reason === 'zip_bomb') {
        notes.push('Some pictures inside the file were not checked for location data, because they are too large to unpack safely.');
        break;
      }
      // A picture that cannot be unpacked is skipped; the document's own text was read already.
      if (error instanceof ExtractionError && error.reason === 'malformed') continue;
      throw error;
    }
    try {
      const metadata = readImageMetadata(head);
      if (metadata) drafts.push(...imageMetadataFindings(metadata, { kind: 'embedded-image', index: index + 1 }));
    } catch {
      // A picture whose structure cannot be walked has no metadata we can rely on.
    }
  }
  if (media.length > MAX_IMAGES) notes.push(`Only the first ${MAX_IMAGES} of ${media.length} pictures inside the file were checked for location data.`);
  return { drafts, notes };
}

async function readHead(zip: ZipArchive, name: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of await zip.stream(name)) {
    parts.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (total >= HEAD_BYTES) break;
  }
  return Buffer.concat(parts);
}
