import type { Metadata } from 'next';
import { connection } from 'next/server';
import { cache } from 'react';
import { BackLink, Button, DateInput, ErrorSummary, NotificationBanner, Radios, Table, Tag, TextInput } from '@/app/_components/govuk';
import { listApiTokens } from '@/lib/api-tokens/list-api-tokens';
import { longestTokenLifeDays, tokenNameLimit } from '@/lib/api-tokens/token-input';
import { tokenScopes, tokenScopeWords } from '@/lib/api-tokens/token-scope';
import { errorsByField, loadFormAttempt, textValue } from '@/lib/forms/form-attempts';
import { services } from '@/lib/runtime';
import { currentViewer, requireSignedIn } from '@/lib/sign-in/current-viewer';
import { formatDate, formatDateTime } from '@/lib/text/dates';

/** A token stops at the end of its last day: show that day, as it was chosen, not the midnight after it. */
const lastDay = (expiresAt: Date) => formatDate(new Date(expiresAt.getTime() - 1));

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const refused = cache(async (attemptId: unknown) => loadFormAttempt(await services(), await currentViewer(), 'api-token', '', attemptId));

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  await connection();
  const attempt = await refused((await searchParams).attempt);
  return { title: `${attempt ? 'Error: ' : ''}Your API tokens`, robots: { index: false } };
}

const stateTags = { active: <Tag colour="green">Active</Tag>, expired: <Tag colour="grey">Expired</Tag>, revoked: <Tag colour="red">Revoked</Tag> };

/**
 * Personal API tokens: make one (a name, read only or read and write, the last day it works) and see,
 * and revoke, the ones you have. The secret is shown once, on the next page (./created).
 */
export default async function ApiTokensPage({ searchParams }: Props) {
  await connection();
  const viewer = await requireSignedIn('/account/api-tokens');
  const query = await searchParams;
  const attempt = await refused(query.attempt);
  const errors = errorsByField(attempt);
  const tokens = await listApiTokens(await services(), viewer);
  const value = (name: string) => textValue(attempt?.values, name);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href="/account">Back to your account</BackLink>
        <ErrorSummary errors={(attempt?.errors ?? []).map((e) => ({ href: `#${e.field}`, text: e.message }))} />
        {query.done === 'revoked' ? <NotificationBanner type="success">Token revoked. Programs using it can no longer use the hub as you.</NotificationBanner> : null}
        <h1 className="govuk-heading-l">Your API tokens</h1>
        <p className="govuk-body">
          A token lets a program use the <a className="govuk-link" href="/developers">hub’s API</a> as you: it sees what you can see, and
          nothing more. If you leave your council, your tokens lose your council’s access at once.
        </p>

        <h2 className="govuk-heading-m">Tokens you have made</h2>
        {tokens.length === 0 ? (
          <p className="govuk-body">You have not made any tokens.</p>
        ) : (
          <Table
            caption="Your API tokens"
            rowHeaders
            columns={[{ header: 'Name' }, { header: 'Can' }, { header: 'Last day' }, { header: 'Last used' }, { header: 'Status' }, { header: 'Action', headerHidden: true }]}
            rows={tokens.map((token) => ({
              key: token.id,
              cells: [
                <>
                  {token.name}
                  <br />
                  <span className="govuk-hint govuk-!-font-size-16">Starts {token.secretPrefix}</span>
                </>,
                tokenScopeWords[token.scope],
                lastDay(token.expiresAt),
                token.lastUsedAt ? formatDateTime(token.lastUsedAt.toISOString()) : 'Never',
                stateTags[token.state],
                token.state === 'active' ? (
                  <form method="post" action={`/account/api-tokens/${token.id}/revoke`}>
                    <Button variant="warning" className="govuk-!-margin-bottom-0">
                      Revoke<span className="govuk-visually-hidden"> {token.name}</span>
                    </Button>
                  </form>
                ) : null,
              ],
            }))}
          />
        )}

        <h2 className="govuk-heading-m">Create a token</h2>
        <form method="post" action="/account/api-tokens/create" noValidate>
          <TextInput
            id="name"
            name="name"
            label="Name"
            labelClassName="govuk-label--s"
            hint={`So you can tell your tokens apart, for example ‘Nightly copy to our research library’. ${tokenNameLimit} characters or fewer.`}
            defaultValue={value('name') ?? ''}
            error={errors.name}
            spellCheck={false}
          />
          <Radios
            id="scope"
            name="scope"
            label="What may it do?"
            labelClassName="govuk-fieldset__legend--s"
            items={tokenScopes.map((scope) => ({
              value: scope,
              label: tokenScopeWords[scope],
              hint: scope === 'read' ? 'See and download what you can see' : 'Also share and change materials as you can',
            }))}
            defaultValue={value('scope') ?? 'read'}
            error={errors.scope}
          />
          <DateInput
            id="expires"
            legend="Last day it works"
            legendClassName="govuk-fieldset__legend--s"
            hint={`At most a year from today (${longestTokenLifeDays} days). For example, 31 3 2027.`}
            values={{ day: value('expiresDay'), month: value('expiresMonth'), year: value('expiresYear') }}
            error={errors.expiresDay}
          />
          <Button preventDoubleClick>Create token</Button>
        </form>
      </div>
    </div>
  );
}
