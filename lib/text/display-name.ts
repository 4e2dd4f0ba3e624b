/**
 * How people are named to others, in one place: member lists, join requests, "uploaded by" lines,
 * the audit log. A person's own name as they gave it, trimmed and cut to a sensible length, with
 * anything that looks like an email address removed: addresses are shown only to those allowed to
 * see them (lib/auth/permissions.ts, canSeeMemberEmails), never through a name field.
 * Safe to import anywhere.
 */

export const maxDisplayNameLength = 100;

export const noNameGiven = 'Name not given';

const emailAddress = /[^\s@<>()[\],;:"']+@[^\s@<>()[\],;:"']+\.[^\s@<>()[\],;:"']+/g;

/** Replaces anything that looks like an email address, for text that other people will read. */
export function withoutEmailAddresses(text: string): string {
  return text.replace(emailAddress, '[email address removed]');
}

/** The name as others may see it, or null when the person gave none (or only an address). */
export function givenName(name: string | null | undefined): string | null {
  const trimmed = withoutEmailAddresses(name?.trim() ?? '')
    .replace(/\[email address removed\]/g, '')
    .replace(/<\s*>|\(\s*\)|\[\s*\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return trimmed ? trimmed.slice(0, maxDisplayNameLength) : null;
}

/** For lists of people: their name, or "Name not given". */
export function displayName(name: string | null | undefined): string {
  return givenName(name) ?? noNameGiven;
}

/**
 * For "shared by" lines and the audit log: "Sam Jones, Bristol City Council"; "a member of Bristol City
 * Council" for someone who gave no name; just the name without an organisation; null with neither.
 */
export function personAndOrganisation(name: string | null | undefined, organisationName: string | null | undefined): string | null {
  const person = givenName(name);
  if (person && organisationName) return `${person}, ${organisationName}`;
  if (person) return person;
  if (organisationName) return `a member of ${organisationName}`;
  return null;
}
