import { formRoute } from '@/lib/http/form-route';
import { parseMultipartUpload } from '@/lib/http/parse-multipart-upload';
import { seeOther } from '@/lib/http/responses';
import { materialParams } from '@/lib/http/route-params';
import { checkSoon } from '@/lib/file-checks/check-version';
import { replaceMaterialFile } from '@/lib/materials/replace-material-file';

// The replace-file form posts here (multipart, with or without JavaScript). A route handler that
// streams the file: it is never held in memory.
export const dynamic = 'force-dynamic';

export const POST = formRoute(
  {
    params: materialParams,
    body: 'stream',
    page: ({ id }) => `/materials/${id}/replace`,
    attempt: { form: 'replace', subject: ({ id }) => id, fileField: 'file' },
  },
  async (context) => {
    const { id } = context.params;
    const { result } = await parseMultipartUpload(context.request, context.hub.maxUploadBytes, (answers, file) => {
      context.fields = answers;
      return replaceMaterialFile(context.hub, context.viewer, id, { fields: answers, file });
    });
    // The new file is checked (now, if it is small) before the uploader decides to publish it.
    await checkSoon(context.hub, { id: result.versionId, sizeBytes: result.sizeBytes });
    return seeOther(`/materials/${result.id}/check?replaced=${result.versionNumber}`);
  },
);
