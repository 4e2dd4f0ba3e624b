import { config } from '@/lib/config';
import { sendFeedback } from '@/lib/feedback/send-feedback';
import { formRoute } from '@/lib/http/form-route';
import { fieldText } from '@/lib/http/read-form';
import { seeOther } from '@/lib/http/responses';
import { clientNetworkAddress } from '@/lib/sign-in/client-address';

export const dynamic = 'force-dynamic';

/** "Send feedback" on /feedback. sendFeedback checks every answer and how much this network has sent. */
export const POST = formRoute({ page: () => '/feedback', attempt: { form: 'feedback' } }, async ({ request, fields, viewer, hub }) => {
  const networkAddress = clientNetworkAddress(request.headers, config().auth.trustedProxyHops);
  await sendFeedback(hub, viewer, { message: fieldText(fields, 'message', 10_000), replyEmail: fieldText(fields, 'replyEmail', 400) }, { networkAddress });
  return seeOther('/feedback?done=sent');
});
