import { formRoute } from '@/lib/http/form-route';
import { requestId } from '@/lib/http/observe-request';
import { logger } from '@/lib/logging';
import { seeOther } from '@/lib/http/responses';
import { safeCallbackPath } from '@/lib/sign-in/callback-url';
import { signInDependencies } from '@/lib/sign-in/sign-in-dependencies';
import { requestEmailSignIn } from '@/lib/sign-in/sign-in-flow';
import { rememberTypedEmail, signInPage } from '@/lib/sign-in/sign-in-pages';

// "Send me a sign-in link" posts here (with or without JavaScript): Origin checked, address validated,
// rate-limited, then next-auth sends the link. See lib/sign-in/sign-in-flow.ts.
export const dynamic = 'force-dynamic';

export const POST = formRoute({ page: () => '/sign-in' }, async ({ request, fields }) => {
  const deps = await signInDependencies();
  const callbackUrl = safeCallbackPath(fields.callbackUrl, deps.auth.url);
  const typed = typeof fields.email === 'string' ? fields.email.trim() : '';
  const remember = (value: string) => ({ setCookies: [rememberTypedEmail(value)] });
  try {
    const outcome = await requestEmailSignIn(deps, { email: fields.email, callbackUrl, headers: request.headers });
    switch (outcome.kind) {
      case 'sent':
        return seeOther('/sign-in/check-your-email', remember(outcome.address));
      case 'invalid':
        return seeOther(signInPage({ error: 'invalid-email', callbackUrl }), remember(typed));
      case 'too_many':
        return seeOther(signInPage({ error: 'too-many-requests', callbackUrl }), remember(typed));
      case 'unavailable':
        return seeOther(signInPage({ callbackUrl }));
      case 'failed':
        return seeOther(outcome.redirect);
    }
  } catch (error) {
    logger('sign-in').error({ requestId: requestId(request), err: error }, 'could not send a sign-in link');
    return seeOther('/sign-in/problem?error=EmailSignin');
  }
});
