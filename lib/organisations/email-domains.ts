/**
 * Checking the email domains that decide who joins an organisation when they sign in. Pure functions,
 * safe to import anywhere.
 *
 * A domain is an ASCII hostname (international domains in their `xn--` form), lower-cased, with at
 * least two labels and a top-level label that is not a number (so never an IP address). Public email
 * services and bare public suffixes are refused: anyone can get an address there.
 */

export const maxEmailDomains = 50;

/** Email services anyone can sign up to. Addresses there say nothing about where someone works. */
export const publicEmailServices = [
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'outlook.co.uk',
  'hotmail.com',
  'hotmail.co.uk',
  'live.com',
  'live.co.uk',
  'msn.com',
  'yahoo.com',
  'yahoo.co.uk',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'aol.co.uk',
  'protonmail.com',
  'proton.me',
  'pm.me',
  'gmx.com',
  'gmx.co.uk',
  'mail.com',
  'zoho.com',
  'yandex.com',
  'btinternet.com',
  'sky.com',
  'virginmedia.com',
  'talktalk.net',
  'blueyonder.co.uk',
  'tiscali.co.uk',
];

/** Suffixes shared by many organisations: an organisation's domain sits below one of these. */
const sharedSuffixes = [
  'gov.uk',
  'co.uk',
  'org.uk',
  'ac.uk',
  'nhs.uk',
  'police.uk',
  'sch.uk',
  'ltd.uk',
  'plc.uk',
  'me.uk',
  'net.uk',
  'gov.scot',
  'gov.wales',
  'llyw.cymru',
];

const label = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export type DomainCheck = { ok: true; domain: string } | { ok: false; message: string };

const shown = (value: string) => (value.length > 60 ? `${value.slice(0, 57)}…` : value);

/** Checks one domain as typed; returns it lower-cased, or a message that says what to change. */
export function checkEmailDomain(raw: string): DomainCheck {
  let value = raw.trim();
  if (/[\s,;]/.test(value)) {
    return { ok: false, message: `Enter one domain on each line, with no spaces or commas: ‘${shown(value)}’ has one in it` };
  }
  // Forgiving about a leading @ (as in "@bristol.gov.uk") and a trailing dot.
  value = value.replace(/^@/, '').replace(/\.$/, '').toLowerCase();
  if (value.includes('@')) {
    return { ok: false, message: `Enter just the domain, like bristol.gov.uk, not an email address: ‘${shown(raw.trim())}’` };
  }
  if (value.includes('/') || value.includes(':')) {
    return { ok: false, message: `Enter just the domain, like bristol.gov.uk, not a web address: ‘${shown(value)}’` };
  }
  if (/[^\u0020-\u007e]/.test(value)) {
    return {
      ok: false,
      message: `Enter ‘${shown(value)}’ in its ASCII form: international domains are written starting xn--`,
    };
  }
  if (value.length > 253) return { ok: false, message: `‘${shown(value)}’ is too long to be a domain` };
  const labels = value.split('.');
  if (labels.length < 2 || labels.some((l) => !label.test(l))) {
    return {
      ok: false,
      message: `‘${shown(value)}’ is not a domain: use letters, numbers, hyphens and dots, like bristol.gov.uk`,
    };
  }
  if (!/[a-z]/.test(labels[labels.length - 1]!)) {
    return { ok: false, message: `‘${shown(value)}’ is not a domain: enter a name like bristol.gov.uk, not a number` };
  }
  if (publicEmailServices.some((service) => value === service || value.endsWith(`.${service}`))) {
    return {
      ok: false,
      message: `${value} is a public email service: anyone can get an address there, so it cannot decide who joins. People with these addresses can ask to join instead`,
    };
  }
  if (sharedSuffixes.includes(value)) {
    return {
      ok: false,
      message: `${value} is shared by many organisations: enter the organisation’s own domain, like bristol.gov.uk`,
    };
  }
  return { ok: true, domain: value };
}

/**
 * Checks a list of domains: one on each line (a string, as a textarea posts it) or an array. Empty
 * lines are skipped, duplicates dropped, order kept. Returns the clean list or the first problem.
 */
export function checkEmailDomains(input: string | readonly string[]): { ok: true; domains: string[] } | { ok: false; message: string } {
  const lines = typeof input === 'string' ? input.split(/\r\n|\r|\n/) : input;
  const domains: string[] = [];
  for (const line of lines) {
    if (typeof line !== 'string' || line.trim() === '') continue;
    const check = checkEmailDomain(line);
    if (!check.ok) return check;
    if (!domains.includes(check.domain)) domains.push(check.domain);
  }
  if (domains.length > maxEmailDomains) {
    return { ok: false, message: `Enter ${maxEmailDomains} domains or fewer` };
  }
  return { ok: true, domains };
}
