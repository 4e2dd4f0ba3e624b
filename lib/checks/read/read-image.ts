import { ExtractionError } from '@/lib/extract/result';
import { DocumentTextBuilder } from '../document-text';
import { imageMetadataFindings } from '../images/image-findings';
import { JpegFormatError } from '../images/jpeg-segments';
import { PngFormatError } from '../images/png-chunks';
import { readImageMetadata } from '../images/read-image-metadata';
import type { Reading } from './reading';

/**
 * PNG and JPEG pictures: their metadata only (GPS position, names). The picture itself is not read:
 * words or faces in it are not found (said in a note), as there is no OCR here.
 */
export function readImage(data: Buffer): Reading {
  let metadata;
  try {
    metadata = readImageMetadata(data);
  } catch (error) {
    if (error instanceof JpegFormatError || error instanceof PngFormatError) throw new ExtractionError('malformed', error.message, { cause: error });
    throw error;
  }
  if (!metadata) throw new ExtractionError('malformed', 'neither a PNG nor a JPEG');
  return {
    text: new DocumentTextBuilder(0).build(),
    drafts: imageMetadataFindings(metadata, { kind: 'document' }),
    notes: ['Only the picture’s hidden details (such as where it was taken) were checked: words or faces in the picture itself are not read.'],
  };
}
