import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Button } from '@/app/_components/govuk';
import { checkUnsubscribeToken } from '@/lib/following/unsubscribe-tokens';
import { services } from '@/lib/runtime';
import { UnsubscribeProblem } from '../_components/unsubscribe-problem';

type Props = { params: Promise<{ token: string }> };

export const metadata: Metadata = { title: 'Stop emails about what you follow', robots: { index: false }, referrer: 'no-referrer' };

/**
 * The "Stop these emails" link in a digest. Opening it changes nothing (mail scanners open links):
 * the button posts to ./one-click, the same address mail programs' own Unsubscribe button uses
 * (RFC 8058). No sign-in needed. A forged, expired or used link says so, and changes nothing.
 */
export default async function UnsubscribePage({ params }: Props) {
  await connection();
  const { token } = await params;
  const state = await checkUnsubscribeToken(await services(), token);
  if (state !== 'valid') return <UnsubscribeProblem state={state} />;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Stop emails about what you follow</h1>
        <p className="govuk-body">You will no longer get emails about new materials from the councils, service areas and searches you follow.</p>
        <p className="govuk-body">You will still follow them, and can see what is new when you sign in. You can turn emails back on from the page that lists what you follow.</p>
        <form method="post" action={`/unsubscribe/${encodeURIComponent(token)}/one-click`}>
          <input type="hidden" name="from" value="page" />
          <Button preventDoubleClick>Stop these emails</Button>
        </form>
      </div>
    </div>
  );
}
