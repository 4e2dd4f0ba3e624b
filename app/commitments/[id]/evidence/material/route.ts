import { addMaterialEvidence } from '@/lib/commitments/add-material-evidence';
import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { commitmentParams } from '@/lib/http/route-params';

export const dynamic = 'force-dynamic';

/** The "Add material as evidence" form posts here. addMaterialEvidence checks who may and what was sent. */
export const POST = formRoute(
  { params: commitmentParams, page: ({ id }) => `/commitments/${id}`, attempt: { form: 'commitment-material', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await addMaterialEvidence(hub, viewer, id, fields);
    return seeOther(`/commitments/${id}?done=evidence#evidence`);
  },
);
