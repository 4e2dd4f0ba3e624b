/**
 * Why someone was sent to sign in, from where they were going (the sign-in page's callbackUrl, already
 * made safe): "Sign in to share a material" rather than a bare "Sign in". Undefined when the page they
 * came from needs no explaining (the "Sign in" link itself). Safe to import anywhere: no server code.
 */
const reasons: ReadonlyArray<[RegExp, string]> = [
  [/^\/materials\/new(\/|\?|$)/, 'Sign in to share a material.'],
  [/^\/materials\/[^/?#]+\/(edit|replace|withdraw|delete)(\/|\?|$)/, 'Sign in to change this material.'],
  [/^\/account\/join(\/|\?|$)/, 'Sign in to ask to join your council.'],
  [/^\/account(\/|\?|$)/, 'Sign in to see your account.'],
  [/^\/organisations\/[^/?#]+\/(manage|audit)(\/|\?|$)/, 'Sign in to manage your organisation.'],
  [/^\/admin(\/|\?|$)/, 'Sign in as a site admin to continue.'],
];

export function signInReason(callbackPath: string): string | undefined {
  return reasons.find(([pattern]) => pattern.test(callbackPath))?.[1];
}
