import { formRoute } from '@/lib/http/form-route';
import { parseMultipartUpload } from '@/lib/http/parse-multipart-upload';
import { seeOther } from '@/lib/http/responses';
import { checkSoon } from '@/lib/file-checks/check-version';
import { createMaterial } from '@/lib/materials/create-material';
import { DuplicateFileError, duplicateOfField } from '@/lib/materials/find-duplicate';

// The share form posts here (multipart, with or without JavaScript). A route handler that streams the
// file to storage: it is never held in memory.
export const dynamic = 'force-dynamic';

export const POST = formRoute(
  { body: 'stream', page: () => '/materials/new', attempt: { form: 'share', fileField: 'file', forbiddenBesideFile: true } },
  async (context) => {
    const { result } = await parseMultipartUpload(context.request, context.hub.maxUploadBytes, async (answers, file) => {
      context.fields = answers;
      try {
        return await createMaterial(context.hub, { actor: context.viewer, fields: answers, file });
      } catch (error) {
        // Kept with the answers, so the form can link to the material that has the same file.
        if (error instanceof DuplicateFileError) context.fields = { ...answers, [duplicateOfField]: error.materialId };
        throw error;
      }
    });
    // Shared as a draft: checked (now, if it is small), then the uploader sees the check and publishes.
    await checkSoon(context.hub, { id: result.versionId, sizeBytes: result.sizeBytes });
    return seeOther(`/materials/${result.id}/check?shared=1`);
  },
);
