'use client';

import { useActionState } from 'react';
import { Button, ErrorSummary, Textarea } from '@/app/_components/govuk';
import { useErrorTitle } from '@/app/organisations/_components/use-error-title';
import { emptyFormState, type FormState } from '@/lib/organisations/messages';

export interface EmailDomainsFormProps {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  organisationName: string;
  manageHref: string;
  emailDomains: readonly string[];
}

/** Changing an organisation's email domains, one on each line. Posts without JavaScript. */
export function EmailDomainsForm({ action, organisationName, manageHref, emailDomains }: EmailDomainsFormProps) {
  const [state, formAction] = useActionState(action, emptyFormState);
  const errors = Object.fromEntries(state.errors.map((e) => [e.field, e.message]));
  useErrorTitle(state.errors.length > 0);
  return (
    <>
      <ErrorSummary errors={state.errors.map((e) => ({ href: e.field === 'form' ? undefined : `#${e.field}`, text: e.message }))} />
      <form action={formAction} noValidate>
        <span className="govuk-caption-l">{organisationName}</span>
        <Textarea
          id="emailDomains"
          name="emailDomains"
          label="Email domains"
          labelClassName="govuk-label--l"
          labelIsPageHeading
          hint={
            <>
              <p className="govuk-body govuk-hint">
                People who sign in with a verified address on one of these domains join {organisationName} as members. Enter
                one domain on each line, for example bristol.gov.uk.
              </p>
              <p className="govuk-body govuk-hint govuk-!-margin-bottom-0">
                Public email services such as gmail.com or outlook.com cannot be used: anyone can get an address there.
                People with those addresses can ask to join instead.
              </p>
            </>
          }
          defaultValue={state.values.emailDomains ?? emailDomains.join('\n')}
          error={errors.emailDomains}
          rows={6}
          spellCheck={false}
          autoCapitalize="none"
          autoComplete="off"
        />
        <div className="govuk-button-group">
          <Button preventDoubleClick>Save email domains</Button>
          <a className="govuk-link" href={manageHref}>
            Cancel
          </a>
        </div>
      </form>
    </>
  );
}
