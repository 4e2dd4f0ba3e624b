export { formatDate, formatDateTime } from '@/lib/text/dates';

/** Keeps the line breaks someone typed, without interpreting anything. */
export const preserveLines = { whiteSpace: 'pre-line' } as const;

/** Lets a long unbroken string (an email address, a domain) wrap rather than overflow a table. */
export const breakAnywhere = { overflowWrap: 'anywhere' } as const;
