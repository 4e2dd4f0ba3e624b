import 'server-only';
import { Readable } from 'node:stream';
import { and, eq, lt, or, sql } from 'drizzle-orm';
import { filePreviews, materialVersions } from '@/lib/db/schema';
import { logger } from '@/lib/logging';
import { renderPreview, type LibreOfficeInstall, type PreviewImage, type PreviewLimits, type PreviewResult } from '@/lib/previews';
import type { Services } from '@/lib/services';
import { previewStorageKey, type PreviewPicture } from '@/lib/storage/storage-key';
import type { PreviewContent, PreviewStatus, StoredPicture } from './preview-content';

/**
 * The make-preview job: draws one file version's preview (lib/previews) and stores it, pictures in
 * the blob store under keys made from the version's id, the rest in its file_previews row. The row
 * is the job's durable record: 'pending' from the moment the version is written; whoever moves it to
 * 'making' does the work; the sweep queues pending rows, and rows 'making' for too long (a crash).
 *
 * Safe to run twice: a row already settled (ready, unsupported, failed) is left alone, and the keys
 * are the same on every run, so a retry overwrites what a failed run stored rather than adding to it.
 * Trouble reading or writing storage throws (the queue retries); on the last attempt the preview is
 * recorded as failed. Everything wrong with the file itself is a result, recorded with the library's
 * plain message.
 */

/** A preview still 'making' after this long was interrupted (a crash): it is made again. */
export const stalePreviewMs = 10 * 60 * 1000;

export interface MakePreviewOptions {
  limits?: Partial<PreviewLimits>;
  /** LibreOffice for slides: an install, or false for never (PREVIEWS_LIBREOFFICE=off). Default: found on the server. */
  libreOffice?: LibreOfficeInstall | false;
  /** The queue's last attempt: record a storage failure as failed instead of throwing for a retry. */
  finalAttempt?: boolean;
}

export type MakePreviewOutcome = PreviewStatus | 'skipped';

const storageFailureMessage = 'We could not make a preview of this file. You can still download the file.';

export async function makeVersionPreview(services: Services, versionId: string, options: MakePreviewOptions = {}): Promise<MakePreviewOutcome> {
  const [claimed] = await services.db
    .update(filePreviews)
    .set({ status: 'making', updatedAt: new Date() })
    .where(
      and(
        eq(filePreviews.versionId, versionId),
        or(eq(filePreviews.status, 'pending'), and(eq(filePreviews.status, 'making'), lt(filePreviews.updatedAt, new Date(Date.now() - stalePreviewMs)))),
      ),
    )
    .returning({ versionId: filePreviews.versionId });
  // Deleted since it was queued, settled by an earlier run, or being made by another worker.
  if (!claimed) return 'skipped';
  const [version] = await services.db
    .select({ format: materialVersions.format, sizeBytes: materialVersions.sizeBytes, storageKey: materialVersions.storageKey })
    .from(materialVersions)
    .where(eq(materialVersions.id, versionId));
  if (!version) return 'skipped';

  let result: PreviewResult;
  let stored: Stored;
  try {
    const { body } = await services.storage.get(version.storageKey);
    try {
      result = await renderPreview({ format: version.format, body: () => body, sizeBytes: version.sizeBytes }, options.limits, {
        ...(options.libreOffice !== undefined ? { libreOffice: options.libreOffice } : {}),
        // As extract-text does: the reason, and the library's error for the operator (never shown to people).
        onFailure: ({ reason, error }) => logger('make-preview').warn({ versionId, format: version.format, reason, err: error }, 'no preview'),
      });
    } finally {
      body.destroy(); // the library may decide without reading (an unsupported format, too large)
    }
    stored = await storePictures(services, versionId, result);
  } catch (error) {
    if (!options.finalAttempt) {
      // Back to pending, so the retry (or the sweep) may claim it at once.
      await services.db
        .update(filePreviews)
        .set({ status: 'pending', attempts: sqlIncrement(), updatedAt: new Date() })
        .where(and(eq(filePreviews.versionId, versionId), eq(filePreviews.status, 'making')));
      throw error;
    }
    logger('make-preview').error({ versionId, err: error }, 'could not read or store the preview: recorded as failed');
    result = { status: 'failed', reason: 'malformed', message: storageFailureMessage };
    stored = { content: null, thumbnailKey: null, keys: [] };
  }

  const status = result.status === 'ready' ? 'ready' : result.status;
  const updated = await services.db
    .update(filePreviews)
    .set({
      status,
      kind: result.status === 'ready' ? result.kind : null,
      message: result.status === 'ready' ? null : result.message,
      notice: result.status === 'ready' ? (result.notice ?? null) : null,
      pageCount: result.status === 'ready' ? pageCountOf(result) : null,
      content: stored.content,
      thumbnailKey: stored.thumbnailKey,
      storageKeys: stored.keys,
      updatedAt: new Date(),
    })
    .where(and(eq(filePreviews.versionId, versionId), eq(filePreviews.status, 'making')))
    .returning({ versionId: filePreviews.versionId });
  if (updated.length === 0) {
    // Deleted while it was being made: its pictures must not outlive it.
    await deletePictures(services, stored.keys);
    return 'skipped';
  }
  logger('make-preview').info({ versionId, format: version.format, previewStatus: status, kind: result.status === 'ready' ? result.kind : undefined }, 'preview made');
  return status;
}

interface Stored {
  content: PreviewContent | null;
  thumbnailKey: string | null;
  keys: string[];
}

/** Puts every picture of a ready preview in the blob store; returns the content that names them. */
async function storePictures(services: Services, versionId: string, result: PreviewResult): Promise<Stored> {
  if (result.status !== 'ready') return { content: null, thumbnailKey: null, keys: [] };
  const keys: string[] = [];
  const put = async (picture: PreviewPicture, image: PreviewImage): Promise<StoredPicture> => {
    const key = previewStorageKey(versionId, picture);
    await services.storage.put(key, Readable.from([image.data]), { contentType: image.contentType });
    keys.push(key);
    return { key, contentType: image.contentType, width: image.width, height: image.height };
  };
  let content: PreviewContent;
  switch (result.kind) {
    case 'pages': {
      const pages = [];
      for (const page of result.pages) pages.push({ ...(await put({ page: page.number }, page.image)), number: page.number, text: page.text });
      content = { kind: 'pages', source: result.source, pages };
      break;
    }
    case 'html': {
      const images = [];
      for (const [index, image] of result.images.entries()) images.push(await put({ image: index }, image));
      content = { kind: 'html', html: result.html, images, truncated: result.truncated };
      break;
    }
    case 'sheets':
      content = { kind: 'sheets', sheetCount: result.sheetCount, sheets: result.sheets };
      break;
    case 'outline':
      content = { kind: 'outline', slideCount: result.slideCount, slides: result.slides };
      break;
    case 'image':
      content = { kind: 'image', images: [await put({ image: 0 }, result.image)] };
      break;
  }
  if (result.thumbnail) content.thumbnail = await put('thumbnail', result.thumbnail);
  return { content, thumbnailKey: content.thumbnail?.key ?? null, keys };
}

function pageCountOf(result: Extract<PreviewResult, { status: 'ready' }>): number | null {
  switch (result.kind) {
    case 'pages':
      return result.pageCount;
    case 'outline':
      return result.slideCount;
    case 'sheets':
      return result.sheetCount;
    default:
      return null;
  }
}

/** Deletes stored preview pictures, best effort: what is left is found by storage:verify. */
export async function deletePictures(services: Services, keys: string[]): Promise<void> {
  for (const key of keys) {
    await services.storage.delete(key).catch((error: unknown) => logger('make-preview').warn({ err: error }, 'preview picture not deleted'));
  }
}

function sqlIncrement() {
  return sql`${filePreviews.attempts} + 1`;
}
