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

/**
 * Checks a name someone gives themself (/account/name): what is wrong with it, in words for the error
 * message, or undefined when it will do. The rule for every name typed in: not empty, at most
 * maxDisplayNameLength characters, no control characters (line breaks, tabs, direction overrides), and
 * no email address or web address, since the name is shown to everyone.
 */
export function displayNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Enter your name';
  if ([...trimmed].length > maxDisplayNameLength) return `Your name must be ${maxDisplayNameLength} characters or fewer`;
  // Cc (controls) and the bidirectional formatting characters, which can make a name read backwards.
  if (/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.test(trimmed)) return 'Your name must not contain line breaks, tabs or other control characters';
  if (withoutEmailAddresses(trimmed) !== trimmed || /@/.test(trimmed)) return 'Your name must not contain an email address';
  if (/(?:https?:\/\/|www\.)|\b[a-z0-9-]+\.(?:com|org|net|uk|io|gov|info|co)\b/i.test(trimmed)) return 'Your name must not contain a web address';
  return undefined;
}

/** A name that passed displayNameProblem, as it is stored: trimmed, inner spaces collapsed. */
export function normaliseDisplayName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}
