import { formRoute } from '@/lib/http/form-route';
import { fieldText } from '@/lib/http/read-form';
import { seeOther } from '@/lib/http/responses';
import { cancelJoinRequest } from '@/lib/organisations/cancel-join-request';
import { whenGone } from '@/lib/organisations/when-gone';

export const dynamic = 'force-dynamic';

/** "Cancel request". cancelJoinRequest checks the request is the viewer's own and still waiting. */
export const POST = formRoute({ page: () => '/account/join', attempt: { form: 'cancel-join' } }, async ({ fields, viewer, hub }) => {
  await whenGone(cancelJoinRequest(hub, viewer, { requestId: fieldText(fields, 'requestId') }));
  return seeOther('/account/join?done=cancelled');
});
