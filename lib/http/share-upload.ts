import 'server-only';
import { checkSoon } from '@/lib/file-checks/check-version';
import { createMaterial } from '@/lib/materials/create-material';
import { DuplicateFileError, duplicateOfField } from '@/lib/materials/find-duplicate';
import type { FormContext } from './form-route';
import { parseMultipartUpload } from './parse-multipart-upload';
import { seeOther } from './responses';

/**
 * The one way a shared file is received from a form, for "Share a material" (/materials/upload) and
 * "Adapt this for my council" (/materials/<id>/adapt/upload): the answers and file streamed in
 * (never held in memory), shared as a draft by createMaterial (which checks permission, the answers,
 * the file and, for an adaptation, the source), checked, and then the check page.
 */
export async function shareUploadedMaterial<P>(context: FormContext<P>, options: { adaptedFrom?: string } = {}): Promise<Response> {
  const { result } = await parseMultipartUpload(context.request, context.hub.maxUploadBytes, async (answers, file) => {
    context.fields = answers;
    try {
      return await createMaterial(context.hub, { actor: context.viewer, fields: answers, file, adaptedFrom: options.adaptedFrom });
    } catch (error) {
      // Kept with the answers, so the form can link to the material that has the same file.
      if (error instanceof DuplicateFileError) context.fields = { ...answers, [duplicateOfField]: error.materialId };
      throw error;
    }
  });
  // Shared as a draft: checked (now, if it is small), then the uploader sees the check and publishes.
  await checkSoon(context.hub, { id: result.versionId, sizeBytes: result.sizeBytes });
  return seeOther(`/materials/${result.id}/check?shared=1`);
}
