import { formRoute } from '@/lib/http/form-route';
import { fieldText } from '@/lib/http/read-form';
import { seeOther } from '@/lib/http/responses';
import { requestToJoin } from '@/lib/organisations/request-to-join';

export const dynamic = 'force-dynamic';

/** "Send request" on "Ask to join an organisation". requestToJoin checks who may ask and every answer. */
export const POST = formRoute({ page: () => '/account/join', attempt: { form: 'join' } }, async ({ fields, viewer, hub }) => {
  await requestToJoin(hub, viewer, { organisation: fieldText(fields, 'organisation', 100), message: fieldText(fields, 'message', 5000) });
  return seeOther('/account/join?done=requested');
});
