import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { BackLink, Button, ErrorSummary, NotificationBanner, Radios, SummaryList, Textarea } from '@/app/_components/govuk';
import { concernDecisions, concernReasons, concernStatuses } from '@/lib/concerns/concern-words';
import { concernNoteLimit } from '@/lib/concerns/decide-concern';
import { getConcern } from '@/lib/concerns/list-concerns';
import { errorsByField, loadFormAttempt, textValue } from '@/lib/forms/form-attempts';
import { services } from '@/lib/runtime';
import { requireSignedIn } from '@/lib/sign-in/current-viewer';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { attempt } = await searchParams;
  await params;
  return { title: `${typeof attempt === 'string' ? 'Error: ' : ''}Concern about a material`, robots: { index: false } };
}

/** One concern and the decision on it: for the owning organisation's admins and site admins. */
export default async function ConcernPage({ params, searchParams }: Props) {
  await connection();
  const { id } = await params;
  const viewer = await requireSignedIn(`/concerns/${id}`);
  const concern = await getConcern(await services(), viewer, id);
  if (!concern) notFound();
  const query = await searchParams;
  const attempt = await loadFormAttempt(await services(), viewer, 'decide-concern', concern.id, query.attempt);
  const errors = errorsByField(attempt);
  const rows = [
    {
      key: 'Material',
      value: (
        <a className="govuk-link" href={`/materials/${concern.material.id}`}>
          {concern.material.title}
        </a>
      ),
    },
    { key: 'Concern', value: concernReasons[concern.reason as keyof typeof concernReasons] ?? concern.reason },
    { key: 'Details', value: concern.details || 'None given' },
    ...(concern.reporter ? [{ key: 'Raised by', value: concern.reporter }] : []),
    { key: 'Status', value: concernStatuses[concern.status] },
    ...(concern.outcomeNote ? [{ key: 'Note to the person who raised it', value: concern.outcomeNote }] : []),
  ];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href="/concerns">Back to concerns</BackLink>
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} /> : null}
        {query.decided === '1' ? (
          <NotificationBanner type="success" title="Success">
            <p className="govuk-notification-banner__heading">Decision saved: the person who raised it has been told</p>
          </NotificationBanner>
        ) : null}
        <h1 className="govuk-heading-l">Concern about a material</h1>
        <SummaryList rows={rows} />
        {concern.status === 'open' ? (
          <form method="post" action={`/concerns/${concern.id}/decide`} noValidate>
            <Radios
              id="decision"
              name="decision"
              label="What will you do?"
              labelClassName="govuk-fieldset__legend--m"
              items={Object.entries(concernDecisions).map(([value, label]) => ({ value, label }))}
              defaultValue={textValue(attempt?.values, 'decision')}
              error={errors.decision}
            />
            <Textarea
              id="note"
              name="note"
              label="Note to the person who raised it"
              labelClassName="govuk-label--s"
              hint={`Needed to dismiss it or ask for a fix. When you ask for a fix, whoever shared the material is sent this note too. ${concernNoteLimit} characters or fewer.`}
              defaultValue={textValue(attempt?.values, 'note')}
              error={errors.note}
              rows={4}
            />
            <Button preventDoubleClick>Save decision</Button>
          </form>
        ) : null}
      </div>
    </div>
  );
}
