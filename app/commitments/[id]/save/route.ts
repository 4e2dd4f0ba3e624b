import { updateCommitment } from '@/lib/commitments/update-commitment';
import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { commitmentParams } from '@/lib/http/route-params';

export const dynamic = 'force-dynamic';

/** The "Change this commitment" form posts here. updateCommitment checks who may and what was sent. */
export const POST = formRoute(
  { params: commitmentParams, page: ({ id }) => `/commitments/${id}/edit`, attempt: { form: 'commitment', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await updateCommitment(hub, viewer, id, fields);
    return seeOther(`/commitments/${id}?done=updated`);
  },
);
