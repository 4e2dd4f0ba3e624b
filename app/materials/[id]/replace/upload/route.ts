import { AppError } from '@/lib/errors';
import { materialFormRoute } from '@/lib/http/material-form-route';
import { refusalResponse, seeOther } from '@/lib/http/form-post';
import { parseMultipartUpload } from '@/lib/http/parse-multipart-upload';
import { saveFormAttempt } from '@/lib/materials/form-attempts';
import { replaceMaterialFile } from '@/lib/materials/replace-material-file';

// The replace-file form posts here (multipart, with or without JavaScript). A route handler rather than
// a server action, because server actions read the whole body into memory and files must stream.
export const dynamic = 'force-dynamic';

export const POST = materialFormRoute(async ({ request, id, viewer, hub }) => {
  let fields: Record<string, unknown> = {};
  try {
    const { result } = await parseMultipartUpload(request, hub.maxUploadBytes, (answers, file) => {
      fields = answers;
      return replaceMaterialFile(hub, viewer, id, { fields: answers, file });
    });
    return seeOther(request, `/materials/${result.id}?replaced=${result.versionNumber}`);
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') {
      const attempt = await saveFormAttempt(hub, viewer, { form: 'replace', materialId: id, fields, errors: error.fieldErrors });
      return seeOther(request, `/materials/${id}/replace?attempt=${attempt}`);
    }
    if (error instanceof AppError && (error.code === 'storage_unavailable' || error.code === 'database_unavailable' || error.code === 'bad_request')) {
      // Keep the change note and say what happened next to the file input.
      const attempt = await saveFormAttempt(hub, viewer, {
        form: 'replace',
        materialId: id,
        fields,
        errors: [{ field: 'file', message: error.message }],
      }).catch(() => undefined);
      if (attempt) return seeOther(request, `/materials/${id}/replace?attempt=${attempt}`);
    }
    return refusalResponse(request, viewer, error, `/materials/${id}/replace`);
  }
});
