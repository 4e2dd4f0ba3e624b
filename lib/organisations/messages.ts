/**
 * Refusals the organisation verbs raise that a person reads after pressing a button (approve, refuse,
 * change a role, remove, cancel): each is a ValidationError for the whole form, shown in the error
 * summary of the page the button was on. Safe to import anywhere.
 */
export const organisationProblems = {
  last_admin: 'An organisation must keep at least one organisation admin. Make someone else an organisation admin first',
  already_decided: 'This request has already been decided or cancelled',
  belongs_elsewhere: 'This person already belongs to another organisation. Refuse the request instead',
  gone: 'That person or request could not be found. Someone may have changed it already',
} as const;
