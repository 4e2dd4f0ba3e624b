import { authOptions } from '@/lib/auth/auth-options';
import { readSmallForm, refuseCrossSite, seeOther } from '@/lib/auth/form-responses';
import { parseCookieHeader } from '@/lib/auth/next-auth-call';
import { completeEmailSignIn } from '@/lib/auth/sign-in-flow';
import { config } from '@/lib/config';

// The "Sign in" button on the page an emailed link opens posts here: next-auth uses the one-time
// token and starts the session (its cookie is passed on), then the browser goes where it was going.
export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const form = await readSmallForm(request);
  if (!form) return seeOther('/sign-in/problem?error=Verification');
  try {
    const answer = await completeEmailSignIn(
      { options: authOptions(), auth: config().auth },
      { token: form.token, email: form.email, callbackUrl: form.callbackUrl, cookies: parseCookieHeader(request.headers.get('cookie')) },
    );
    return seeOther(answer.redirect, answer.setCookies);
  } catch (error) {
    console.error('[sign-in] could not complete an email sign-in:', error);
    return seeOther('/sign-in/problem?error=Callback');
  }
}
