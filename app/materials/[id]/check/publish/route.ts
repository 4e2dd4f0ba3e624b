import { publishMaterial } from '@/lib/file-checks/publish-material';
import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { materialParams } from '@/lib/http/route-params';

export const dynamic = 'force-dynamic';

/** "Publish" on the check page. publishMaterial checks who may, and what the check asks for. */
export const POST = formRoute(
  { params: materialParams, page: ({ id }) => `/materials/${id}/check`, attempt: { form: 'publish', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await publishMaterial(hub, viewer, id, fields);
    return seeOther(`/materials/${id}?published=1`);
  },
);
