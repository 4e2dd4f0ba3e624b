import { formRoute } from '@/lib/http/form-route';
import { fieldText } from '@/lib/http/read-form';
import { seeOther } from '@/lib/http/responses';
import { askToBecomeAdmin } from '@/lib/organisations/ask-to-become-admin';

export const dynamic = 'force-dynamic';

/** "Send request" on "Ask to become an organisation admin". askToBecomeAdmin checks who may ask. */
export const POST = formRoute({ page: () => '/account/become-admin', attempt: { form: 'become-admin' } }, async ({ fields, viewer, hub }) => {
  await askToBecomeAdmin(hub, viewer, { message: fieldText(fields, 'message', 5000) });
  return seeOther('/account?done=admin_requested');
});
