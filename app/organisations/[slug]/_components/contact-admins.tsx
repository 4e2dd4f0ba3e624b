import { Button, NotificationBanner, Textarea } from '@/app/_components/govuk';
import { errorsByField, textValue, type FormAttempt } from '@/lib/forms/form-attempts';

export interface ContactAdminsProps {
  organisation: { slug: string; name: string };
  admins: { names: string[]; hasAdmin: boolean };
  signedIn: boolean;
  sent: boolean;
  attempt: FormAttempt | undefined;
  maxMessageLength: number;
}

/**
 * "Organisation admins" and "Contact its admins" on a council's page, at the stable anchor #contact
 * (the material page links here). Names only: no address of an admin is ever shown, and the sender's
 * address goes only into the email's Reply-To.
 */
export function ContactAdmins({ organisation, admins, signedIn, sent, attempt, maxMessageLength }: ContactAdminsProps) {
  const errors = errorsByField(attempt);
  return (
    <section aria-labelledby="contact">
      <h2 className="govuk-heading-m" id="contact">
        Contact {organisation.name}’s admins
      </h2>
      {admins.hasAdmin ? (
        <p className="govuk-body">
          {admins.names.length === 1 ? 'Its organisation admin is ' : 'Its organisation admins are '}
          {admins.names.join(', ')}. They approve requests to join {organisation.name} and look after its members.
        </p>
      ) : (
        <p className="govuk-body">
          {organisation.name} has no organisation admin yet. For help, use the{' '}
          <a className="govuk-link" href="/contact">
            Discovery Commons contact page
          </a>
          .
        </p>
      )}
      {admins.hasAdmin && sent ? <NotificationBanner type="success" heading="Your message has been sent" /> : null}
      {admins.hasAdmin && !signedIn ? (
        <p className="govuk-body">
          <a className="govuk-link" href={`/sign-in?${new URLSearchParams({ callbackUrl: `/organisations/${organisation.slug}#contact` })}`}>
            Sign in to write to them
          </a>
        </p>
      ) : null}
      {admins.hasAdmin && signedIn ? (
        <form method="post" action={`/organisations/${organisation.slug}/contact/send`} noValidate>
          <Textarea
            id="message"
            name="message"
            label="Your message"
            labelClassName="govuk-label--s"
            hint={`It is emailed to its organisation admins, who can reply to your email address. Your address is not shown on this site. Up to ${maxMessageLength} characters.`}
            defaultValue={textValue(attempt?.values, 'message')}
            error={errors.message}
            rows={5}
          />
          <Button preventDoubleClick>Send message</Button>
        </form>
      ) : null}
    </section>
  );
}
