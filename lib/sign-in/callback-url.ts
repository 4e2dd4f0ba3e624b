/**
 * Where to send someone after they sign in: a path on this site, never another site. Anything else
 * (`https://evil.example`, `//evil.example`, `/\evil.example`, `javascript:…`, control characters,
 * a different port or scheme) becomes the home page. Safe to import anywhere: no server code.
 */
export function safeCallbackPath(input: unknown, origin: string): string {
  if (typeof input !== 'string' || input.length === 0 || input.length > 2000) return '/';
  // Backslashes are read as slashes by browsers (`/\evil.example` is `//evil.example`); control
  // characters and spaces are stripped by them, which can turn a path into another host.
  if (/[\\\x00-\x20\x7f]/.test(input)) return '/';
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    return '/';
  }
  let target: URL;
  try {
    if (input.startsWith('/')) {
      if (input.startsWith('//')) return '/';
      target = new URL(input, base);
    } else {
      target = new URL(input);
    }
  } catch {
    return '/';
  }
  if (target.origin !== base.origin) return '/';
  const path = `${target.pathname}${target.search}${target.hash}`;
  // Never back into the sign-in machinery itself.
  if (!path.startsWith('/') || path.startsWith('//') || /^\/(api\/auth|sign-in|sign-out)(\/|\?|#|$)/.test(path)) return '/';
  return path;
}
