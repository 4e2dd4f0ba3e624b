'use client';

import { useActionState, type ReactNode } from 'react';
import { CouncilPicker, type CouncilOption } from '@/app/_components/council-picker';
import { Button, ErrorSummary, Textarea } from '@/app/_components/govuk';
import { emptyFormState, type FormState } from '@/lib/organisations/messages';
import { useErrorTitle } from '@/app/organisations/_components/use-error-title';

export interface JoinFormProps {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  organisations: readonly CouncilOption[];
  maxMessageLength: number;
  /** A confirmation banner, shown until the form is sent back with errors. */
  banner?: ReactNode;
  /** Shown under the heading. */
  notice?: ReactNode;
  /** A refusal of the last button pressed (say, cancelling a request already decided). */
  problem?: string;
}

/** Asking to join: the council picker and a message. Posts without JavaScript (server action). */
export function JoinForm({ action, organisations, maxMessageLength, banner, notice, problem }: JoinFormProps) {
  const [state, formAction] = useActionState(action, emptyFormState);
  const errors = Object.fromEntries(state.errors.map((e) => [e.field, e.message]));
  const summary = state.errors.length
    ? state.errors.map((e) => ({ href: e.field === 'form' ? undefined : `#${e.field}`, text: e.message }))
    : problem
      ? [{ text: problem }]
      : [];
  useErrorTitle(summary.length > 0);
  return (
    <>
      <ErrorSummary errors={summary} />
      {state.errors.length ? null : banner}
      <h1 className="govuk-heading-l">Ask to join an organisation</h1>
      {notice}
      <p className="govuk-body">
        If your email address is not on your council’s domain, ask to join it here. Its organisation admins will see your
        name, your email address and your message, and approve or refuse your request.
      </p>
      <p className="govuk-body">Once you belong to a council you can share materials for it and see materials it keeps private.</p>
      <form action={formAction} noValidate>
        <CouncilPicker
          id="organisation"
          name="organisation"
          label="Which council or public body do you work for?"
          labelClassName="govuk-label--m"
          hint="Start typing its name, then choose it from the list."
          options={organisations}
          defaultValue={state.values.organisation}
          error={errors.organisation}
        />
        <Textarea
          id="message"
          name="message"
          label="Message to its organisation admins (optional)"
          labelClassName="govuk-label--m"
          hint={`Say what your role is, so they know who you are. Up to ${maxMessageLength} characters.`}
          defaultValue={state.values.message}
          error={errors.message}
          rows={4}
        />
        <Button preventDoubleClick>
          Send request
        </Button>
      </form>
    </>
  );
}
