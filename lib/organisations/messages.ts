/**
 * Refusals the organisation verbs raise that a person reads after pressing a button (approve, refuse,
 * change a role, remove, cancel): each is a ValidationError for the whole form, shown in the error
 * summary of the page the button was on. Safe to import anywhere.
 */
export const organisationProblems = {
  last_admin: 'An organisation must keep at least one organisation admin. Make someone else an organisation admin first',
  already_decided: 'This request has already been decided or cancelled',
  belongs_elsewhere: 'This person already belongs to another organisation. Refuse the request instead',
  last_admin_leaving: 'You are the only organisation admin and others still belong to it. Make someone else an organisation admin before you leave',
  not_a_member: 'You do not belong to that organisation any more',
  has_admin: 'It has an organisation admin now: ask them to make you one',
  admin_request_pending: 'You have already asked to become its organisation admin. A site admin will decide',
  no_longer_member: 'This person no longer belongs to the organisation. Refuse the request instead',
  gone: 'That person or request could not be found. Someone may have changed it already',
} as const;
