import 'server-only';
import { NextResponse } from 'next/server';
import { signInPath } from '@/lib/auth/current-viewer';
import type { Viewer } from '@/lib/auth/viewer';
import { AppError } from '@/lib/errors';

/**
 * Pieces shared by the route handlers that plain HTML forms post to (they work without JavaScript).
 * Every such handler: assertSameOrigin first, then the live viewer, then the domain function, which
 * checks permission and validates everything itself. The handler only turns the outcome into a
 * response: a 303 back to a page, or a short plain-text refusal for posts no page of ours would send.
 */

export type FormFields = Record<string, string | string[]>;

/** Small forms are small: anything larger is refused before it is read in full. */
const maxFormBytes = 64 * 1024;

/** Reads an application/x-www-form-urlencoded body (up to 64 KB) into fields; repeated names become lists. */
export async function readUrlEncodedForm(request: Request): Promise<FormFields> {
  const contentType = (request.headers.get('content-type') ?? '').toLowerCase();
  if (!contentType.startsWith('application/x-www-form-urlencoded')) {
    throw new AppError('bad_request', 'Send the form as application/x-www-form-urlencoded.');
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxFormBytes) throw new AppError('payload_too_large', 'The form is too large.');
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxFormBytes) {
        await reader.cancel().catch(() => undefined);
        throw new AppError('payload_too_large', 'The form is too large.');
      }
      chunks.push(value);
    }
  }
  const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  const fields: FormFields = {};
  for (const name of new Set(params.keys())) {
    const all = params.getAll(name);
    fields[name] = all.length === 1 ? all[0]! : all;
  }
  return fields;
}

/**
 * 303 so the browser follows with a GET, whether the form was posted with or without JavaScript. The
 * location is a path on this site, sent as it is (relative): behind a proxy, or when the server listens
 * on another name than the browser used, an absolute URL built from request.url could send the browser
 * to a host where its session cookie does not apply.
 */
export function seeOther(_request: Request, path: string): NextResponse {
  if (!path.startsWith('/') || path.startsWith('//')) throw new Error('seeOther takes a path on this site');
  return new NextResponse(null, { status: 303, headers: { location: path, 'cache-control': 'no-store' } });
}

export function plainError(error: AppError): NextResponse {
  return new NextResponse(error.message, {
    status: error.status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/**
 * The response to a refusal from a domain function (or anything unexpected). Someone not signed in
 * who was refused is sent to sign in and back to `returnTo`; 'not_found' stays 404 so nothing leaks;
 * unexpected errors are logged and answered with a generic message.
 */
export function refusalResponse(request: Request, viewer: Viewer, error: unknown, returnTo: string): NextResponse {
  if (error instanceof AppError) {
    if (viewer.kind === 'anonymous' && (error.code === 'forbidden' || error.code === 'unauthenticated')) {
      return seeOther(request, signInPath(returnTo));
    }
    return plainError(error);
  }
  console.error('[form] unexpected failure:', error);
  return plainError(new AppError('bad_request', 'Sorry, that did not work. Try again later.'));
}
