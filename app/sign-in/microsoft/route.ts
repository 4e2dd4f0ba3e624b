import { authOptions } from '@/lib/auth/auth-options';
import { readSmallForm, refuseCrossSite, seeOther } from '@/lib/auth/form-responses';
import { parseCookieHeader } from '@/lib/auth/next-auth-call';
import { startMicrosoftSignIn } from '@/lib/auth/sign-in-flow';
import { config } from '@/lib/config';

// "Sign in with Microsoft" (and "Link your Microsoft account" on the account page) posts here: next-auth
// redirects to Microsoft with its state and PKCE cookies; Microsoft comes back to
// /api/auth/callback/azure-ad.
export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const { auth } = config();
  if (!auth.entra) return seeOther('/sign-in');
  const form = (await readSmallForm(request)) ?? {};
  try {
    const answer = await startMicrosoftSignIn(
      { options: authOptions(), auth },
      { callbackUrl: form.callbackUrl, cookies: parseCookieHeader(request.headers.get('cookie')) },
    );
    return seeOther(answer.redirect, answer.setCookies);
  } catch (error) {
    console.error('[sign-in] could not start signing in with Microsoft:', error);
    return seeOther('/sign-in/problem?error=OAuthSignin');
  }
}
