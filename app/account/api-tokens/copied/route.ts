import { forgetNewToken } from '@/lib/api-tokens/new-token-cookie';
import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/** "I have copied it": the browser forgets the secret, and it can never be shown again. */
export const POST = formRoute({ page: () => '/account/api-tokens' }, async () => seeOther('/account/api-tokens', { setCookies: [forgetNewToken()] }));
