import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

/**
 * A token's secret: `dc_` and 32 random bytes in base64url (256 bits). The prefix lets secret
 * scanners (and people) recognise a Discovery Commons token that was pasted somewhere it should not
 * be. Only the sha256 is stored: with 256 random bits there is nothing to guess, so a slow password
 * hash would add only cost to every API request.
 */
export const tokenPrefix = 'dc_';

/** How many characters of the secret are kept to tell tokens apart ("dc_ab12…"). */
const shownPrefixLength = tokenPrefix.length + 4;

export function newTokenSecret(): { secret: string; hash: string; shownPrefix: string } {
  const secret = tokenPrefix + randomBytes(32).toString('base64url');
  return { secret, hash: hashTokenSecret(secret), shownPrefix: secret.slice(0, shownPrefixLength) };
}

export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether a string is shaped like one of our secrets (checked before hashing and looking up). */
export function looksLikeTokenSecret(value: string): boolean {
  return /^dc_[A-Za-z0-9_-]{43}$/.test(value);
}
