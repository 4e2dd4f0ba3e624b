import { createApiToken } from '@/lib/api-tokens/create-api-token';
import { rememberNewToken } from '@/lib/api-tokens/new-token-cookie';
import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/** "Create token". createApiToken checks the answers; the secret goes to the next page in a short-lived cookie only. */
export const POST = formRoute({ page: () => '/account/api-tokens', attempt: { form: 'api-token' } }, async ({ fields, viewer, hub }) => {
  const created = await createApiToken(hub, viewer, fields);
  return seeOther('/account/api-tokens/created', { setCookies: [rememberNewToken(created.secret)] });
});
