import { withdrawCommitment } from '@/lib/commitments/withdraw-commitment';
import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { commitmentParams } from '@/lib/http/route-params';

export const dynamic = 'force-dynamic';

/** "Withdraw commitment" posts here. withdrawCommitment checks who may. */
export const POST = formRoute(
  { params: commitmentParams, page: ({ id }) => `/commitments/${id}/withdraw`, attempt: { form: 'commitment-withdraw', subject: ({ id }) => id } },
  async ({ params: { id }, viewer, hub }) => {
    await withdrawCommitment(hub, viewer, id);
    return seeOther('/commitments?withdrawn=1');
  },
);
