import type { Metadata } from 'next';
import { connection } from 'next/server';
import { SupportContact } from '@/app/_components/support-contact';
import { siteInfo } from '@/lib/site/site-info';

export const metadata: Metadata = { title: 'Help' };

/** Help with the everyday journeys: finding, sharing, joining a council, signing in. */
export default async function HelpPage() {
  await connection();
  const site = siteInfo();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Help using Discovery Commons</h1>
        <p className="govuk-body">
          Discovery Commons is where council teams share the materials behind their Discovery work: research plans,
          discussion guides, consent forms, personas, journey maps, reports and the templates behind them.
        </p>

        <h2 className="govuk-heading-m">Finding materials</h2>
        <p className="govuk-body">
          <a className="govuk-link" href="/search">Search</a> by words, then narrow the results by phase, type of
          material, service area, council or licence. You do not need to sign in to find and download public materials.
          Signing in as a member of a council also shows materials shared with councils only.
        </p>

        <h2 className="govuk-heading-m">Reusing a material</h2>
        <p className="govuk-body">
          Each material says which licence it is shared under. Most use the Open Government Licence: you may copy and
          adapt it, saying where it came from.
        </p>

        <h2 className="govuk-heading-m">Signing in</h2>
        <p className="govuk-body">
          <a className="govuk-link" href="/sign-in">Sign in</a> with your work email address: we send you a link that
          works once, for 15 minutes. If it does not arrive, check your junk folder, then ask for another. Where your
          council uses Microsoft 365, you may be able to sign in with Microsoft instead.
        </p>

        <h2 className="govuk-heading-m">Joining your council</h2>
        <p className="govuk-body">
          If your email address is on your council’s email domain, you join it when you sign in. If not,{' '}
          <a className="govuk-link" href="/account/join">ask to join your council</a> once you have signed in: its
          organisation admins approve or refuse your request. Find your council in the{' '}
          <a className="govuk-link" href="/organisations">list of councils and public bodies</a>.
        </p>

        <h2 className="govuk-heading-m">Sharing a material</h2>
        <p className="govuk-body">
          Once you belong to a council, <a className="govuk-link" href="/materials/new">share a material</a>: give it a
          title and summary, say what it is and who can see it (everyone, people from any council, or only your own), and
          choose the file. Remove participants’ names and other personal data before you share.
        </p>

        <h2 className="govuk-heading-m">Still need help?</h2>
        <p className="govuk-body">
          To ask about something one council shared, contact that council through its page. For anything else,{' '}
          <SupportContact site={site} />. See also <a className="govuk-link" href="/contact">contact us</a>.
        </p>
      </div>
    </div>
  );
}
