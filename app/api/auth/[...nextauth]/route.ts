import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '@/lib/sign-in/auth-options';
import { observeRequest } from '@/lib/http/observe-request';
import { seeOther } from '@/lib/http/responses';

// next-auth's endpoints (session, csrf, providers, Microsoft's callback, sign-out for JavaScript
// clients). Two are closed on purpose, because the hub's own routes do that work after their own checks:
//   POST /api/auth/signin/email    → the form posts to /sign-in/email (validated, rate-limited)
//   /api/auth/callback/email       → the emailed link opens /sign-in/link, whose button completes it
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ nextauth: string[] }> };

async function handle(request: NextRequest, context: Context): Promise<Response> {
  const [action, provider] = (await context.params).nextauth ?? [];
  if (provider === 'email' && action === 'callback') {
    return request.method === 'GET' ? seeOther(`/sign-in/link${request.nextUrl.search}`) : seeOther('/sign-in');
  }
  if (provider === 'email' && action === 'signin' && request.method === 'POST') return seeOther('/sign-in');
  const handler = NextAuth(authOptions()) as unknown as (request: NextRequest, context: Context) => Promise<Response>;
  return handler(request, context);
}

const observed = observeRequest('auth', handle);
export { observed as GET, observed as POST };
