import 'server-only';
import { z } from 'zod';
import { ApiProblem, type Problem } from './problem';

/** A JSON body larger than this is refused (413) before it is parsed: details and reasons are short. */
export const maxJsonBodyBytes = 64 * 1024;

/**
 * Room for the text fields and part headers of a multipart upload beside the file itself: a request
 * that says it is longer than the upload limit plus this is refused (413) before a byte is read.
 * Requests that do not say (chunked) are measured as they stream (the file's own size limit).
 */
export const multipartOverheadBytes = 1024 * 1024;

type BodyErrors = NonNullable<Problem['errors']>;

function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

function tooLarge(detail: string): ApiProblem {
  return new ApiProblem('payload-too-large', detail);
}

function declaredLength(request: Request): number | undefined {
  const header = request.headers.get('content-length');
  return header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
}

/** Refuses a file upload that is not multipart/form-data (415) or says it is too large (413), before reading it. */
export function requireMultipart(request: Request, maxUploadBytes: number): void {
  if (mediaType(request) !== 'multipart/form-data') {
    throw new ApiProblem('unsupported-media-type', 'Send the file and its details as multipart/form-data, with the file in a part named file, last.');
  }
  const length = declaredLength(request);
  if (length !== undefined && length > maxUploadBytes + multipartOverheadBytes) {
    throw tooLarge(`The request is too large: files must be smaller than ${Math.floor(maxUploadBytes / (1024 * 1024))} MB.`);
  }
}

/** Reads at most `limit` bytes of the body; more is a 413, never read further. */
async function readCapped(request: Request, limit: number): Promise<string> {
  const length = declaredLength(request);
  const message = `The request body must be ${limit / 1024} KB or smaller.`;
  if (length !== undefined && length > limit) throw tooLarge(message);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(message);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function valueAt(value: unknown, path: PropertyKey[]): unknown {
  let at = value;
  for (const key of path) at = at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined;
  return at;
}

/** What a JSON type is called in an error message. */
function typeWords(expected: string): string {
  const words: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'an object' };
  return words[expected] ?? expected;
}

/**
 * One error per field, named as the body names it: a field the operation does not take, a value of
 * the wrong type, or a value the schema refuses (in the schema's own words).
 */
export function bodyErrors(error: z.ZodError, value: unknown): BodyErrors {
  const errors: BodyErrors = [];
  const seen = new Set<string>();
  const add = (parameter: string, message: string) => {
    if (seen.has(parameter)) return;
    seen.add(parameter);
    errors.push({ parameter, message });
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(key, `${key} is not a field this operation takes`);
      continue;
    }
    const parameter = issue.path.length ? issue.path.map(String).join('.') : '(body)';
    if (issue.code === 'invalid_type') {
      const missing = valueAt(value, issue.path) === undefined;
      add(parameter, missing ? `Give ${parameter}` : `Give ${parameter} as ${typeWords(issue.expected)}`);
    } else {
      add(parameter, issue.message);
    }
  }
  return errors;
}

/** Checks already-read fields with a strict schema: 422 naming every field that is not right. */
export function parseBody<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = bodyErrors(parsed.error, value);
  throw new ApiProblem('invalid-body', errors[0]?.message ?? 'Check what you sent.', errors);
}

/**
 * The JSON body of a write, checked: `application/json` (or a `+json` type) only (415 otherwise: a
 * browser's form cannot send it without asking first), at most 64 KB (413), valid JSON (400), and an
 * object the operation's strict schema accepts: no unknown fields, every value of its type (422).
 */
export async function readJsonBody<T extends z.ZodType>(request: Request, schema: T, options: { optional?: boolean } = {}): Promise<z.output<T>> {
  const limit = maxJsonBodyBytes;
  const type = mediaType(request);
  // An operation whose body may be left out: no content type and no bytes is an empty object.
  if (options.optional && !type && (await readCapped(request, limit)).trim() === '') return parseBody(schema, {});
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) {
    throw new ApiProblem('unsupported-media-type', 'Send the body as JSON, with Content-Type: application/json.');
  }
  const text = await readCapped(request, limit);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiProblem('bad-request', 'The body is not valid JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiProblem('invalid-body', 'Send a JSON object.', [{ parameter: '(body)', message: 'Send a JSON object' }]);
  }
  return parseBody(schema, value);
}

/**
 * The text parts of a multipart upload, checked with a strict schema of strings and lists of strings:
 * a list's part may be sent once (one value) or repeated; any other part sent twice, or a part the
 * operation does not take, is a 422 naming it.
 */
export function parseMultipartFields<T extends z.ZodObject>(schema: T, fields: Record<string, string | string[]>): z.output<T> {
  const shaped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    const field = schema.shape[name] as z.ZodType | undefined;
    const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
    shaped[name] = inner instanceof z.ZodArray && !Array.isArray(value) ? [value] : value;
  }
  return parseBody(schema, shaped);
}
