import { removeEvidence } from '@/lib/commitments/remove-evidence';
import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { commitmentParams } from '@/lib/http/route-params';

export const dynamic = 'force-dynamic';

/** Each "Remove" button beside the evidence posts here. removeEvidence checks who may and what was sent. */
export const POST = formRoute(
  { params: commitmentParams, page: ({ id }) => `/commitments/${id}`, attempt: { form: 'commitment-remove-evidence', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await removeEvidence(hub, viewer, id, fields);
    return seeOther(`/commitments/${id}?done=removed#evidence`);
  },
);
