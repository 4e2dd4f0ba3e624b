import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { materialParams } from '@/lib/http/route-params';
import { addKitItem } from '@/lib/kits/add-kit-item';

export const dynamic = 'force-dynamic';

/** "Add to a kit" on a material's page posts here. addKitItem checks the kit, who may and the material. */
export const POST = formRoute(
  { params: materialParams, page: ({ id }) => `/materials/${id}`, attempt: { form: 'kit-item', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    const { kitId } = await addKitItem(hub, viewer, { ...fields, material: id });
    return seeOther(`/kits/${kitId}?done=added#items`);
  },
);
