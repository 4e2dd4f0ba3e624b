import type { Metadata } from 'next';
import { Table } from '@/app/_components/govuk';

export const metadata: Metadata = { title: 'Cookies' };

/**
 * The cookies the hub sets: only those it needs to work, so it asks for no consent and shows no banner.
 * Keep this list in step with next-auth's cookies (lib/sign-in/auth-options.ts) and the hub's own
 * (lib/sign-in/sign-in-pages.ts). On an https address, next-auth adds `__Secure-` or `__Host-` to the names.
 */
const cookies: ReadonlyArray<[string, string, string]> = [
  ['next-auth.session-token', 'Keeps you signed in', '14 days, or until you sign out'],
  ['next-auth.csrf-token', 'Stops other websites sending sign-in forms in your name', 'When you close your browser'],
  ['next-auth.callback-url', 'Remembers the page to take you back to after signing in', 'When you close your browser'],
  ['next-auth.state, next-auth.pkce.code_verifier and next-auth.nonce', 'Check that a “Sign in with Microsoft” answer is for the sign-in you started', '15 minutes'],
  ['dc-sign-in-email', 'Shows the email address you typed again if it could not be used', '15 minutes, on the sign-in pages only'],
];

export default function CookiesPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Cookies</h1>
        <p className="govuk-body">
          Cookies are small files saved on your phone, tablet or computer when you visit a website. Discovery Commons sets
          only the cookies it needs to work, so we do not ask for your permission to set them.
        </p>
        <p className="govuk-body">
          We do not use cookies to measure how you use the hub, for advertising, or to remember your choices. No other
          website sets cookies through this one.
        </p>
        <h2 className="govuk-heading-m">Essential cookies</h2>
        <p className="govuk-body">
          Reading, searching and downloading set no cookies. When you sign in, or start to, the hub sets these:
        </p>
        <Table
          caption="Cookies the hub sets"
          rowHeaders
          columns={[{ header: 'Name' }, { header: 'Purpose' }, { header: 'Expires' }]}
          rows={cookies.map((cells) => ({ key: cells[0], cells }))}
        />
        <p className="govuk-body">
          Read the <a className="govuk-link" href="/privacy">privacy notice</a> to find out what personal data the hub keeps.
        </p>
      </div>
    </div>
  );
}
