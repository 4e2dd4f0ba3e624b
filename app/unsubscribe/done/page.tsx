import type { Metadata } from 'next';
import { Panel } from '@/app/_components/govuk';
import { UnsubscribeProblem } from '../_components/unsubscribe-problem';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Emails stopped', robots: { index: false } };

/** Where the button on /unsubscribe/<token> lands: what happened, from the one-click route. */
export default async function UnsubscribeDonePage({ searchParams }: Props) {
  const { result } = await searchParams;
  if (result === 'used' || result === 'expired' || result === 'unknown') return <UnsubscribeProblem state={result} />;
  if (result !== 'valid') return <UnsubscribeProblem state="unknown" />;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Panel title="Emails stopped">You will not get any more emails about what you follow</Panel>
        <p className="govuk-body">
          You still follow the same things. To get emails again,{' '}
          <a className="govuk-link" href="/account/following">
            sign in and choose how often
          </a>
          .
        </p>
      </div>
    </div>
  );
}
