/**
 * A path on this site to go back to after a form (a `returnTo` field), or the fallback: only a single
 * leading slash, so it can never send someone to another site ("//evil.example", "https://…").
 */
export function localReturnPath(value: unknown, fallback: string): string {
  const text = typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
  if (text.length === 0 || text.length > 2000) return fallback;
  if (!text.startsWith('/') || text.startsWith('//') || text.startsWith('/\\') || /[\u0000-\u001f]/.test(text)) return fallback;
  return text;
}
