import 'server-only';
import type { Viewer } from '@/lib/auth/viewer';
import { checkSoon } from '@/lib/file-checks/check-version';
import { replaceMaterialFile, type ReplacedFile } from '@/lib/materials/replace-material-file';
import { discardFile } from '@/lib/materials/store-file';
import type { Services } from '@/lib/services';
import { parseMultipartUpload } from './parse-multipart-upload';
import type { ReceiveUploadOptions } from './share-upload';

/**
 * The one way a material's new file is received, for the replace form (/materials/<id>/replace/upload)
 * and the API (POST /api/v1/materials/<id>/versions): streamed in, stored as the next version by
 * replaceMaterialFile (which checks permission, the change note and the file; the material is a draft
 * again), then checked (now, if it is small) before the uploader decides to publish it.
 */
export async function receiveReplacementFile(
  hub: Services,
  request: Request,
  viewer: Viewer,
  materialId: string,
  options: Pick<ReceiveUploadOptions, 'checkAnswers' | 'onAnswers'> = {},
): Promise<ReplacedFile> {
  const { result } = await parseMultipartUpload(request, hub.maxUploadBytes, async (answers, file) => {
    options.onAnswers?.(answers);
    try {
      options.checkAnswers?.(answers);
    } catch (error) {
      await discardFile(hub, file);
      throw error;
    }
    return replaceMaterialFile(hub, viewer, materialId, { fields: answers, file });
  });
  await checkSoon(hub, { id: result.versionId, sizeBytes: result.sizeBytes });
  return result;
}
