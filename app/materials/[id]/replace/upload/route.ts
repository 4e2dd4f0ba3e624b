import { formRoute } from '@/lib/http/form-route';
import { receiveReplacementFile } from '@/lib/http/replace-upload';
import { seeOther } from '@/lib/http/responses';
import { materialParams } from '@/lib/http/route-params';

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
    const result = await receiveReplacementFile(context.hub, context.request, context.viewer, context.params.id, {
      onAnswers: (answers) => {
        context.fields = answers;
      },
    });
    return seeOther(`/materials/${result.id}/check?replaced=${result.versionNumber}`);
  },
);
