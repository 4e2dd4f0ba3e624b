import type { ReactNode } from 'react';
import { CouncilPicker, type CouncilOption } from '@/app/_components/council-picker';
import { Button, ErrorSummary, Textarea } from '@/app/_components/govuk';
import { errorsByField, textValue, type FormAttempt } from '@/lib/forms/form-attempts';

export interface JoinFormProps {
  /** A refused attempt: the answers to show again and what to fix (lib/forms/form-attempts.ts). */
  attempt: FormAttempt | undefined;
  organisations: readonly CouncilOption[];
  maxMessageLength: number;
  /** A confirmation banner, shown until the form is sent back with errors. */
  banner?: ReactNode;
  /** Shown under the heading. */
  notice?: ReactNode;
}

/** Asking to join: the council picker and a message. Posts to /account/join/request, with or without JavaScript. */
export function JoinForm({ attempt, organisations, maxMessageLength, banner, notice }: JoinFormProps) {
  const errors = errorsByField(attempt);
  const summary = (attempt?.errors ?? []).map((e) => ({ href: e.field === 'form' ? undefined : `#${e.field}`, text: e.message }));
  return (
    <>
      <ErrorSummary errors={summary} />
      {attempt ? null : banner}
      <h1 className="govuk-heading-l">Ask to join an organisation</h1>
      {notice}
      <p className="govuk-body">
        If your email address is not on your council’s domain, ask to join it here. Its organisation admins will see your
        name, your email address and your message, and approve or refuse your request.
      </p>
      <p className="govuk-body">Once you belong to a council you can share materials for it and see materials it keeps private.</p>
      <form method="post" action="/account/join/request" noValidate>
        <CouncilPicker
          id="organisation"
          name="organisation"
          label="Which council or public body do you work for?"
          labelClassName="govuk-label--m"
          hint="Start typing its name, then choose it from the list."
          options={organisations}
          defaultValue={textValue(attempt?.values, 'organisation')}
          error={errors.organisation}
        />
        <Textarea
          id="message"
          name="message"
          label="Message to its organisation admins (optional)"
          labelClassName="govuk-label--m"
          hint={`Say what your role is, so they know who you are. Up to ${maxMessageLength} characters.`}
          defaultValue={textValue(attempt?.values, 'message')}
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
