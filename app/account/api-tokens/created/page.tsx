import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { connection } from 'next/server';
import { BackLink, Button, InsetText, Panel } from '@/app/_components/govuk';
import { NEW_TOKEN_COOKIE } from '@/lib/api-tokens/new-token-cookie';
import { tokenToShow } from '@/lib/api-tokens/token-to-show';
import { tokenScopeWords, type TokenScope } from '@/lib/api-tokens/token-scope';
import { services } from '@/lib/runtime';
import { requireSignedIn } from '@/lib/sign-in/current-viewer';
import { formatDate } from '@/lib/text/dates';

export const metadata: Metadata = { title: 'Copy your new API token', robots: { index: false } };

/**
 * The one time a token's secret is shown: read from the short-lived cookie the "create" post set
 * (lib/api-tokens/new-token-cookie.ts), for the viewer's own new token only. "I have copied it" clears
 * the cookie; the hub itself never had the secret to show again.
 */
export default async function TokenCreatedPage() {
  await connection();
  const viewer = await requireSignedIn('/account/api-tokens');
  const secret = (await cookies()).get(NEW_TOKEN_COOKIE)?.value;
  const token = await tokenToShow(await services(), viewer, secret);

  if (!token || !secret) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <BackLink href="/account/api-tokens">Back to your API tokens</BackLink>
          <h1 className="govuk-heading-l">This token can no longer be shown</h1>
          <p className="govuk-body">A token is shown only once, just after you make it. If you did not copy it, revoke it and make a new one.</p>
          <p className="govuk-body">
            <a className="govuk-link" href="/account/api-tokens">Go to your API tokens</a>
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Panel title="Token created">Copy it now: you will not be able to see it again</Panel>
        <h2 className="govuk-heading-m">{token.name}</h2>
        <p className="govuk-body">
          {tokenScopeWords[token.scope as TokenScope]}. Its last day is {formatDate(new Date(token.expiresAt.getTime() - 1))}.
        </p>
        <label className="govuk-label govuk-label--s" htmlFor="secret">
          Your token
        </label>
        <input className="govuk-input govuk-input--extra-letter-spacing" id="secret" readOnly spellCheck={false} autoComplete="off" value={secret} />
        <InsetText>
          Keep it as safe as a password. Programs send it in the <code>Authorization: Bearer</code> header, never in a web address.
        </InsetText>
        <form method="post" action="/account/api-tokens/copied">
          <Button>I have copied it</Button>
        </form>
      </div>
    </div>
  );
}
