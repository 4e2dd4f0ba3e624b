import { addProjectEvidence } from '@/lib/commitments/add-project-evidence';
import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { commitmentParams } from '@/lib/http/route-params';

export const dynamic = 'force-dynamic';

/** The "Add project as evidence" form posts here. addProjectEvidence checks who may and what was sent. */
export const POST = formRoute(
  { params: commitmentParams, page: ({ id }) => `/commitments/${id}`, attempt: { form: 'commitment-project', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await addProjectEvidence(hub, viewer, id, fields);
    return seeOther(`/commitments/${id}?done=evidence#evidence`);
  },
);
