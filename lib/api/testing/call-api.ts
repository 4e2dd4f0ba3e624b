import { checkAgainstDocument, testSite } from './openapi-checker';

/** Test support: calls an API route handler as Next.js does, and checks its answer against the OpenAPI document. */

type Handler = (request: Request, context: { params: Promise<Record<string, string> | undefined> }) => Promise<Response>;

export interface ApiCall {
  response: Response;
  /** The parsed JSON body (answer or problem); undefined for a file, a redirect or a 304. */
  body: unknown;
}

export async function callApi(handler: unknown, path: string, options: { params?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<ApiCall> {
  const request = new Request(`${testSite}${path}`, { headers: options.headers });
  // As Next.js calls a route without [segments]: no params at all.
  const response = await (handler as Handler)(request, { params: Promise.resolve(options.params) });
  const body = await checkAgainstDocument(new URL(request.url).pathname, response);
  return { response, body };
}

/** The answer's body as the given shape (after the document has checked it). */
export function bodyOf<T>(call: ApiCall): T {
  return call.body as T;
}
