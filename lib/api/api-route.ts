import 'server-only';
import { z } from 'zod';
import { AppError, type AppErrorCode } from '@/lib/errors';
import { PUBLIC_PAGE_CACHE_CONTROL } from '@/lib/http/cache-policy';
import { observeRequest } from '@/lib/http/observe-request';
import { logger } from '@/lib/logging';
import { services } from '@/lib/runtime';
import type { Services } from '@/lib/services';
import type { ApiAnswer, ApiContext, ApiOperation } from './api-operation';
import { clientNetworkAddress } from '@/lib/sign-in/client-address';
import { apiCaller, refuseTokenInAddress, type ApiCaller } from './api-viewer';
import { countApiRequest } from './rate-limit';
import { apiRateLimitSettings } from './rate-limit-settings';
import { etagOf, ifNoneMatchMatches } from './etag';
import { ApiProblem, problemResponse, type ProblemCode } from './problem';
import { readQuery, type QueryShape } from './read-query';

type RouteContext = { params?: Promise<Record<string, string | string[]> | undefined> };

/**
 * The route handler of one API operation, doing what every operation must, in one place: the path
 * and query checked with the operation's schemas (never a 500 on bad input), the viewer from the one
 * function that decides it (lib/api/api-viewer.ts), the answer shaped by the response schema (only
 * the fields the document promises), and errors as problem details.
 *
 * Caching: an answer for someone signed out (or the same for everyone) carries an ETag and
 * `private, no-cache`, so a program can ask again with `If-None-Match` and get a 304; an answer that
 * follows a signed-in viewer is `private, no-store`. `Vary` names what the answer can follow.
 */
export function apiRoute<P extends QueryShape, Q extends QueryShape, R extends z.ZodType>(
  operation: ApiOperation<P, Q, R>,
  handler: (context: ApiContext<P, Q>) => Promise<ApiAnswer<R> | Response>,
) {
  return observeRequest('api', async (request: Request, route?: RouteContext) => {
    let limitHeaders: Record<string, string> = {};
    try {
      const url = new URL(request.url);
      refuseTokenInAddress(url);
      // A route without [segments] gets no params at all from Next.js (not an empty object).
      const rawParams = (route ? await route.params : undefined) ?? {};
      const params = z.object(operation.params).safeParse(rawParams);
      if (!params.success) throw new ApiProblem('not-found', operation.notFound ?? 'Page not found');
      const query = readQuery(operation.query, url.searchParams);
      const hub = await services();
      const counted = await countedCaller(request, hub, apiCaller);
      limitHeaders = counted.limitHeaders;
      const viewer = counted.caller.viewer;
      const answer = await handler({ request, url, services: hub, viewer, params: params.data, query });
      if (answer instanceof Response) return withHeaders(answer, limitHeaders);
      if (!operation.response) throw new Error(`${operation.operationId} has no response schema`);
      const body = JSON.stringify(operation.response.parse(answer.body));
      return withHeaders(jsonResponse(request, body, answer.sameForEveryone === true || viewer.kind === 'anonymous'), limitHeaders);
    } catch (error) {
      return withHeaders(errorResponse(operation, error), limitHeaders);
    }
  });
}

/**
 * Who is asking (`identify`: apiCaller for reads, apiWriterIdentity for writes), counted against the
 * rate limit: a live token's request against the token, anything else against the network address.
 * A refused attempt (an unknown, expired or revoked token, a malformed header, a write without a
 * token) counts against its address too, so guessing tokens or hammering with a revoked one runs
 * into the same 429 as any other flood; the 401 then carries the RateLimit headers.
 */
export async function countedCaller(
  request: Request,
  hub: Services,
  identify: (request: Request) => Promise<ApiCaller>,
): Promise<{ caller: ApiCaller; limitHeaders: Record<string, string> }> {
  const { limits, trustedProxyHops } = apiRateLimitSettings();
  const networkAddress = clientNetworkAddress(request.headers, trustedProxyHops);
  let caller: ApiCaller;
  try {
    caller = await identify(request);
  } catch (error) {
    if (!(error instanceof ApiProblem) || error.code !== 'unauthorised') throw error;
    const limit = await countApiRequest(hub.db, limits, { networkAddress });
    if (!limit.allowed) throw tooManyRequests(limit.headers);
    throw new ApiProblem(error.code, error.detail, error.errors, { ...error.headers, ...limit.headers });
  }
  const limit = await countApiRequest(hub.db, limits, { tokenId: caller.token?.id, networkAddress });
  if (!limit.allowed) throw tooManyRequests(limit.headers);
  return { caller, limitHeaders: limit.headers };
}

function tooManyRequests(headers: Record<string, string>): ApiProblem {
  return new ApiProblem('too-many-requests', 'You have made too many requests. Wait until the time in Retry-After has passed, then try again.', [], headers);
}

/** The rate limit headers on every answer once the request was counted (a fresh Response: some have immutable headers). */
export function withHeaders(response: Response, headers: Record<string, string>): Response {
  if (Object.keys(headers).length === 0) return response;
  const merged = new Headers(response.headers);
  for (const [name, value] of Object.entries(headers)) merged.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: merged });
}

function jsonResponse(request: Request, body: string, cacheable: boolean): Response {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'x-content-type-options': 'nosniff',
    vary: 'Cookie, Authorization',
    'cache-control': cacheable ? PUBLIC_PAGE_CACHE_CONTROL : 'private, no-store',
  };
  if (!cacheable) return new Response(body, { headers });
  const etag = etagOf(body);
  headers.etag = etag;
  if (ifNoneMatchMatches(request.headers.get('if-none-match'), etag)) {
    const { 'content-type': _type, ...rest } = headers;
    return new Response(null, { status: 304, headers: rest });
  }
  return new Response(body, { headers });
}

/** The problem each refusal of the domain layer becomes: the same words the pages show. */
const problemForAppError: Record<AppErrorCode, ProblemCode> = {
  validation: 'invalid-body',
  not_found: 'not-found',
  forbidden: 'forbidden',
  unauthenticated: 'unauthorised',
  payload_too_large: 'payload-too-large',
  storage_unavailable: 'unavailable',
  database_unavailable: 'unavailable',
  bad_request: 'bad-request',
  forbidden_origin: 'forbidden',
  conflict: 'conflict',
};

export function errorResponse(operation: ApiOperation, error: unknown): Response {
  if (error instanceof ApiProblem) return problemResponse(error.code, error.detail, error.errors, error.headers);
  if (error instanceof AppError && error.code === 'not_found') return problemResponse('not-found', operation.notFound ?? error.message);
  if (error instanceof AppError) {
    const errors = error.fieldErrors.map(({ field, message }) => ({ parameter: field, message }));
    return problemResponse(problemForAppError[error.code], error.message, errors);
  }
  logger('api').error({ err: error, operation: operation.operationId }, 'API request failed');
  return problemResponse('server-error', 'Sorry, something went wrong. Try again later.');
}
