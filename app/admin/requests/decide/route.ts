import { formRoute } from '@/lib/http/form-route';
import { fieldText } from '@/lib/http/read-form';
import { seeOther } from '@/lib/http/responses';
import { decideAdminRequest } from '@/lib/organisations/decide-admin-request';
import { whenGone } from '@/lib/organisations/when-gone';

export const dynamic = 'force-dynamic';

/** Approve or Refuse on the site admins' queue. decideAdminRequest checks the viewer is a site admin. */
export const POST = formRoute({ page: () => '/admin/requests', attempt: { form: 'site-requests' } }, async ({ fields, viewer, hub }) => {
  const decided = await whenGone(decideAdminRequest(hub, viewer, { requestId: fieldText(fields, 'requestId'), decision: fieldText(fields, 'decision') }));
  const query = new URLSearchParams({ done: decided.status });
  if (decided.status === 'approved') query.set('who', decided.requesterName);
  return seeOther(`/admin/requests?${query}`);
});
