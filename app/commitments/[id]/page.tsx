import type { Metadata } from 'next';
import { Button, ErrorMessage, ErrorSummary, FormGroup, NotificationBanner, SummaryList } from '@/app/_components/govuk';
import { evidenceMaterialChoices, evidenceProjectChoices } from '@/lib/commitments/commitment-form-choices';
import type { CommitmentHistoryEntry, CommitmentView } from '@/lib/commitments/get-commitment';
import { commitmentKindLabels } from '@/lib/commitments/commitment-words';
import { errorsByField, loadFormAttempt, textValue, type FormAttempt, type FormName } from '@/lib/forms/form-attempts';
import { visibilityInWords } from '@/lib/materials/visibility-words';
import { formatDate, formatDateTime, isoDate } from '@/lib/text/dates';
import { StatusTag } from '../_components/status-tag';
import { EvidenceSection } from './_components/evidence-section';
import { loadCommitment } from './_components/load-commitment';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const pageForms: FormName[] = ['commitment-material', 'commitment-project', 'commitment-link', 'commitment-confirm', 'commitment-remove-evidence'];

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { id } = await params;
  const { commitment } = await loadCommitment(id);
  const { attempt } = await searchParams;
  return { title: `${typeof attempt === 'string' ? 'Error: ' : ''}${commitment.description}` };
}

const doneMessages: Record<string, string> = {
  recorded: 'Your commitment was recorded.',
  updated: 'Your changes were saved.',
  evidence: 'The evidence was added.',
  removed: 'The evidence was removed.',
  confirmed: 'The commitment is now shown as kept.',
};

const dueWords = (day: string) => formatDate(`${day}T12:00:00Z`);

/**
 * A public commitment: what the council said it will do, by when, the evidence, its status (worked out
 * now) and what happened to it. The council's members add evidence and confirm it as kept here.
 */
export default async function CommitmentPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { hub, viewer, commitment } = await loadCommitment(id);
  const { attempt: attemptId, done } = await searchParams;
  let attempt: FormAttempt | undefined;
  for (const form of pageForms) attempt ??= await loadFormAttempt(hub, viewer, form, commitment.id, attemptId);
  const errors = errorsByField(attempt);
  const [materials, projects] = commitment.can.addEvidence
    ? await Promise.all([evidenceMaterialChoices(hub, viewer, commitment.id), evidenceProjectChoices(hub, viewer, commitment.id)])
    : [[], []];
  const base = `/commitments/${commitment.id}`;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} /> : null}
        {typeof done === 'string' && doneMessages[done] ? <NotificationBanner type="success">{doneMessages[done]}</NotificationBanner> : null}
        <span className="govuk-caption-l">Commitment by {commitment.council.name}</span>
        <h1 className="govuk-heading-l">{commitment.description}</h1>
        <p className="govuk-body">
          <StatusTag status={commitment.status} />
          {commitment.status === 'kept' && commitment.confirmedAt ? ` Confirmed on ${formatDate(commitment.confirmedAt)}.` : null}
          {commitment.status === 'overdue' ? ` The date, ${dueWords(commitment.dueOn)}, has passed.` : null}
        </p>
        <SummaryList rows={rows(commitment)} />
        {commitment.can.change ? (
          <ul className="govuk-list">
            <li>
              <a className="govuk-link" href={`${base}/edit`}>
                Change this commitment
              </a>
            </li>
            <li>
              <a className="govuk-link" href={`${base}/withdraw`}>
                Withdraw this commitment
              </a>
            </li>
          </ul>
        ) : null}
        <EvidenceSection
          commitment={commitment}
          materials={materials}
          projects={projects}
          errors={errors}
          values={{
            material: textValue(attempt?.values, 'material'),
            project: textValue(attempt?.values, 'project'),
            url: textValue(attempt?.values, 'url'),
            title: textValue(attempt?.values, 'title'),
          }}
        />
        {commitment.can.confirm && commitment.status !== 'kept' ? (
          <section aria-labelledby="confirm-heading">
            <h2 className="govuk-heading-m" id="confirm-heading">
              Did your council keep this commitment?
            </h2>
            <form method="post" action={`${base}/confirm`}>
              <FormGroup error={errors.confirm}>
                <p className="govuk-body" id="confirm-hint">
                  Confirm it once the evidence is attached. Everyone who can see this commitment will see it as kept.
                </p>
                {errors.confirm ? <ErrorMessage id="confirm-error">{errors.confirm}</ErrorMessage> : null}
                <Button id="confirm" preventDoubleClick>
                  Confirm as kept
                </Button>
              </FormGroup>
            </form>
          </section>
        ) : null}
        <History entries={commitment.history} />
        <p className="govuk-body">
          <a className="govuk-link" href="/commitments">
            All commitments
          </a>
        </p>
      </div>
    </div>
  );
}

function rows(commitment: CommitmentView) {
  const rows = [
    {
      key: 'Council',
      value: (
        <a className="govuk-link" href={`/organisations/${encodeURIComponent(commitment.council.slug)}`}>
          {commitment.council.name}
        </a>
      ),
    },
    { key: 'What', value: `${commitmentKindLabels[commitment.kind]}${commitment.phase ? `: ${commitment.phase.label}` : ''}` },
    { key: 'By', value: dueWords(commitment.dueOn) },
    { key: 'What will count as evidence', value: commitment.evidenceExpected },
    { key: 'Who can see it', value: visibilityInWords(commitment.visibility, commitment.council.name).replace('find and download it', 'see it') },
  ];
  if (commitment.contact) rows.push({ key: 'Contact', value: commitment.contact });
  return rows;
}

const historyWords: Record<CommitmentHistoryEntry['action'], string> = {
  recorded: 'Recorded',
  updated: 'Changed',
  evidence_added: 'Evidence added',
  evidence_removed: 'Evidence removed',
  confirmed: 'Confirmed as kept',
};

function History({ entries }: { entries: CommitmentHistoryEntry[] }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 className="govuk-heading-m" id="history-heading">
        History
      </h2>
      <ol className="govuk-list">
        {entries.map((entry, i) => (
          <li key={i}>
            <time dateTime={isoDate(entry.at)}>{formatDateTime(entry.at)}</time>: {historyWords[entry.action]}
            {entry.evidenceTitle ? ` (${entry.evidenceTitle})` : ''}
            {entry.who ? ` by ${entry.who}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
