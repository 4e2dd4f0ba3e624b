import { AppError, type FieldError } from '@/lib/errors';

/**
 * Refusals the organisation verbs raise that a page shows after a button press (the button's form
 * redirects back with `?problem=<code>`, and the page looks the message up here: a link can never put
 * words of its own on the page). Safe to import anywhere.
 */
export const organisationProblems = {
  last_admin: 'An organisation must keep at least one organisation admin. Make someone else an organisation admin first',
  already_decided: 'This request has already been decided or cancelled',
  belongs_elsewhere: 'This person already belongs to another organisation. Refuse the request instead',
  gone: 'That person or request could not be found. Someone may have changed it already',
} as const;

export type OrganisationProblem = keyof typeof organisationProblems;

export function isOrganisationProblem(code: unknown): code is OrganisationProblem {
  return typeof code === 'string' && Object.hasOwn(organisationProblems, code);
}

/** The problem code for a refusal from an organisation verb (anything unrecognised: `gone`). */
export function problemFor(error: AppError): OrganisationProblem {
  const match = (Object.keys(organisationProblems) as OrganisationProblem[]).find((code) => organisationProblems[code] === error.message);
  return match ?? 'gone';
}

/** What a form shows again after a refused post: the answers given and what to fix. */
export interface FormState {
  values: Record<string, string>;
  errors: FieldError[];
}

export const emptyFormState: FormState = { values: {}, errors: [] };

/**
 * The form state for an error: field errors from a ValidationError; for anything else that is an
 * AppError, its (safe) message; for anything else, a generic message.
 */
export function formStateFor(error: unknown, values: Record<string, string>): FormState {
  if (error instanceof AppError) {
    return { values, errors: error.fieldErrors.length ? error.fieldErrors : [{ field: 'form', message: error.message }] };
  }
  return { values, errors: [{ field: 'form', message: 'Sorry, something went wrong. Try again later.' }] };
}
