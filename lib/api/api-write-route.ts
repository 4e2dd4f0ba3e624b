import 'server-only';
import { z } from 'zod';
import { observeRequest } from '@/lib/http/observe-request';
import { services } from '@/lib/runtime';
import type { ApiContext, ApiOperation } from './api-operation';
import { countedCaller, errorResponse, withHeaders } from './api-route';
import { apiWriterIdentity, refuseTokenInAddress, requireWriteScope } from './api-viewer';
import { ApiProblem } from './problem';
import { readQuery, type QueryShape } from './read-query';

type RouteContext = { params?: Promise<Record<string, string | string[]> | undefined> };

/** What a write's handler answers: the body (shaped by the response schema) and, for a 201, where the new thing is. */
export interface ApiWriteAnswer<R extends z.ZodType> {
  body: z.input<R>;
  location?: string;
}

/**
 * The route handler of one write operation. As apiRoute (lib/api/api-route.ts) for the path, query,
 * rate limit and problems, but the caller is ONLY a read and write token in the Authorization header:
 *
 *   - no Authorization header (a browser sending just its cookies, from any site)  → 401;
 *   - an unknown, expired or revoked token                                         → 401;
 *   - a read-only token                                                            → 403;
 *
 * each refusal counted against the rate limit (countedCaller). The handler reads the body itself
 * (readJsonBody, or the upload's streaming parser) and calls the domain function the page's form
 * calls, which checks permission and validates the answers as it does for the form. Answers are
 * never cached (`no-store`).
 */
export function apiWriteRoute<P extends QueryShape, Q extends QueryShape, R extends z.ZodType>(
  operation: ApiOperation<P, Q, R>,
  handler: (context: ApiContext<P, Q>) => Promise<ApiWriteAnswer<R>>,
) {
  if (!operation.method || operation.method === 'get') throw new Error(`${operation.operationId} is not a write`);
  return observeRequest('api', async (request: Request, route?: RouteContext) => {
    let limitHeaders: Record<string, string> = {};
    try {
      const url = new URL(request.url);
      refuseTokenInAddress(url);
      const hub = await services();
      // Who is asking comes first: a request nobody may make is refused before its path is looked at.
      const counted = await countedCaller(request, hub, apiWriterIdentity);
      limitHeaders = counted.limitHeaders;
      const writer = requireWriteScope(counted.caller);
      const rawParams = (route ? await route.params : undefined) ?? {};
      const params = z.object(operation.params).safeParse(rawParams);
      if (!params.success) throw new ApiProblem('not-found', operation.notFound ?? 'Page not found');
      const query = readQuery(operation.query, url.searchParams);
      const answer = await handler({ request, url, services: hub, viewer: writer.viewer, params: params.data, query });
      if (!operation.response) throw new Error(`${operation.operationId} has no response schema`);
      const body = JSON.stringify(operation.response.parse(answer.body));
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
        vary: 'Authorization',
        ...(answer.location ? { location: answer.location } : {}),
      };
      return withHeaders(new Response(body, { status: operation.created ? 201 : 200, headers }), limitHeaders);
    } catch (error) {
      return withHeaders(errorResponse(operation, error), limitHeaders);
    }
  });
}
