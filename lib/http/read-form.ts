import 'server-only';
import { AppError } from '@/lib/errors';

/** A form's answers: one string per field, or a list when the field was sent more than once. */
export type FormFields = Record<string, string | string[]>;

/** Small forms are small: anything larger is refused before it is read in full. */
export const maxFormBytes = 64 * 1024;

const tooLarge = () => new AppError('payload_too_large', 'The form is too large.');

/**
 * Reads a form's answers: `application/x-www-form-urlencoded` (what our forms send) or a small
 * `multipart/form-data` without files (what some browsers and tools send for the same form). The body
 * is read up to `maxBytes` and no further; anything else is refused with a plain message.
 */
export async function readFormFields(request: Request, maxBytes = maxFormBytes): Promise<FormFields> {
  const contentType = (request.headers.get('content-type') ?? '').toLowerCase();
  const urlEncoded = contentType.startsWith('application/x-www-form-urlencoded');
  const multipart = contentType.startsWith('multipart/form-data');
  if (!urlEncoded && !multipart) throw new AppError('bad_request', 'Send the form as application/x-www-form-urlencoded.');
  if (Number(request.headers.get('content-length') ?? '0') > maxBytes) throw tooLarge();
  const body = await readCapped(request, maxBytes);

  const fields: FormFields = {};
  const add = (name: string, value: string) => {
    const existing = fields[name];
    fields[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  };
  if (urlEncoded) {
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) add(name, value);
    return fields;
  }
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new AppError('bad_request', 'The form could not be read.');
  }
  form.forEach((value, name) => {
    if (typeof value === 'string') add(name, value);
  });
  return fields;
}

async function readCapped(request: Request, maxBytes: number): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** A field sent once, as text ('' when missing; the first when sent several times). */
export function fieldText(fields: FormFields, name: string, maxLength = 20_000): string {
  const value = fields[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).slice(0, maxLength);
}
