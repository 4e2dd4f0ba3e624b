import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { kitParams } from '@/lib/http/route-params';
import { removeKitItem } from '@/lib/kits/remove-kit-item';

export const dynamic = 'force-dynamic';

/** "Remove" beside an item posts here. removeKitItem checks who may and which item. */
export const POST = formRoute(
  { params: kitParams, page: ({ id }) => `/kits/${id}`, attempt: { form: 'kit-item', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await removeKitItem(hub, viewer, id, fields);
    return seeOther(`/kits/${id}?done=removed#items`);
  },
);
