import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { kitParams } from '@/lib/http/route-params';
import { deleteKit } from '@/lib/kits/delete-kit';

export const dynamic = 'force-dynamic';

/** "Delete kit" on the confirmation page posts here. deleteKit checks who may. */
export const POST = formRoute({ params: kitParams, page: ({ id }) => `/kits/${id}/delete` }, async ({ params: { id }, viewer, hub }) => {
  await deleteKit(hub, viewer, id);
  return seeOther('/kits?done=deleted');
});
