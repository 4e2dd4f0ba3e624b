import { formRoute } from '@/lib/http/form-route';
import { requestId } from '@/lib/http/observe-request';
import { logger } from '@/lib/logging';
import { seeOther } from '@/lib/http/responses';
import { parseCookieHeader } from '@/lib/sign-in/next-auth-call';
import { signInDependencies } from '@/lib/sign-in/sign-in-dependencies';
import { signOutSession } from '@/lib/sign-in/sign-in-flow';

// The "Sign out" buttons post here: next-auth deletes the session row and clears its cookie.
export const dynamic = 'force-dynamic';

export const POST = formRoute({ page: () => '/' }, async ({ request }) => {
  try {
    const { setCookies } = await signOutSession(await signInDependencies(), { cookies: parseCookieHeader(request.headers.get('cookie')) });
    return seeOther('/sign-in/signed-out', { setCookies });
  } catch (error) {
    logger('sign-in').error({ requestId: requestId(request), err: error }, 'could not end the session');
    return seeOther('/sign-in/problem?error=Default');
  }
});
