import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { BackLink, Button, ErrorSummary, Textarea } from '@/app/_components/govuk';
import { errorsByField, loadFormAttempt, textValue } from '@/lib/forms/form-attempts';
import { withdrawReasonLimit } from '@/lib/materials/withdraw-material';
import { services } from '@/lib/runtime';
import { CannotChange } from '../_components/cannot-change';
import { materialForChange } from '../_components/material-for-change';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { id } = await params;
  const { attempt } = await searchParams;
  const { material } = await materialForChange(id, 'change', `/materials/${id}/withdraw`);
  return { title: `${typeof attempt === 'string' ? 'Error: ' : ''}Withdraw ${material.title}` };
}

/** Withdraw a material, with a reason. It can be restored from its page. */
export default async function WithdrawPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { viewer, material, allowed } = await materialForChange(id, 'change', `/materials/${id}/withdraw`);
  if (!allowed) return <CannotChange material={material} />;
  if (material.status === 'withdrawn') redirect(`/materials/${material.id}`);

  const { attempt: attemptId } = await searchParams;
  const attempt = await loadFormAttempt(await services(), viewer, 'withdraw', material.id, attemptId);
  const errors = errorsByField(attempt);
  const council = material.council?.name ?? 'the council that shared it';

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/materials/${material.id}`}>Back to the material</BackLink>
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} /> : null}
        <span className="govuk-caption-l">{material.title}</span>
        <h1 className="govuk-heading-l">Withdraw this material</h1>
        <p className="govuk-body">When you withdraw it:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>it no longer appears in search or in lists</li>
          <li>only members of {council} and site administrators can open its page or download it</li>
          <li>nothing is deleted, and you can restore it from its page at any time</li>
        </ul>
        <form method="post" action={`/materials/${material.id}/withdraw/confirm`} noValidate>
          <Textarea
            id="reason"
            name="reason"
            label="Why are you withdrawing it?"
            labelClassName="govuk-label--m"
            hint={`For example, ‘Replaced by our 2027 discussion guide’. Members of ${council} see this on its page. ${withdrawReasonLimit} characters or fewer.`}
            defaultValue={textValue(attempt?.values, 'reason')}
            error={errors.reason}
            rows={4}
          />
          <div className="govuk-button-group">
            <Button variant="warning" preventDoubleClick>
              Withdraw material
            </Button>
            <a className="govuk-link" href={`/materials/${material.id}`}>
              Cancel
            </a>
          </div>
        </form>
      </div>
    </div>
  );
}
