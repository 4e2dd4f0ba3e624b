import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { BackLink, Button, ErrorSummary, Panel, Radios, Textarea } from '@/app/_components/govuk';
import { concernReasons } from '@/lib/concerns/concern-words';
import { concernDetailsLimit } from '@/lib/concerns/raise-concern';
import { errorsByField, loadFormAttempt, textValue } from '@/lib/forms/form-attempts';
import { getMaterial } from '@/lib/materials/get-material';
import { services } from '@/lib/runtime';
import { requireSignedIn } from '@/lib/sign-in/current-viewer';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function load(id: string) {
  await connection();
  const viewer = await requireSignedIn(`/materials/${id}/report`);
  return { viewer, material: await getMaterial(await services(), viewer, id) };
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { material } = await load((await params).id);
  const { attempt } = await searchParams;
  if (!material) return { title: 'Page not found' };
  return { title: `${typeof attempt === 'string' ? 'Error: ' : ''}Report a concern about ${material.title}` };
}

/** Report a concern about a material: anyone signed in who can see it. */
export default async function ReportPage({ params, searchParams }: Props) {
  const { viewer, material } = await load((await params).id);
  if (!material) notFound();
  const query = await searchParams;
  if (query.sent === '1') {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title="Concern sent" />
          <p className="govuk-body">
            The {material.council ? `administrators of ${material.council.name}` : 'site administrators'} will look at it. They do not see who raised it.
          </p>
          <p className="govuk-body">
            We will email you the outcome, and you can see it on{' '}
            <a className="govuk-link" href="/account">
              your account page
            </a>
            .
          </p>
          <p className="govuk-body">
            <a className="govuk-link" href={`/materials/${material.id}`}>
              Back to the material
            </a>
          </p>
        </div>
      </div>
    );
  }
  const attempt = await loadFormAttempt(await services(), viewer, 'concern', material.id, query.attempt);
  const errors = errorsByField(attempt);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/materials/${material.id}`}>Back to the material</BackLink>
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} /> : null}
        <span className="govuk-caption-l">{material.title}</span>
        <h1 className="govuk-heading-l">Report a concern</h1>
        <p className="govuk-body">
          The {material.council ? `administrators of ${material.council.name}` : 'site administrators'} and the site administrators will see your concern. The council
          does not see who raised it.
        </p>
        <form method="post" action={`/materials/${material.id}/report/send`} noValidate>
          <Radios
            id="reason"
            name="reason"
            label="What is the concern?"
            labelClassName="govuk-fieldset__legend--m"
            items={Object.entries(concernReasons).map(([value, label]) => ({ value, label }))}
            defaultValue={textValue(attempt?.values, 'reason')}
            error={errors.reason}
          />
          <Textarea
            id="details"
            name="details"
            label="Details"
            labelClassName="govuk-label--s"
            hint={`Where in the file, and what is wrong. Do not repeat any personal data you found. ${concernDetailsLimit} characters or fewer.`}
            defaultValue={textValue(attempt?.values, 'details')}
            error={errors.details}
            rows={4}
          />
          <Button preventDoubleClick>Send concern</Button>
        </form>
      </div>
    </div>
  );
}
