/**
 * What the hub's logs must never hold: email addresses (people's names, in effect), tokens, passwords
 * and other secrets. Two nets, because either alone misses something:
 *
 *   1. by key: a field whose name says it holds a secret or an address (`token`, `password`,
 *      `authorization`, `cookie`, `email`, …) is replaced whole, at any depth;
 *   2. by shape: inside every string (messages, error messages and stacks, any field), anything that
 *      looks like an email address, a bearer token, a password in a connection string or a secret in a
 *      query string is replaced.
 *
 * Pure functions, no pino: lib/logging/logger.ts applies them to every line before it is written.
 */

export const REDACTED = '[redacted]';
export const EMAIL_HIDDEN = '[email]';

/** Field names that hold secrets or addresses, whatever else they hold. */
const secretKey = /passw(or)?d|secret|token|authori[sz]ation|cookie|api[-_]?key|credential|signature|e-?mail/i;

const rules: [RegExp, string][] = [
  // postgres://hub:hunter2@db/commons: the password, before the address rule mistakes "hunter2@db…" for an email.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, `$1${REDACTED}@`],
  // Addresses as typed and as they appear in links (sam%40bristol.gov.uk).
  [/[\p{L}\p{N}._%+'-]+(?:@|%40)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/giu, EMAIL_HIDDEN],
  [/\b(Bearer|Basic)\s+[^\s,;"']+/gi, `$1 ${REDACTED}`],
  // Query strings and forms: ?token=…, &X-Amz-Signature=…, code=… (OAuth), api_key=…
  [/\b((?:[\w-]*(?:token|secret|passw(?:or)?d|signature|credential|api[-_]?key)|code)=)[^&\s"'#]+/gi, `$1${REDACTED}`],
];

/** The text with anything that looks like an address or a secret replaced. */
export function scrubText(text: string): string {
  let scrubbed = text;
  for (const [pattern, replacement] of rules) scrubbed = scrubbed.replace(pattern, replacement);
  return scrubbed;
}

export function isSecretKey(key: string): boolean {
  return secretKey.test(key);
}

const maxDepth = 8;

/**
 * A copy of a value fit to log: secret keys replaced, every string scrubbed, errors turned into their
 * type, message, code and stack (scrubbed too), cycles and very deep nesting cut short.
 */
export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= maxDepth) return '[too deep]';
  seen.add(value);
  try {
    if (value instanceof Error) return redactError(value, depth, seen);
    if (value instanceof Date) return value.toISOString();
    if (value instanceof URL) return scrubText(value.href);
    if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
    if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
    if (value instanceof Headers) return redactValue(Object.fromEntries(value), depth, seen);
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = isSecretKey(key) ? REDACTED : redactValue(item, depth + 1, seen);
    return copy;
  } finally {
    seen.delete(value);
  }
}

function redactError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const shown: Record<string, unknown> = { type: error.name, message: scrubText(error.message) };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') shown.code = code;
  if (error.stack) shown.stack = scrubText(error.stack);
  if (error.cause !== undefined) shown.cause = redactValue(error.cause, depth + 1, seen);
  return shown;
}
