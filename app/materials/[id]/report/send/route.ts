import { raiseConcern } from '@/lib/concerns/raise-concern';
import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { materialParams } from '@/lib/http/route-params';

export const dynamic = 'force-dynamic';

/** "Report a concern" posts here. raiseConcern checks who may, the answers and the rate limit. */
export const POST = formRoute(
  { params: materialParams, page: ({ id }) => `/materials/${id}/report`, attempt: { form: 'concern', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await raiseConcern(hub, viewer, id, fields);
    return seeOther(`/materials/${id}/report?sent=1`);
  },
);
