import 'server-only';
import { AppError } from '@/lib/errors';

/**
 * Refuses a state-changing request that a browser sent from another site (cross-site request forgery).
 * Browsers send Origin on every POST; it must name this site. Behind a proxy, X-Forwarded-Host is the
 * host the browser saw.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  let originHost: string | undefined;
  try {
    originHost = origin && origin !== 'null' ? new URL(origin).host : undefined;
  } catch {
    originHost = undefined;
  }
  if (!originHost || !host || originHost.toLowerCase() !== host.split(',')[0]!.trim().toLowerCase()) {
    throw new AppError('forbidden_origin', 'This form must be sent from Discovery Commons itself.');
  }
}
