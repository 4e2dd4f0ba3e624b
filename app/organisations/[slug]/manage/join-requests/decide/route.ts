import { formRoute } from '@/lib/http/form-route';
import { fieldText } from '@/lib/http/read-form';
import { seeOther } from '@/lib/http/responses';
import { organisationParams } from '@/lib/http/route-params';
import { decideJoinRequest } from '@/lib/organisations/decide-join-request';
import { whenGone } from '@/lib/organisations/when-gone';

export const dynamic = 'force-dynamic';

/** Approve or Refuse on the manage page. decideJoinRequest checks the viewer manages the organisation. */
export const POST = formRoute(
  { params: organisationParams, page: ({ slug }) => `/organisations/${slug}/manage`, attempt: { form: 'manage-organisation', subject: ({ slug }) => slug } },
  async ({ params: { slug }, fields, viewer, hub }) => {
    const decided = await whenGone(decideJoinRequest(hub, viewer, { requestId: fieldText(fields, 'requestId'), decision: fieldText(fields, 'decision') }));
    return seeOther(`/organisations/${slug}/manage?${new URLSearchParams({ done: decided.status, member: decided.requesterId })}`);
  },
);
