import 'server-only';
import type { z } from 'zod';
import type { Viewer } from '@/lib/auth/viewer';
import type { Services } from '@/lib/services';
import type { ProblemCode } from './problem';
import type { QueryShape } from './read-query';

/**
 * One operation of the API, described once: the route handler (lib/api/api-route.ts) validates with
 * these schemas and shapes its answer with `response`, and the OpenAPI document
 * (lib/api/openapi-document.ts) is generated from the very same objects.
 */
/** The HTTP methods operations use. Reads are GET (the default); writes change something and take a read and write token. */
export type ApiMethod = 'get' | 'post' | 'patch';

/**
 * What a write takes: its body's content type and the named zod schema that checks it (the document's
 * requestBody is generated from the same schema). For multipart, the schema describes the text fields
 * and the `file` part; the fields are checked with it before a byte of the file is stored.
 */
export interface ApiRequestBody {
  contentType: 'application/json' | 'multipart/form-data';
  schema: z.ZodType;
  /** The body may be left out altogether (publishing with nothing to say). */
  optional?: true;
}

export interface ApiOperation<P extends QueryShape = QueryShape, Q extends QueryShape = QueryShape, R extends z.ZodType = z.ZodType> {
  operationId: string;
  /** 'get' when absent. Any other method is a write: read and write tokens only (lib/api/api-write-route.ts). */
  method?: ApiMethod;
  /** A write's body. */
  requestBody?: ApiRequestBody;
  /** A write that makes something new: 201 with Location (the new thing's address) instead of 200. */
  created?: true;
  /** OpenAPI style: /materials/{id}, under /api/v1. */
  path: string;
  tag: 'Search' | 'Materials' | 'Vocabularies' | 'Councils' | 'Commitments' | 'Projects' | 'Kits' | 'About the API';
  summary: string;
  description: string;
  /** Path parameters. A value of the wrong shape names nothing: 404 with `notFound`, as the pages do. */
  params: P;
  query: Q;
  /** The JSON answer; absent for a file download. */
  response?: R;
  /** A file: sent as an attachment or a 303 to a short-lived signed link (lib/http/download-response.ts). */
  download?: true;
  /** What a 404 says, in the pages' words. */
  notFound?: string;
  /** Problems this operation can answer with besides 400 and 500. */
  problems: ProblemCode[];
}

export interface ApiContext<P extends QueryShape, Q extends QueryShape> {
  request: Request;
  url: URL;
  services: Services;
  viewer: Viewer;
  params: z.output<z.ZodObject<P>>;
  query: z.output<z.ZodObject<Q>>;
}

/**
 * What a handler answers: the body (shaped by the operation's response schema), and whether it is
 * the same for everyone (vocabularies), so it may carry an ETag even when the viewer is signed in.
 */
export interface ApiAnswer<R extends z.ZodType> {
  body: z.input<R>;
  sameForEveryone?: boolean;
}

export function defineOperation<P extends QueryShape, Q extends QueryShape, R extends z.ZodType>(operation: ApiOperation<P, Q, R>): ApiOperation<P, Q, R> {
  return operation;
}
