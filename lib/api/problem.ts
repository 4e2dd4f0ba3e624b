import 'server-only';
import { z } from 'zod';
import { named } from './schemas/registry';

/**
 * Errors as `application/problem+json` (RFC 9457): a status, a short title and a `detail` in the same
 * plain words the pages use. `type` names the kind of problem on the reference page (/developers),
 * so a program can tell them apart without reading the words. Never internals: no SQL, keys or stacks.
 */
export const problemCodes = ['bad-request', 'unauthorised', 'not-found', 'too-many-requests', 'server-error'] as const;
export type ProblemCode = (typeof problemCodes)[number];

const problemFacts: Record<ProblemCode, { status: number; title: string }> = {
  'bad-request': { status: 400, title: 'Bad request' },
  unauthorised: { status: 401, title: 'Not signed in' },
  'not-found': { status: 404, title: 'Not found' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'server-error': { status: 500, title: 'Something went wrong' },
};

/** When each problem happens, in plain words: for the document and the reference page. */
export const problemMeanings: Record<ProblemCode, string> = {
  'bad-request': 'A parameter the operation does not take, given twice, or of the wrong kind; or a cursor it did not give.',
  unauthorised:
    'An Authorization header that is not a live token of this hub: unknown, expired or revoked, or not of the form `Bearer <token>`. Leave it out to see what anyone may see.',
  'not-found': 'Nothing there, or nothing the viewer may see (the two look alike).',
  'too-many-requests':
    'More requests in the window than the limit allows (per token, or per network address without one): wait for the seconds in Retry-After. Every answer says where you are in RateLimit and RateLimit-Policy.',
  'server-error': 'Something went wrong on the hub’s side.',
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
      .describe('For a bad request: each query parameter that was wrong, and why.'),
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
