import { Button, ErrorSummary, Textarea, TextInput } from '@/app/_components/govuk';
import { errorsByField, textValue, type FormAttempt } from '@/lib/forms/form-attempts';

/** Adding a public body (not a council). Posts to /admin/organisations/add, with or without JavaScript. */
export function PublicBodyForm({ attempt }: { attempt: FormAttempt | undefined }) {
  const errors = errorsByField(attempt);
  return (
    <>
      <ErrorSummary errors={(attempt?.errors ?? []).map((e) => ({ href: e.field === 'form' ? undefined : `#${e.field}`, text: e.message }))} />
      <h1 className="govuk-heading-l">Add a public body</h1>
      <p className="govuk-body">
        For organisations that are not councils, such as the Local Government Association, a government department or a
        combined authority. The 382 UK councils are already here.
      </p>
      <form method="post" action="/admin/organisations/add" noValidate>
        <TextInput
          id="name"
          name="name"
          label="Name"
          labelClassName="govuk-label--m"
          hint="Its full name, for example ‘West of England Combined Authority’."
          defaultValue={textValue(attempt?.values, 'name')}
          error={errors.name}
          autoComplete="off"
          spellCheck
        />
        <TextInput
          id="homepageUrl"
          name="homepageUrl"
          type="url"
          label="Homepage (optional)"
          labelClassName="govuk-label--m"
          hint="For example, https://www.local.gov.uk"
          defaultValue={textValue(attempt?.values, 'homepageUrl')}
          error={errors.homepageUrl}
          autoComplete="off"
          spellCheck={false}
        />
        <Textarea
          id="emailDomains"
          name="emailDomains"
          label="Email domains (optional)"
          labelClassName="govuk-label--m"
          hint="People who sign in with a verified address on one of these domains join it. One on each line, for example local.gov.uk. Public email services such as gmail.com cannot be used."
          defaultValue={textValue(attempt?.values, 'emailDomains')}
          error={errors.emailDomains}
          rows={3}
          spellCheck={false}
          autoCapitalize="none"
          autoComplete="off"
        />
        <div className="govuk-button-group">
          <Button preventDoubleClick>Add public body</Button>
          <a className="govuk-link" href="/admin/organisations">
            Cancel
          </a>
        </div>
      </form>
    </>
  );
}
