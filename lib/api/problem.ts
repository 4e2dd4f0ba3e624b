import 'server-only';
import { z } from 'zod';
import { named } from './schemas/registry';

/**
 * Errors as `application/problem+json` (RFC 9457): a status, a short title and a `detail` in the same
 * plain words the pages use. `type` names the kind of problem on the reference page (/developers),
 * so a program can tell them apart without reading the words. Never internals: no SQL, keys or stacks.
 */
export const problemCodes = [
  'bad-request',
  'unauthorised',
  'forbidden',
  'not-found',
  'method-not-allowed',
  'conflict',
  'payload-too-large',
  'unsupported-media-type',
  'invalid-body',
  'too-many-requests',
  'server-error',
  'unavailable',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

const problemFacts: Record<ProblemCode, { status: number; title: string }> = {
  'bad-request': { status: 400, title: 'Bad request' },
  unauthorised: { status: 401, title: 'Not signed in' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  'payload-too-large': { status: 413, title: 'Too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'invalid-body': { status: 422, title: 'Check what you sent' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'server-error': { status: 500, title: 'Something went wrong' },
  unavailable: { status: 503, title: 'Try again later' },
};

/** When each problem happens, in plain words: for the document and the reference page. */
export const problemMeanings: Record<ProblemCode, string> = {
  'bad-request':
    'A parameter the operation does not take, given twice, or of the wrong kind; a cursor it did not give; a token in the web address; or a body that cannot be read (JSON that does not parse, a broken multipart upload).',
  unauthorised:
    'An Authorization header that is not a live token of this hub: unknown, expired or revoked, or not of the form `Bearer <token>`. For reads, leave it out to see what anyone may see; writes always need a read and write token (the session cookie is never accepted for them). Refused attempts count against the network address’s rate limit.',
  forbidden:
    'A write with a read-only token, or by someone who may see the material but not change it (say, another council’s public material). Writes need a read and write token.',
  'not-found': 'Nothing there, or nothing the viewer may see (the two look alike).',
  'method-not-allowed': 'The address exists but does not take this method: the Allow header lists the ones it takes.',
  conflict: 'The material is not in a state that allows this (say, publishing a withdrawn material).',
  'payload-too-large': 'The request body is larger than the operation accepts (a file over the upload limit, or a JSON body over 64 KB).',
  'unsupported-media-type':
    'The body is not of the content type the operation takes: `application/json` for details and withdrawals, `multipart/form-data` for files.',
  'invalid-body':
    'The body could be read but is not right: a field the operation does not take, a value of the wrong type, a value not in its vocabulary, a missing or refused file. `errors` names each field, in the same words as the website’s forms.',
  'too-many-requests':
    'More requests in the window than the limit allows (per token, or per network address without one): wait for the seconds in Retry-After. Every answer says where you are in RateLimit and RateLimit-Policy.',
  'server-error': 'Something went wrong on the hub’s side.',
  unavailable: 'The hub could not store the file or save the change just now. Nothing was saved: try again later.',
};

export const problemSchema = named(
  'Problem',
  z
  .object({
    type: z.string().describe('Which kind of problem: a link to its entry on the reference page.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe('What went wrong, in plain words (the same as the pages say).'),
    errors: z
      .array(z.object({ parameter: z.string(), message: z.string() }))
      .optional()
      .describe('For a bad request: each query parameter that was wrong, and why. For a body that is not right: each field (`parameter` is the field’s name), and why.'),
  })
  .describe('An error (RFC 9457 problem details).'),
);

export type Problem = z.infer<typeof problemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The status of a kind of problem (for the OpenAPI document). */
export function problemStatus(code: ProblemCode): number {
  return problemFacts[code].status;
}

export class ApiProblem extends Error {
  constructor(
    public readonly code: ProblemCode,
    public readonly detail: string,
    public readonly errors: { parameter: string; message: string }[] = [],
    /** Extra headers for the answer: `WWW-Authenticate` on a 401, `Retry-After` on a 429. */
    public readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }
}

export function problemResponse(code: ProblemCode, detail: string, errors: Problem['errors'] = [], extraHeaders: Record<string, string> = {}): Response {
  const facts = problemFacts[code];
  const body: Problem = { type: `/developers#problem-${code}`, title: facts.title, status: facts.status, detail, ...(errors?.length ? { errors } : {}) };
  return new Response(JSON.stringify(body), {
    status: facts.status,
    headers: { ...extraHeaders, 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  });
}
