import { authOptions } from '@/lib/auth/auth-options';
import { refuseCrossSite, seeOther } from '@/lib/auth/form-responses';
import { parseCookieHeader } from '@/lib/auth/next-auth-call';
import { signOutSession } from '@/lib/auth/sign-in-flow';

// The "Sign out" buttons post here: next-auth deletes the session row and clears its cookie.
export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  try {
    const { setCookies } = await signOutSession({ options: authOptions() }, { cookies: parseCookieHeader(request.headers.get('cookie')) });
    return seeOther('/sign-in/signed-out', setCookies);
  } catch (error) {
    console.error('[sign-out] could not end the session:', error);
    return seeOther('/sign-in/problem?error=Default');
  }
}
