import { authOptions } from '@/lib/auth/auth-options';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { readSmallForm, refuseCrossSite, rememberTypedEmail, seeOther, signInPage } from '@/lib/auth/form-responses';
import { requestEmailSignIn } from '@/lib/auth/sign-in-flow';
import { config } from '@/lib/config';
import { services } from '@/lib/runtime';

// "Send me a sign-in link" posts here (with or without JavaScript): Origin checked, address validated,
// rate-limited, then next-auth sends the link. See lib/auth/sign-in-flow.ts.
export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const form = await readSmallForm(request);
  if (!form) return seeOther(signInPage({ error: 'invalid-email' }));
  const { auth } = config();
  const callbackUrl = safeCallbackPath(form.callbackUrl, auth.url);
  const typed = (form.email ?? '').trim();
  try {
    const outcome = await requestEmailSignIn(
      { options: authOptions(), db: (await services()).db, auth },
      { email: form.email, callbackUrl, headers: request.headers },
    );
    switch (outcome.kind) {
      case 'sent':
        return seeOther('/sign-in/check-your-email', [rememberTypedEmail(outcome.address)]);
      case 'invalid':
        return seeOther(signInPage({ error: 'invalid-email', callbackUrl }), [rememberTypedEmail(typed)]);
      case 'too_many':
        return seeOther(signInPage({ error: 'too-many-requests', callbackUrl }), [rememberTypedEmail(typed)]);
      case 'unavailable':
        return seeOther(signInPage({ callbackUrl }));
      case 'failed':
        return seeOther(outcome.redirect);
    }
  } catch (error) {
    console.error('[sign-in] could not send a sign-in link:', error);
    return seeOther('/sign-in/problem?error=EmailSignin');
  }
}
