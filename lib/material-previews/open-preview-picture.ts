import 'server-only';
import type { Readable } from 'node:stream';
import type { Viewer } from '@/lib/auth/viewer';
import type { Services } from '@/lib/services';
import { BlobNotFoundError } from '@/lib/storage/blob-store';
import { findViewablePreview } from './find-preview';

/** Which picture of a preview: a page (1-based, as in the document), a picture inside an HTML preview or the upload itself (0-based), or the thumbnail. */
export type PictureRequest = { page: string } | { image: string } | 'thumbnail';

export type PreviewPictureAnswer =
  /** The viewer may not see the material or version, or there is none: answered exactly as a download's 404. */
  | { status: 'not_found' }
  /** The viewer may see the file, but its preview has no such picture (yet): a 404 that says so. */
  | { status: 'no_picture' }
  | { status: 'ok'; body: Readable; sizeBytes: number; contentType: string; publicMaterial: boolean };

const pictureNumber = /^(0|[1-9][0-9]{0,3})$/;

/**
 * One stored picture of a version's preview, for the preview routes. The permission check is the
 * download's (findViewablePreview), so a preview is never seen by anyone who could not download the file.
 * The key comes from the preview's row, never from the request: the request only picks a number.
 */
export async function openPreviewPicture(
  services: Services,
  viewer: Viewer,
  materialId: string,
  which: PictureRequest,
  versionNumber?: string,
): Promise<PreviewPictureAnswer> {
  const found = await findViewablePreview(services, viewer, materialId, versionNumber);
  if (!found) return { status: 'not_found' };
  const { preview } = found;
  if (!preview || preview.status !== 'ready' || !preview.content) return { status: 'no_picture' };
  let key: string | undefined | null;
  let contentType = 'image/webp';
  if (which === 'thumbnail') key = preview.thumbnailKey;
  else {
    const number = 'page' in which ? which.page : which.image;
    if (!pictureNumber.test(number)) return { status: 'no_picture' };
    const content = preview.content;
    const picture =
      'page' in which
        ? content.kind === 'pages'
          ? content.pages.find((page) => page.number === Number(number))
          : undefined
        : content.kind === 'html' || content.kind === 'image'
          ? content.images[Number(number)]
          : undefined;
    key = picture?.key;
    if (picture) contentType = picture.contentType;
  }
  if (!key) return { status: 'no_picture' };
  try {
    const { body, sizeBytes } = await services.storage.get(key);
    const { material } = found;
    return { status: 'ok', body, sizeBytes, contentType, publicMaterial: material.status === 'published' && material.visibility === 'public' };
  } catch (error) {
    // Removed since (a material deleted this moment): nothing to show, as for a missing page.
    if (error instanceof BlobNotFoundError) return { status: 'no_picture' };
    throw error;
  }
}
