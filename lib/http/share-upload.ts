import 'server-only';
import type { Viewer } from '@/lib/auth/viewer';
import { checkSoon } from '@/lib/file-checks/check-version';
import { createMaterial, type CreatedMaterial } from '@/lib/materials/create-material';
import { DuplicateFileError, duplicateOfField } from '@/lib/materials/find-duplicate';
import { discardFile } from '@/lib/materials/store-file';
import type { Services } from '@/lib/services';
import type { FormContext } from './form-route';
import { parseMultipartUpload, type UploadFields } from './parse-multipart-upload';
import { seeOther } from './responses';

export interface ReceiveUploadOptions {
  /** "Adapt this for my council": the material it is adapted from. */
  adaptedFrom?: string;
  /**
   * Called with the answers as soon as the file part begins, before a byte of it is stored: it may
   * throw to refuse them (the API refuses fields it does not take), and the file is then read to its
   * end and discarded.
   */
  checkAnswers?: (answers: UploadFields) => void;
  /** Told the answers (and, on a duplicate, which material has the file), so a refused form can keep them. */
  onAnswers?: (answers: UploadFields) => void;
}

/**
 * The one way a shared file is received, for "Share a material" (/materials/upload), "Adapt this for
 * my council" (/materials/<id>/adapt/upload) and the API (POST /api/v1/materials): the answers and
 * file streamed in (never held in memory), shared as a draft by createMaterial (which checks
 * permission, the answers, the file and, for an adaptation, the source), then checked (now, if it is
 * small) so that the uploader can see the check and publish.
 */
export async function receiveSharedUpload(hub: Services, request: Request, viewer: Viewer, options: ReceiveUploadOptions = {}): Promise<CreatedMaterial> {
  const { result } = await parseMultipartUpload(request, hub.maxUploadBytes, async (answers, file) => {
    options.onAnswers?.(answers);
    try {
      options.checkAnswers?.(answers);
    } catch (error) {
      await discardFile(hub, file);
      throw error;
    }
    try {
      return await createMaterial(hub, { actor: viewer, fields: answers, file, adaptedFrom: options.adaptedFrom });
    } catch (error) {
      // Kept with the answers, so the form can link to the material that has the same file.
      if (error instanceof DuplicateFileError) options.onAnswers?.({ ...answers, [duplicateOfField]: error.materialId });
      throw error;
    }
  });
  await checkSoon(hub, { id: result.versionId, sizeBytes: result.sizeBytes });
  return result;
}

/** The share and adapt forms: receiveSharedUpload, then the check page. */
export async function shareUploadedMaterial<P>(context: FormContext<P>, options: { adaptedFrom?: string } = {}): Promise<Response> {
  const result = await receiveSharedUpload(context.hub, context.request, context.viewer, {
    adaptedFrom: options.adaptedFrom,
    onAnswers: (answers) => {
      context.fields = answers;
    },
  });
  return seeOther(`/materials/${result.id}/check?shared=1`);
}
