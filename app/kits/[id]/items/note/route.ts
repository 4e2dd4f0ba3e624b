import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { kitParams } from '@/lib/http/route-params';
import { changeKitNote } from '@/lib/kits/change-kit-note';

export const dynamic = 'force-dynamic';

/** "Save note" beside an item posts here. changeKitNote checks who may, which item and the note. */
export const POST = formRoute(
  { params: kitParams, page: ({ id }) => `/kits/${id}`, attempt: { form: 'kit-note', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await changeKitNote(hub, viewer, id, fields);
    return seeOther(`/kits/${id}?done=note#items`);
  },
);
