import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a request carries the operators' token (`Authorization: Bearer <OPERATIONS_TOKEN>`), which
 * unlocks the details of /readyz. Compared in constant time, over digests so lengths do not leak.
 * No token configured means nobody sees the details.
 */
export function isOperator(request: Request, token: string | undefined): boolean {
  if (!token) return false;
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer (.+)$/.exec(header);
  if (!match) return false;
  return timingSafeEqual(digest(match[1]!), digest(token));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
