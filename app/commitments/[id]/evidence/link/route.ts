import { addLinkEvidence } from '@/lib/commitments/add-link-evidence';
import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { commitmentParams } from '@/lib/http/route-params';

export const dynamic = 'force-dynamic';

/** The "Add link as evidence" form posts here. addLinkEvidence checks who may and what was sent. */
export const POST = formRoute(
  { params: commitmentParams, page: ({ id }) => `/commitments/${id}`, attempt: { form: 'commitment-link', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await addLinkEvidence(hub, viewer, id, fields);
    return seeOther(`/commitments/${id}?done=evidence#evidence`);
  },
);
