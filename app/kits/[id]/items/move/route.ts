import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { kitParams } from '@/lib/http/route-params';
import { moveKitItem } from '@/lib/kits/move-kit-item';

export const dynamic = 'force-dynamic';

/** "Move up" and "Move down" beside an item post here. moveKitItem checks who may and which item. */
export const POST = formRoute(
  { params: kitParams, page: ({ id }) => `/kits/${id}`, attempt: { form: 'kit-item', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await moveKitItem(hub, viewer, id, fields);
    return seeOther(`/kits/${id}?done=moved#items`);
  },
);
