import { config } from '@/lib/config';
import { formRoute } from '@/lib/http/form-route';
import { requestId } from '@/lib/http/observe-request';
import { logger } from '@/lib/logging';
import { seeOther } from '@/lib/http/responses';
import { parseCookieHeader } from '@/lib/sign-in/next-auth-call';
import { signInDependencies } from '@/lib/sign-in/sign-in-dependencies';
import { startMicrosoftSignIn } from '@/lib/sign-in/sign-in-flow';

// "Sign in with Microsoft" (and "Link your Microsoft account" on the account page) posts here: next-auth
// redirects to Microsoft with its state and PKCE cookies; Microsoft comes back to
// /api/auth/callback/azure-ad.
export const dynamic = 'force-dynamic';

export const POST = formRoute({ page: () => '/sign-in' }, async ({ request, fields }) => {
  if (!config().auth.entra) return seeOther('/sign-in');
  const deps = await signInDependencies();
  try {
    const answer = await startMicrosoftSignIn(deps, { callbackUrl: fields.callbackUrl, cookies: parseCookieHeader(request.headers.get('cookie')) });
    return seeOther(answer.redirect, { setCookies: answer.setCookies, external: true });
  } catch (error) {
    logger('sign-in').error({ requestId: requestId(request), err: error }, 'could not start signing in with Microsoft');
    return seeOther('/sign-in/problem?error=OAuthSignin');
  }
});
