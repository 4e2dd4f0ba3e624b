import { unfollow } from '@/lib/following/unfollow';
import { formRoute } from '@/lib/http/form-route';
import { localReturnPath } from '@/lib/http/local-return-path';
import { seeOther } from '@/lib/http/responses';
import { followParams } from '@/lib/http/route-params';

export const dynamic = 'force-dynamic';

/** "Unfollow" posts here. unfollow() allows only one's own follows; anyone else's is not found. */
export const POST = formRoute({ params: followParams, page: () => '/account/following' }, async ({ params: { id }, fields, viewer, hub }) => {
  await unfollow(hub, viewer, id);
  return seeOther(localReturnPath(fields.returnTo, '/account/following'));
});
