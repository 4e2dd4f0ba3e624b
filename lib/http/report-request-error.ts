import 'server-only';
import { logger } from '@/lib/logging';
import { hubMetrics } from '@/lib/metrics';
import { REQUEST_ID_HEADER } from './request-id';

/** What Next.js tells instrumentation.ts `onRequestError` about the request (its `path` includes the query). */
export interface FailedRequest {
  path: string;
  method: string;
  headers: NodeJS.Dict<string | string[]>;
}

export interface FailureContext {
  routePath: string;
  routeType: string;
  renderSource?: string;
}

/**
 * The log line and count for an error Next.js caught while rendering a page, running a route handler,
 * a server action or the proxy: the one place a page's failure is seen (see observe-request.ts). The
 * digest is what the error page's visitor has (app/error.tsx), so a report can be matched to this line.
 */
export function reportRequestError(error: unknown, request: FailedRequest, context: FailureContext): void {
  hubMetrics().requestErrors.inc({ route_type: context.routeType });
  const id = request.headers[REQUEST_ID_HEADER];
  const digest = (error as { digest?: unknown } | null)?.digest;
  logger('http').error(
    {
      requestId: typeof id === 'string' ? id : undefined,
      method: request.method,
      // Never the query string: it can hold search words or sign-in tokens.
      path: request.path.split('?')[0],
      route: context.routePath,
      routeType: context.routeType,
      renderSource: context.renderSource,
      digest: typeof digest === 'string' ? digest : undefined,
      err: error,
    },
    'request error',
  );
}
