import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { materialParams } from '@/lib/http/route-params';
import { recordUse } from '@/lib/reuse/record-use';

export const dynamic = 'force-dynamic';

/** "We used this" on a material's page. recordUse checks who may and the note. */
export const POST = formRoute(
  { params: materialParams, page: ({ id }) => `/materials/${id}`, attempt: { form: 'material-use', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await recordUse(hub, viewer, id, fields);
    return seeOther(`/materials/${id}?used=recorded#we-used-this`);
  },
);
