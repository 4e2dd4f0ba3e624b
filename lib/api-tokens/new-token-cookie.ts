import 'server-only';
import { config } from '@/lib/config';

/**
 * The new secret travels from the "create" post to the page that shows it in a short-lived HttpOnly
 * cookie on /account/api-tokens only (never in the address, where logs and history would keep it;
 * never in the database). "I have copied it" clears it; otherwise it lapses after 10 minutes.
 */
export const NEW_TOKEN_COOKIE = 'dc-new-api-token';
const path = '/account/api-tokens';

function secure(): string {
  return config().auth.url.startsWith('https://') ? '; Secure' : '';
}

export function rememberNewToken(secret: string): string {
  return `${NEW_TOKEN_COOKIE}=${encodeURIComponent(secret)}; Path=${path}; Max-Age=600; HttpOnly; SameSite=Strict${secure()}`;
}

export function forgetNewToken(): string {
  return `${NEW_TOKEN_COOKIE}=; Path=${path}; Max-Age=0; HttpOnly; SameSite=Strict${secure()}`;
}
