import 'server-only';
import { z } from 'zod';
import { ApiProblem } from './problem';

/** The query parameters an operation takes: each a string, a list of strings, or (limit) a number. */
export type QueryShape = Record<string, z.ZodType>;

/** Is this parameter repeatable (`phase=a&phase=b`)? Its schema is an array, optional or not. */
export function isRepeatable(schema: z.ZodType): boolean {
  const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  return inner instanceof z.ZodArray;
}

/**
 * The query string, checked strictly against an operation's parameters: a parameter it does not take,
 * a single parameter given twice, or a value of the wrong kind is a 400 naming each parameter and
 * what is wrong, rather than an answer to a question the program did not mean to ask. (The search
 * page is forgiving instead: a person's URL should never fail.)
 */
export function readQuery<S extends QueryShape>(shape: S, params: URLSearchParams): z.output<z.ZodObject<S>> {
  const errors: { parameter: string; message: string }[] = [];
  const input: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const schema = shape[key];
    if (!schema) {
      const known = Object.keys(shape);
      errors.push({ parameter: key, message: `${key} is not a parameter here. ${known.length ? `Use ${known.join(', ')}` : 'This takes no parameters'}.` });
      continue;
    }
    const values = params.getAll(key);
    if (isRepeatable(schema)) input[key] = values;
    else if (values.length > 1) errors.push({ parameter: key, message: `Give ${key} once.` });
    else input[key] = values[0];
  }
  const parsed = z.object(shape).safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const parameter = String(issue.path[0] ?? '');
      if (!errors.some((e) => e.parameter === parameter)) errors.push({ parameter, message: issue.message });
    }
  }
  if (errors.length > 0 || !parsed.success) {
    throw new ApiProblem('bad-request', errors.map((e) => e.message).join(' '), errors);
  }
  return parsed.data;
}
