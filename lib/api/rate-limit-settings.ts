import 'server-only';
import { config } from '@/lib/config';
import type { RateLimits } from './rate-limit';

/** The API's rate limits and how to find a caller's network address, from the configuration (README, Configuration). */
export function apiRateLimitSettings(): { limits: RateLimits; trustedProxyHops: number } {
  const settings = config();
  return { limits: settings.api.rateLimits, trustedProxyHops: settings.auth.trustedProxyHops };
}
