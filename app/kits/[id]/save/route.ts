import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { kitParams } from '@/lib/http/route-params';
import { updateKit } from '@/lib/kits/update-kit';

export const dynamic = 'force-dynamic';

/** The "Change this kit" form posts here. updateKit checks who may and what was sent. */
export const POST = formRoute(
  { params: kitParams, page: ({ id }) => `/kits/${id}/edit`, attempt: { form: 'kit', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await updateKit(hub, viewer, id, fields);
    return seeOther(`/kits/${id}?done=updated`);
  },
);
