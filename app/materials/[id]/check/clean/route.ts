import { cleanMaterialFile } from '@/lib/file-checks/clean-material-file';
import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { materialParams } from '@/lib/http/route-params';

export const dynamic = 'force-dynamic';

/** "Remove hidden content" on the check page: a cleaned copy becomes the next version, checked again. */
export const POST = formRoute(
  { params: materialParams, page: ({ id }) => `/materials/${id}/check`, attempt: { form: 'clean', subject: ({ id }) => id, fileField: 'clean' } },
  async ({ params: { id }, viewer, hub }) => {
    const cleaned = await cleanMaterialFile(hub, viewer, id);
    return seeOther(`/materials/${id}/check?cleaned=${cleaned.versionNumber}`);
  },
);
