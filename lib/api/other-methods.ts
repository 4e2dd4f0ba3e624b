import 'server-only';
import { observeRequest } from '@/lib/http/observe-request';
import { problemResponse } from './problem';

/** The methods a Next.js route handler can export (HEAD and OPTIONS are answered here too, see below). */
const routeMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
type RouteMethod = (typeof routeMethods)[number];
type WrittenMethod = Exclude<RouteMethod, 'HEAD' | 'OPTIONS'>;
type Handler = (request: Request) => Promise<Response>;

/**
 * The answers of an API address to the methods it does not take: 405 as problem details, with `Allow`
 * (RFC 9110) naming the ones it does. Next.js's own 405 has no body, and its own OPTIONS would list
 * these handlers as allowed, so OPTIONS is answered here too (204 with the same Allow). Every route
 * file under app/api/v1 spreads this beside its handlers:
 *
 *     export const GET = apiRoute(…);
 *     export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
 *
 * (app/api/v1/methods.integration.test.ts checks every route file does, so a new route cannot forget.)
 */
export function otherMethods(...allowed: WrittenMethod[]): Record<RouteMethod, Handler> {
  const allow = [...allowed.flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method])), 'OPTIONS'].join(', ');
  const refuse = observeRequest('api', async (request: Request) => {
    const response = problemResponse('method-not-allowed', `${request.method} is not a method this address takes. It takes ${allow}.`, [], { allow });
    return request.method === 'HEAD' ? new Response(null, { status: 405, headers: response.headers }) : response;
  });
  const options = observeRequest('api', async () => new Response(null, { status: 204, headers: { allow } }));
  const handlers = Object.fromEntries(routeMethods.map((method) => [method, refuse])) as Record<RouteMethod, Handler>;
  handlers.OPTIONS = options;
  return handlers;
}
