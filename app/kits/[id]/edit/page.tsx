import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { BackLink, ErrorSummary } from '@/app/_components/govuk';
import { errorsByField, loadFormAttempt, textValue } from '@/lib/forms/form-attempts';
import { KitForm } from '../../_components/kit-form';
import { CannotChangeKit } from '../_components/cannot-change-kit';
import { loadKit } from '../_components/load-kit';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { id } = await params;
  const { kit } = await loadKit(id);
  const { attempt } = await searchParams;
  return { title: `${typeof attempt === 'string' ? 'Error: ' : ''}Change ${kit.title}` };
}

/** Change a kit's title, description and who can see it. */
export default async function EditKitPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { hub, viewer, kit } = await loadKit(id);
  if (viewer.kind === 'anonymous') redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/kits/${kit.id}/edit`)}`);
  if (!kit.can.change) return <CannotChangeKit kit={kit} />;
  const { attempt: attemptId } = await searchParams;
  const attempt = await loadFormAttempt(hub, viewer, 'kit', kit.id, attemptId);
  const value = (name: string, fallback: string) => textValue(attempt?.values, name) ?? fallback;
  const councilName = kit.council?.name ?? 'Discovery Commons';
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/kits/${kit.id}`}>Back to the kit</BackLink>
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} /> : null}
        <span className="govuk-caption-l">{kit.title}</span>
        <h1 className="govuk-heading-l">Change this kit</h1>
        <KitForm
          action={`/kits/${kit.id}/save`}
          submitLabel="Save changes"
          cancelHref={`/kits/${kit.id}`}
          councilName={councilName}
          isOwnCouncil={viewer.organisation?.name === kit.council?.name}
          values={{ title: value('title', kit.title), description: value('description', kit.description), visibility: value('visibility', kit.visibility) }}
          errors={errorsByField(attempt)}
        />
      </div>
    </div>
  );
}
