import type { Metadata } from 'next';
import { connection } from 'next/server';
import { siteInfo } from '@/lib/site/site-info';

export const metadata: Metadata = { title: 'Contact' };

/** Who to contact, and for what: the hub's support (SUPPORT_EMAIL) or the feedback form, and councils through their pages. */
export default async function ContactPage() {
  await connection();
  const site = siteInfo();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Contact Discovery Commons</h1>
        <p className="govuk-body">Discovery Commons is run by {site.operator}.</p>

        <h2 className="govuk-heading-m">Help with the hub</h2>
        {site.supportEmail ? (
          <p className="govuk-body">
            Email{' '}
            <a className="govuk-link" href={`mailto:${site.supportEmail}`}>
              {site.supportEmail}
            </a>{' '}
            for help signing in, joining your council, sharing a material, or to ask about your personal data. We aim to
            reply within 5 working days.
          </p>
        ) : (
          <p className="govuk-body">
            This hub has no support email address. Use the <a className="govuk-link" href="/feedback">feedback form</a>{' '}
            and leave your email address if you would like a reply.
          </p>
        )}

        <h2 className="govuk-heading-m">About a shared material</h2>
        <p className="govuk-body">
          Each material belongs to the council that shared it. Find the council in the{' '}
          <a className="govuk-link" href="/organisations">list of councils and public bodies</a>: its page says who looks
          after its space.
        </p>

        <h2 className="govuk-heading-m">Tell us what you think</h2>
        <p className="govuk-body">
          <a className="govuk-link" href="/feedback">Give feedback</a> about the hub, or report a problem with it.
        </p>
      </div>
    </div>
  );
}
