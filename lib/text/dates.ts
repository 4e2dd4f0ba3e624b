/**
 * Dates as the hub shows them: GOV.UK style ("2 December 2026", "2 December 2026 at 9:05am"), in UK
 * time whatever the server's own time zone. Safe to import anywhere.
 */

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/** "2 December 2026". */
export function formatDate(value: Date | string): string {
  return dateFormat.format(asDate(value));
}

/** "2 December 2026 at 9:05am" (GOV.UK writes times as 9:05am, midday and midnight). */
export function formatDateTime(value: Date | string): string {
  const date = asDate(value);
  const parts = Object.fromEntries(timeFormat.formatToParts(date).map((part) => [part.type, part.value]));
  const hour = Number(parts.hour);
  const minute = parts.minute ?? '00';
  const period = (parts.dayPeriod ?? '').toLowerCase().replace(/\s|\./g, '');
  let time = `${hour}:${minute}${period}`;
  if (minute === '00' && hour === 12) time = period === 'pm' ? 'midday' : 'midnight';
  return `${formatDate(date)} at ${time}`;
}

/** The machine-readable form for a <time datetime="…"> attribute. */
export function isoDate(value: Date | string): string {
  return asDate(value).toISOString();
}
