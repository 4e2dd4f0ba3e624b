import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { materialParams } from '@/lib/http/route-params';
import { withdrawMaterial } from '@/lib/materials/withdraw-material';

export const dynamic = 'force-dynamic';

/** The withdraw form posts here. withdrawMaterial checks who may withdraw it and validates the reason. */
export const POST = formRoute(
  { params: materialParams, page: ({ id }) => `/materials/${id}/withdraw`, attempt: { form: 'withdraw', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await withdrawMaterial(hub, viewer, id, fields);
    return seeOther(`/materials/${id}?withdrawn=1`);
  },
);
