import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { BackLink, Button, ErrorSummary } from '@/app/_components/govuk';
import { getMaterialCheck } from '@/lib/file-checks/get-material-check';
import { loadFormAttempt } from '@/lib/forms/form-attempts';
import { services } from '@/lib/runtime';
import { requireSignedIn } from '@/lib/sign-in/current-viewer';
import { CheckResult } from './_components/check-result';
import { Done } from './_components/done-banner';
import { PublishForm } from './_components/publish-form';
import { SuggestedTags } from './_components/suggested-tags';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function load(id: string) {
  await connection();
  const viewer = await requireSignedIn(`/materials/${id}/check`);
  return { viewer, check: await getMaterialCheck(await services(), viewer, id) };
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { check } = await load((await params).id);
  const { attempt } = await searchParams;
  if (!check) return { title: 'Page not found' };
  return { title: `${typeof attempt === 'string' ? 'Error: ' : ''}Check before you publish: ${check.material.title}` };
}

/**
 * The check of a draft's file, before it is published: findings ranked likely-personal first with
 * where they are and a masked excerpt, accessibility signals with guidance, and what the uploader can
 * do: clean the file, replace it, publish (with a reason when something was found) or leave it as a
 * draft. Seen only by the owning organisation and site admins (getMaterialCheck).
 */
export default async function CheckPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { viewer, check } = await load(id);
  if (!check) notFound();
  const query = await searchParams;
  const hub = await services();
  const subject = check.material.id;
  const attemptId = query.attempt;
  const attempt =
    (await loadFormAttempt(hub, viewer, 'publish', subject, attemptId)) ??
    (await loadFormAttempt(hub, viewer, 'clean', subject, attemptId)) ??
    (await loadFormAttempt(hub, viewer, 'suggested-tags', subject, attemptId));
  const base = `/materials/${check.material.id}`;
  const isDraft = check.material.status === 'draft';

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={base}>Back to the material</BackLink>
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} /> : null}
        <Done query={query} />
        <span className="govuk-caption-l">{check.material.title}</span>
        <h1 className="govuk-heading-l">Check before you publish</h1>
        {isDraft ? (
          <p className="govuk-body">
            This material is a draft: only {check.material.councilName ? `members of ${check.material.councilName}` : 'site administrators'} can see
            it until you publish it. We checked version {check.file.versionNumber} of the file ({check.file.fileName}) for personal data, hidden
            content and accessibility.
          </p>
        ) : (
          <p className="govuk-body">This material is {check.material.status}. This is the check of version {check.file.versionNumber} of its file ({check.file.fileName}).</p>
        )}
        <CheckResult check={check} />
        {check.canClean && isDraft ? (
          <>
            <h2 className="govuk-heading-m">Remove hidden content</h2>
            <p className="govuk-body">
              The hub can make a copy of the file without its authors’ names, comments and tracked changes (tracked changes are accepted), or without the location
              in a photo. The copy becomes the next version and is checked again; the original stays as an earlier version only your council can see.
            </p>
            <form method="post" action={`${base}/check/clean`} noValidate>
              <span id="clean" />
              <Button variant="secondary" preventDoubleClick>
                Remove hidden content
              </Button>
            </form>
          </>
        ) : null}
        {isDraft ? <PublishForm check={check} attempt={attempt} /> : null}
        <h2 className="govuk-heading-m">Other things you can do</h2>
        <ul className="govuk-list">
          <li>
            <a className="govuk-link" href={`${base}/replace`}>
              Replace the file
            </a>{' '}
            with one you have corrected: it is checked again
          </li>
          {isDraft ? (
            <li>
              <a className="govuk-link" href={base}>
                Leave it as a draft
              </a>{' '}
              and come back to this check from the material’s page
            </li>
          ) : null}
        </ul>
        <SuggestedTags check={check} attempt={attempt} />
      </div>
    </div>
  );
}
