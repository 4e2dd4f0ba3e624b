import { z } from 'zod';
import { revokeApiToken } from '@/lib/api-tokens/revoke-api-token';
import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/** "Revoke": revokeApiToken decides who may (the token's person, or a site admin). */
export const POST = formRoute({ params: z.object({ id: z.uuid() }), page: () => '/account/api-tokens' }, async ({ params, viewer, hub }) => {
  await revokeApiToken(hub, viewer, params.id);
  return seeOther('/account/api-tokens?done=revoked');
});
