import type { DocumentText } from '../document-text';
import { maskEmail } from '../mask';
import { allMatches, around, type TextMatch } from './text-match';
import { PARTICIPANT_CONTEXT } from './context-words';

/**
 * Email addresses, ranked by whose they are likely to be:
 * - a personal address at a consumer provider (gmail.com, hotmail.co.uk…), or any named address
 *   next to words about research participants: likely personal;
 * - a named address at an organisation (jane.smith@council.gov.uk): possible — usually a member of
 *   staff, whose work address councils often publish;
 * - a team or role address (research@, info@, foi@, enquiries@…) or an example domain: unlikely.
 */

// Local part up to 64 characters, domain labels up to 63: bounded, so no catastrophic backtracking.
const EMAIL = /(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/g;

const CONSUMER_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'hotmail.com', 'hotmail.co.uk', 'outlook.com', 'live.com', 'live.co.uk',
  'msn.com', 'yahoo.com', 'yahoo.co.uk', 'ymail.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com',
  'aol.co.uk', 'btinternet.com', 'btopenworld.com', 'sky.com', 'virginmedia.com', 'ntlworld.com',
  'blueyonder.co.uk', 'talktalk.net', 'tiscali.co.uk', 'protonmail.com', 'proton.me', 'gmx.com',
  'gmx.co.uk', 'mail.com', 'zoho.com', 'fastmail.com', 'hey.com',
]);

/** Domains reserved for examples (RFC 2606) and placeholders people type in templates. */
const EXAMPLE_DOMAIN = /(^|\.)(example\.(com|org|net|co\.uk)|example|test|invalid|localhost|domain\.com|email\.com|yourcouncil\.gov\.uk|council\.gov\.uk)$/i;

/** Public bodies' domains: named addresses there are usually staff. */
const PUBLIC_SECTOR_DOMAIN = /(^|\.)(gov\.uk|gov\.scot|gov\.wales|llyw\.cymru|nhs\.uk|nhs\.net|police\.uk|mod\.uk|sch\.uk|ac\.uk|parliament\.uk|gov)$/i;

/** Words that make a local part a team, role or service rather than a person. */
const ROLE_WORDS = new Set([
  'info', 'information', 'enquiries', 'enquiry', 'inquiries', 'contact', 'contactus', 'hello', 'hi', 'admin',
  'administrator', 'help', 'helpdesk', 'support', 'team', 'office', 'mail', 'post', 'reception', 'feedback',
  'press', 'media', 'news', 'comms', 'communications', 'digital', 'research', 'userresearch', 'ur', 'foi',
  'foia', 'freedomofinformation', 'dpo', 'dataprotection', 'privacy', 'gdpr', 'complaints', 'complaint',
  'customerservices', 'customerservice', 'customer', 'customers', 'service', 'services', 'noreply',
  'donotreply', 'no', 'reply', 'webmaster', 'web', 'website', 'sales', 'jobs', 'careers', 'recruitment',
  'hr', 'finance', 'accounts', 'billing', 'council', 'planning', 'housing', 'licensing', 'parking',
  'benefits', 'counciltax', 'revenues', 'waste', 'recycling', 'ict', 'it', 'security', 'abuse', 'postmaster',
  'general', 'queries', 'questions', 'design', 'servicedesign', 'accessibility', 'user', 'users', 'data',
  'insight', 'insights', 'policy', 'strategy', 'transformation', 'innovation', 'programme', 'project',
  'projects', 'hub', 'lab', 'labs', 'unit', 'desk', 'govuk', 'manual', 'content', 'editor', 'editorial',
  'publishing', 'consultation', 'consultations', 'engagement', 'events', 'training', 'learning',
]);

export function findEmailAddresses(document: DocumentText): TextMatch[] {
  const { text } = document;
  return allMatches(EMAIL, text).map((match): TextMatch => {
    const address = match[0];
    const start = match.index;
    const end = start + address.length;
    const at = address.lastIndexOf('@');
    const written = address.slice(0, at);
    const domain = address.slice(at + 1).toLowerCase();
    const base = { kind: 'email-address' as const, start, end, excerpt: maskEmail(address), key: address.toLowerCase() };

    if (EXAMPLE_DOMAIN.test(domain)) return { ...base, likelihood: 'unlikely', score: 5, reason: 'An example or placeholder address.' };
    if (isRoleAddress(written)) return { ...base, likelihood: 'unlikely', score: 10, reason: 'A team or role address, not a person’s own.' };

    if (CONSUMER_DOMAINS.has(domain)) {
      return { ...base, likelihood: 'likely', score: 90, reason: 'A personal email address at a consumer email provider.' };
    }
    if (PUBLIC_SECTOR_DOMAIN.test(domain)) {
      return { ...base, likelihood: 'possible', score: 45, reason: 'A named work address at a public body: usually a member of staff.' };
    }
    // A participant or resident who gives a work address gives it at a company, not a public body.
    if (PARTICIPANT_CONTEXT.test(around(text, start, end, 40, 0).before)) {
      return { ...base, likelihood: 'likely', score: 85, reason: 'An email address next to words about a research participant or resident.' };
    }
    return { ...base, likelihood: 'possible', score: 50, reason: 'A named email address at an organisation.' };
  });
}

/**
 * A team, role or service address: made of role words ("user.research", "foi", "DigitalTeam"), or of
 * three or more words run together in capitals ("DDTSUserResearchOperations"), which is how teams
 * are named and people are not.
 */
function isRoleAddress(written: string): boolean {
  const local = written.toLowerCase();
  const tokens = written
    .split(/[._+-]+/)
    .flatMap((piece) => piece.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? [])
    .map((token) => token.toLowerCase());
  if (tokens.length === 0) return false;
  if (ROLE_WORDS.has(local.replace(/[._+-]/g, ''))) return true;
  if (/[a-z][A-Z]/.test(written) && tokens.length >= 3) return true;
  return tokens.some((token) => ROLE_WORDS.has(token) || /(team|unit|services?|office|desk|support|enquir\w*|info|feedback|admin)$/.test(token));
}
