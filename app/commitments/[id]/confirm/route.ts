import { confirmCommitment } from '@/lib/commitments/confirm-commitment';
import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { commitmentParams } from '@/lib/http/route-params';

export const dynamic = 'force-dynamic';

/** "Confirm as kept" posts here. confirmCommitment checks who may, and that evidence is attached. */
export const POST = formRoute(
  { params: commitmentParams, page: ({ id }) => `/commitments/${id}`, attempt: { form: 'commitment-confirm', subject: ({ id }) => id } },
  async ({ params: { id }, viewer, hub }) => {
    await confirmCommitment(hub, viewer, id);
    return seeOther(`/commitments/${id}?done=confirmed`);
  },
);
