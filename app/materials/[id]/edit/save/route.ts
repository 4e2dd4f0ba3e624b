import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { materialParams } from '@/lib/http/route-params';
import { updateMaterial } from '@/lib/materials/update-material';

export const dynamic = 'force-dynamic';

/** The edit form posts here. updateMaterial checks who may change it and validates every answer. */
export const POST = formRoute(
  { params: materialParams, page: ({ id }) => `/materials/${id}/edit`, attempt: { form: 'edit', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await updateMaterial(hub, viewer, id, fields);
    return seeOther(`/materials/${id}?updated=1`);
  },
);
