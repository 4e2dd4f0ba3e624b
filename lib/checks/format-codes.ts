/** A format code as callers may write it ("JPG", ".markdown") in the form lib/formats uses. */
export function normaliseFormat(format: string): string {
  const code = format.trim().toLowerCase().replace(/^\./, '');
  if (code === 'jpg') return 'jpeg';
  if (code === 'markdown') return 'md';
  return code;
}
