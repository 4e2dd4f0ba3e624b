import { recordCommitment } from '@/lib/commitments/record-commitment';
import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/** The "Record a commitment" form posts here. recordCommitment checks who may and every answer. */
export const POST = formRoute({ page: () => '/commitments/new', attempt: { form: 'commitment' } }, async ({ fields, viewer, hub }) => {
  const { id } = await recordCommitment(hub, viewer, fields);
  return seeOther(`/commitments/${id}?done=recorded`);
});
