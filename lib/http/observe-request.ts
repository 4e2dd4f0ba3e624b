import 'server-only';
import { logger } from '@/lib/logging';
import { hubMetrics, statusClass } from '@/lib/metrics';
import { REQUEST_ID_HEADER, requestId } from './request-id';
import { webServerLogsRequests } from './server-request-log';

export { requestId } from './request-id';

/**
 * One log line and the request metrics for every request a route handler answers: a request id, the
 * method, the path (never the query string, which can hold search words or sign-in tokens), the status
 * and how long the handler took to answer (to its response headers: a download's body streams after).
 *
 * Why route handlers only: Next.js 16 gives no hook that sees a page's final status. The proxy
 * (proxy.ts) runs before the page and never sees its response; instrumentation.ts `onRequestError`
 * sees only failures. The production web server (`npm start`) writes a line for every request itself,
 * pages included (server-request-log.ts); under it, this line (with the route's kind) is written at
 * debug only, so each request has one line at info. Under `next start` or `next dev` it stays at info.
 */

/** 'open-data': the feeds, sitemap, catalogue and exports other programs read. 'api': the JSON API (lib/api). */
export type RouteKind = 'form' | 'download' | 'auth' | 'operations' | 'open-data' | 'api';

export function observeRequest<Req extends Request, Rest extends unknown[]>(
  kind: RouteKind,
  handler: (request: Req, ...rest: Rest) => Promise<Response> | Response,
): (request: Req, ...rest: Rest) => Promise<Response> {
  return async (request, ...rest) => {
    const started = performance.now();
    try {
      const response = await handler(request, ...rest);
      record(kind, request, response.status, started);
      setRequestId(response, requestId(request));
      return response;
    } catch (error) {
      // Next.js answers 500 and reports it to instrumentation.ts too; this line ties it to the request.
      record(kind, request, 500, started, error);
      throw error;
    }
  };
}

function record(kind: RouteKind, request: Request, status: number, started: number, error?: unknown): void {
  const seconds = (performance.now() - started) / 1000;
  const metrics = hubMetrics();
  metrics.requests.inc({ route_kind: kind, status_class: statusClass(status) });
  metrics.requestSeconds.observe({ route_kind: kind }, seconds);
  const line = {
    requestId: requestId(request),
    method: request.method,
    path: new URL(request.url).pathname,
    routeKind: kind,
    status,
    durationMs: Math.round(seconds * 1000),
    ...(error === undefined ? {} : { err: error }),
  };
  const log = logger('http');
  if (status >= 500) log.error(line, 'request failed');
  // Health checks and metrics scrapes come every few seconds: counted, but logged only at debug.
  else if (kind === 'operations' || webServerLogsRequests()) log.debug(line, 'request');
  else log.info(line, 'request');
}

/** Sends the id back, so a person reporting a problem can quote it. Some responses' headers are fixed. */
function setRequestId(response: Response, id: string): void {
  try {
    response.headers.set(REQUEST_ID_HEADER, id);
  } catch {
    // Response.redirect() and error() have immutable headers: the log line still has the id.
  }
}
