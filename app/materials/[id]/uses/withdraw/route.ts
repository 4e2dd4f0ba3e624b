import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { materialParams } from '@/lib/http/route-params';
import { withdrawUse } from '@/lib/reuse/withdraw-use';

export const dynamic = 'force-dynamic';

/** "Remove our council" under "We used this". withdrawUse checks who may. */
export const POST = formRoute(
  { params: materialParams, page: ({ id }) => `/materials/${id}`, attempt: { form: 'withdraw-use', subject: ({ id }) => id } },
  async ({ params: { id }, viewer, hub }) => {
    await withdrawUse(hub, viewer, id);
    return seeOther(`/materials/${id}?used=withdrawn#we-used-this`);
  },
);
