const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: 'Europe/London',
});

/** "4 March 2026", the GOV.UK date style. */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** "4 March 2026 at 2:05pm". */
export function formatDateTime(iso: string): string {
  const parts = dateTimeFormat.formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')} ${get('month')} ${get('year')} at ${get('hour')}:${get('minute')}${get('dayPeriod').toLowerCase().replace(/\s|\./g, '')}`;
}

/** Keeps the line breaks someone typed, without interpreting anything. */
export const preserveLines = { whiteSpace: 'pre-line' } as const;

/** Lets a long unbroken string (an email address, a domain) wrap rather than overflow a table. */
export const breakAnywhere = { overflowWrap: 'anywhere' } as const;
