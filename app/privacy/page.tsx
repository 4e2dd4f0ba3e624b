import type { Metadata } from 'next';
import { connection } from 'next/server';
import { SupportContact } from '@/app/_components/support-contact';
import { Table } from '@/app/_components/govuk';
import { FEEDBACK_KEPT_MONTHS } from '@/lib/feedback/feedback-rules';
import { siteInfo } from '@/lib/site/site-info';

export const metadata: Metadata = { title: 'Privacy notice' };

/** What personal data the hub keeps, why, for how long, who sees it and who to contact. */
export default async function PrivacyPage() {
  await connection();
  const site = siteInfo();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Privacy notice</h1>
        <p className="govuk-body">
          This notice explains what personal data Discovery Commons keeps about you, why, for how long, and what you can ask
          us to do with it.
        </p>

        <h2 className="govuk-heading-m">Who we are</h2>
        <p className="govuk-body">
          Discovery Commons is run by {site.operator}, the data controller for the personal data it holds. To ask about your
          data, <SupportContact site={site} />.
        </p>

        <h2 className="govuk-heading-m">What we keep, why and for how long</h2>
        <p className="govuk-body">You can search, read and download public materials without giving us any personal data.</p>
        <Table
          caption="Personal data the hub keeps"
          rowHeaders
          columns={[{ header: 'What' }, { header: 'Why' }, { header: 'How long' }]}
          rows={[
            ['Your email address and name, when you sign in', 'To sign you in and to say who you are to your council', 'Until you ask us to delete your account'],
            ['Your council, your role in it, and your requests to join a council (with any message)', 'To decide what you may see and share', 'Until you leave the council or ask us to delete your account'],
            ['Sign-in sessions', 'To keep you signed in', '14 days, or until you sign out'],
            ['Sign-in requests: a one-way code made from your email address, and your network (IP) address', 'To stop anyone flooding a mailbox with sign-in links', '24 hours'],
            ['Answers to a form that could not be saved', 'To show you the form again with what you typed', '24 hours'],
            ['Changes you make, in the audit log: your name, what changed and when', 'So councils can see who changed their materials and members', 'As long as the council’s space exists'],
            ['Materials you share, and the files’ own details (such as an author’s name inside a document)', 'To share them with the people you chose', 'Until your council deletes them'],
            ['Feedback you send, and your email address if you give it', 'To improve the hub and to reply to you', `${FEEDBACK_KEPT_MONTHS} months`],
          ].map((cells, index) => ({ key: index, cells }))}
        />
        <p className="govuk-body">
          We use this data to carry out a task in the public interest: helping councils share and reuse their work (UK GDPR
          Article 6(1)(e)).
        </p>

        <h2 className="govuk-heading-m">Who can see it</h2>
        <ul className="govuk-list govuk-list--bullet">
          <li>Other people using the hub see your name and council, never your email address.</li>
          <li>Your council’s organisation admins see the email addresses of its members and of people asking to join it.</li>
          <li>The hub’s site admins, who run it, can see everything, to support it and keep it secure.</li>
        </ul>
        <p className="govuk-body">We do not sell your data, use it for marketing, or share it with anyone else unless the law requires us to.</p>

        <h2 className="govuk-heading-m">Where it is kept</h2>
        <p className="govuk-body">
          In the hub’s database and file storage, on servers chosen by {site.operator}. Emails with sign-in links are sent
          through its email provider. If you sign in with Microsoft, Microsoft tells us your name and email address.
        </p>

        <h2 className="govuk-heading-m">Your rights</h2>
        <p className="govuk-body">
          You can ask to see the personal data we hold about you, to have it corrected or deleted, or to object to how we
          use it. To do so, <SupportContact site={site} />.
        </p>
        <p className="govuk-body">
          If you are not happy with how we have used your data, you can complain to the{' '}
          <a className="govuk-link" href="https://ico.org.uk/make-a-complaint/">
            Information Commissioner’s Office (ICO)
          </a>
          .
        </p>
        <p className="govuk-body">
          Read about the <a className="govuk-link" href="/cookies">cookies this hub sets</a>.
        </p>
      </div>
    </div>
  );
}
