/**
 * One email address, parsed strictly. Sign-in links are sent to it and membership of a council follows
 * from its domain, so anything that is not plainly one ordinary address is refused rather than
 * interpreted: a list (`a@x.com,b@council.gov.uk`), a quoted or commented local part
 * (`"a@evil.com"@council.gov.uk`), a display name (`Sam <sam@council.gov.uk>`), an address literal
 * (`sam@[10.0.0.1]`), and anything outside ASCII (a Cyrillic 'а' that looks like a Latin 'a').
 *
 * Accepted: local part of `A-Z a-z 0-9 . _ % + -` (no dot first, last or doubled), `@`, a domain of at
 * least two letter-digit-hyphen labels. The whole address is lower-cased and one trailing dot on the
 * domain (`council.gov.uk.`, the DNS root) is removed, so the same mailbox always gives the same string.
 */

export type EmailAddressProblem =
  | 'empty'
  | 'too_long'
  | 'not_ascii'
  | 'not_one_address'
  | 'invalid_local_part'
  | 'invalid_domain';

export type ParsedEmailAddress =
  | { ok: true; address: string; local: string; domain: string }
  | { ok: false; problem: EmailAddressProblem };

/** RFC 5321 limits: 64 octets of local part, 255 of domain, 254 in a forward path. */
const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

const LOCAL_PART = /^[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Characters that make a string something other than a single plain address. */
const SEPARATORS = /[\s,;<>()"'\\[\]:]/;

export function parseEmailAddress(input: unknown): ParsedEmailAddress {
  if (typeof input !== 'string') return { ok: false, problem: 'empty' };
  // Spaces around the address are a slip of the keyboard or a paste; spaces inside it are not.
  const trimmed = input.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  if (trimmed === '') return { ok: false, problem: 'empty' };
  if (trimmed.length > MAX_ADDRESS + 1) return { ok: false, problem: 'too_long' };
  // Printable ASCII only: no look-alike letters, no control characters, no invisible joiners.
  if (!/^[\x21-\x7e]+$/.test(trimmed)) {
    return { ok: false, problem: /[^\x00-\x7f]/.test(trimmed) ? 'not_ascii' : 'not_one_address' };
  }
  if (SEPARATORS.test(trimmed)) return { ok: false, problem: 'not_one_address' };
  const at = trimmed.indexOf('@');
  if (at === -1 || at !== trimmed.lastIndexOf('@')) return { ok: false, problem: 'not_one_address' };

  const local = trimmed.slice(0, at).toLowerCase();
  let domain = trimmed.slice(at + 1).toLowerCase();
  if (domain.endsWith('.')) domain = domain.slice(0, -1);

  if (local.length === 0 || local.length > MAX_LOCAL || !LOCAL_PART.test(local)) {
    return { ok: false, problem: 'invalid_local_part' };
  }
  if (!isDomainName(domain)) return { ok: false, problem: 'invalid_domain' };
  const address = `${local}@${domain}`;
  if (address.length > MAX_ADDRESS) return { ok: false, problem: 'too_long' };
  return { ok: true, address, local, domain };
}

/** A lower-case domain name of letter-digit-hyphen labels, at least two, not ending in a number. */
export function isDomainName(domain: string): boolean {
  if (domain.length === 0 || domain.length > MAX_DOMAIN) return false;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return false;
  // A numeric last label is an IP address (10.0.0.1), not a mail domain.
  return !/^[0-9]+$/.test(labels[labels.length - 1]!);
}

/** The normalised address, or undefined when it is not one plain address. */
export function normaliseEmailAddress(input: unknown): string | undefined {
  const parsed = parseEmailAddress(input);
  return parsed.ok ? parsed.address : undefined;
}

/** What to tell a person whose address was refused (GOV.UK Design System wording). */
export function emailAddressProblemMessage(problem: EmailAddressProblem): string {
  switch (problem) {
    case 'empty':
      return 'Enter your email address';
    case 'too_long':
      return 'Email address must be 254 characters or less';
    case 'not_ascii':
    case 'not_one_address':
    case 'invalid_local_part':
    case 'invalid_domain':
      return 'Enter an email address in the correct format, like name@example.gov.uk';
  }
}
