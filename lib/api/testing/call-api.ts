import { checkAgainstDocument, testSite } from './openapi-checker';

/** Test support: calls an API route handler as Next.js does, and checks its answer against the OpenAPI document. */

type Handler = (request: Request, context: { params: Promise<Record<string, string> | undefined> }) => Promise<Response>;

export interface ApiCall {
  response: Response;
  /** The parsed JSON body (answer or problem); undefined for a file, a redirect or a 304. */
  body: unknown;
}

export interface CallOptions {
  params?: Record<string, string>;
  headers?: Record<string, string>;
  /** GET unless given. */
  method?: string;
  /** A write's body: JSON (sent as given, with the content type in `headers`) or a multipart form. */
  body?: string | FormData | ReadableStream<Uint8Array>;
}

export async function callApi(handler: unknown, path: string, options: CallOptions = {}): Promise<ApiCall> {
  const method = options.method ?? 'GET';
  const request = new Request(`${testSite}${path}`, {
    method,
    headers: options.headers,
    body: options.body,
    ...(options.body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  // As Next.js calls a route without [segments]: no params at all.
  const response = await (handler as Handler)(request, { params: Promise.resolve(options.params) });
  const body = await checkAgainstDocument(new URL(request.url).pathname, response, method);
  return { response, body };
}

/** A JSON write's options: the body and its content type (plus any other headers). */
export function jsonBody(value: unknown, headers: Record<string, string> = {}): Pick<CallOptions, 'body' | 'headers'> {
  return { body: typeof value === 'string' ? value : JSON.stringify(value), headers: { 'content-type': 'application/json', ...headers } };
}

/** The answer's body as the given shape (after the document has checked it). */
export function bodyOf<T>(call: ApiCall): T {
  return call.body as T;
}
