import { formRoute } from '@/lib/http/form-route';
import { requestId } from '@/lib/http/observe-request';
import { logger } from '@/lib/logging';
import { seeOther } from '@/lib/http/responses';
import { parseCookieHeader } from '@/lib/sign-in/next-auth-call';
import { signInDependencies } from '@/lib/sign-in/sign-in-dependencies';
import { completeEmailSignIn } from '@/lib/sign-in/sign-in-flow';

// The "Sign in" button on the page an emailed link opens posts here: next-auth uses the one-time
// token and starts the session (its cookie is passed on), then the browser goes where it was going.
export const dynamic = 'force-dynamic';

export const POST = formRoute({ page: () => '/sign-in' }, async ({ request, fields }) => {
  try {
    const answer = await completeEmailSignIn(await signInDependencies(), {
      token: fields.token,
      email: fields.email,
      callbackUrl: fields.callbackUrl,
      cookies: parseCookieHeader(request.headers.get('cookie')),
    });
    return seeOther(answer.redirect, { setCookies: answer.setCookies });
  } catch (error) {
    logger('sign-in').error({ requestId: requestId(request), err: error }, 'could not complete an email sign-in');
    return seeOther('/sign-in/problem?error=Callback');
  }
});
