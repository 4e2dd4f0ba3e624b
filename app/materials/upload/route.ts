import { formRoute } from '@/lib/http/form-route';
import { parseMultipartUpload } from '@/lib/http/parse-multipart-upload';
import { seeOther } from '@/lib/http/responses';
import { createMaterial } from '@/lib/materials/create-material';

// The share form posts here (multipart, with or without JavaScript). A route handler that streams the
// file to storage: it is never held in memory.
export const dynamic = 'force-dynamic';

export const POST = formRoute(
  { body: 'stream', page: () => '/materials/new', attempt: { form: 'share', fileField: 'file', forbiddenBesideFile: true } },
  async (context) => {
    const { result } = await parseMultipartUpload(context.request, context.hub.maxUploadBytes, (answers, file) => {
      context.fields = answers;
      return createMaterial(context.hub, { actor: context.viewer, fields: answers, file });
    });
    return seeOther(`/materials/${result.id}?shared=1`);
  },
);
