import { unsubscribeWithToken } from '@/lib/following/unsubscribe-tokens';
import { observeRequest } from '@/lib/http/observe-request';
import { seeOther } from '@/lib/http/responses';
import { unsubscribeParams } from '@/lib/http/route-params';
import { services } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/**
 * One-click unsubscribe (RFC 8058): the URL in a digest's List-Unsubscribe header, and where the
 * button on /unsubscribe/<token> posts. No sign-in and no Origin check, on purpose: mail providers
 * post here from their own servers, and the token itself (random, single use, expiring, stored only as
 * a hash) is what proves the request came from the email. Only POST changes anything: link checkers
 * that fetch the URL with GET are answered 405.
 *
 * A mail provider's post ("List-Unsubscribe=One-Click") gets a short plain answer; the button on our
 * page is sent on to a page that says what happened.
 */
export const POST = observeRequest('form', async function POST(request: Request, route: { params: Promise<Record<string, string | string[]>> }) {
  const parsed = unsubscribeParams.safeParse(await route.params);
  // The body says only "List-Unsubscribe=One-Click" (RFC 8058, url-encoded or multipart) or "from=page";
  // anything large is not one of ours and is not read.
  const length = Number(request.headers.get('content-length') ?? '0');
  const body = length > 4096 ? '' : await request.text().catch(() => '');
  const state = parsed.success ? await unsubscribeWithToken(await services(), parsed.data.token) : 'unknown';
  if (/(^|&)from=page(&|$)/.test(body)) return seeOther(`/unsubscribe/done?result=${state}`);
  const answers = {
    valid: [200, 'You are unsubscribed from Discovery Commons digests.'],
    used: [200, 'This unsubscribe link has already been used.'],
    expired: [410, 'This unsubscribe link has expired. Sign in to Discovery Commons to change your emails.'],
    unknown: [404, 'This unsubscribe link is not one Discovery Commons sent.'],
  } as const;
  const [status, text] = answers[state];
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
});
