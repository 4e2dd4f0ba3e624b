import type { Metadata } from 'next';
import { connection } from 'next/server';
import { cache } from 'react';
import { Button, ErrorSummary, Panel, Textarea, TextInput } from '@/app/_components/govuk';
import { FEEDBACK_KEPT_MONTHS, FEEDBACK_MAX_LENGTH } from '@/lib/feedback/feedback-rules';
import { errorsByField, loadFormAttempt, textValue } from '@/lib/forms/form-attempts';
import { services } from '@/lib/runtime';
import { currentViewer } from '@/lib/sign-in/current-viewer';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Feedback refused for an answer comes back here with what to fix (lib/forms/form-attempts.ts). */
const refused = cache(async (attemptId: unknown) => loadFormAttempt(await services(), await currentViewer(), 'feedback', '', attemptId));

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  await connection();
  const attempt = await refused((await searchParams).attempt);
  return { title: `${attempt ? 'Error: ' : ''}Give feedback on Discovery Commons` };
}

/** The feedback form linked from the beta banner and the footer. Anyone may send feedback; site admins read it at /admin/feedback. */
export default async function FeedbackPage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  const attempt = await refused(params.attempt);
  const errors = errorsByField(attempt);

  if (params.done === 'sent' && !attempt) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title="Thank you for your feedback" />
          <p className="govuk-body">We read all feedback. If you gave your email address, we may write to you about it.</p>
          <p className="govuk-body">
            <a className="govuk-link" href="/">
              Go to the Discovery Commons home page
            </a>
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={(attempt?.errors ?? []).map((e) => ({ href: e.field === 'form' ? undefined : `#${e.field}`, text: e.message }))} />
        <h1 className="govuk-heading-l">Give feedback on Discovery Commons</h1>
        <p className="govuk-body">
          Tell us what you think of the hub, what you could not do, or report a problem. Do not include personal data about
          anyone else, such as research participants’ names.
        </p>
        <form method="post" action="/feedback/send" noValidate>
          <Textarea
            id="message"
            name="message"
            label="Your feedback"
            labelClassName="govuk-label--m"
            hint={`Up to ${FEEDBACK_MAX_LENGTH} characters.`}
            defaultValue={textValue(attempt?.values, 'message')}
            error={errors.message}
            rows={6}
          />
          <TextInput
            id="replyEmail"
            name="replyEmail"
            type="email"
            label="Email address (optional)"
            labelClassName="govuk-label--s"
            hint="Only if you would like a reply."
            autoComplete="email"
            spellCheck={false}
            defaultValue={textValue(attempt?.values, 'replyEmail')}
            error={errors.replyEmail}
          />
          <p className="govuk-body">
            We keep feedback for {FEEDBACK_KEPT_MONTHS} months. Read the <a className="govuk-link" href="/privacy">privacy notice</a>.
          </p>
          <Button preventDoubleClick>Send feedback</Button>
        </form>
      </div>
    </div>
  );
}
