import 'server-only';
import type { z } from 'zod';
import type { Viewer } from '@/lib/auth/viewer';
import { AppError } from '@/lib/errors';
import { saveFormAttempt, type FormName } from '@/lib/forms/form-attempts';
import { services } from '@/lib/runtime';
import type { Services } from '@/lib/services';
import { logger } from '@/lib/logging';
import { currentViewer, signInPath } from '@/lib/sign-in/current-viewer';
import { assertSameOrigin } from './check-origin';
import { observeRequest, requestId } from './observe-request';
import { readFormFields, type FormFields } from './read-form';
import { plainError, seeOther } from './responses';

/**
 * The one way the hub handles a posted form. Every form posts, with or without JavaScript, to a route
 * handler made with `formRoute`, which does the same first steps for all of them, so none can forget
 * one:
 *
 *   1. refuse a post from another site (Origin, lib/http/check-origin.ts): 403;
 *   2. check the route's own parameters (a material id, an organisation slug): 404 when malformed;
 *   3. read the answers (a small url-encoded form, capped), unless the route streams a file itself;
 *   4. read the live viewer (lib/sign-in/current-viewer.ts);
 *   5. call the handler, which calls one domain function: that function checks permission and
 *      validates every answer itself (lib/auth/permissions.ts).
 *
 * Then it turns a refusal into the answer a person expects: the form again with their answers and
 * what to fix (a saved attempt, lib/forms/form-attempts.ts), the sign-in page for someone who is not
 * signed in, or a short plain message for posts no page of ours would send. Anything unexpected is
 * logged and answered with a generic message, never with its details. Every post gets one log line
 * and is counted (lib/http/observe-request.ts).
 */

export interface FormContext<P> {
  request: Request;
  /** The route's parameters, already checked. */
  params: P;
  /**
   * The answers as posted. Empty for routes that stream a file (`body: 'stream'`): those set it from
   * what their parser read, so a refusal can keep the answers.
   */
  fields: FormFields;
  /** Read live for this request. The domain function still decides what this viewer may do. */
  viewer: Viewer;
  hub: Services;
}

export interface FormRouteOptions<P> {
  /** A schema for the route's parameters; anything it refuses is "not found". */
  params?: z.ZodType<P>;
  /** 'fields' (the default) reads the answers; 'stream' leaves the body to the handler (file uploads). */
  body?: 'fields' | 'stream';
  /** The form's page: where a refused attempt goes back to, and where signing in returns to. */
  page: (params: P) => string;
  /** Keep refused answers under this form's name (and what it is about) and show them on `page`. */
  attempt?: {
    form: FormName;
    subject?: (params: P) => string;
    fileField?: string;
    /**
     * Also keep the answers when the viewer is not allowed (any more): for a form whose page itself
     * explains who may use it, so someone who left their council in another tab lands there.
     */
    forbiddenBesideFile?: boolean;
  };
}

type RouteHandler = (request: Request, route: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export function formRoute<P = Record<string, never>>(
  options: FormRouteOptions<P>,
  handle: (context: FormContext<P>) => Promise<Response>,
): RouteHandler {
  return observeRequest('form', async function POST(request: Request, route: Parameters<RouteHandler>[1]) {
    try {
      assertSameOrigin(request);
    } catch (error) {
      return plainError(error as AppError);
    }
    let params = {} as P;
    if (options.params) {
      const parsed = options.params.safeParse(await route.params);
      if (!parsed.success) return plainError(new AppError('not_found', 'Page not found'));
      params = parsed.data;
    }
    let fields: FormFields = {};
    if (options.body !== 'stream') {
      try {
        fields = await readFormFields(request);
      } catch (error) {
        return error instanceof AppError ? plainError(error) : unexpected(request, error);
      }
    }
    const [hub, viewer] = await Promise.all([services(), currentViewer()]);
    const context: FormContext<P> = { request, params, fields, viewer, hub };
    try {
      return await handle(context);
    } catch (error) {
      return refusal(options, context, error);
    }
  });
}

/** Codes whose message belongs beside the file input rather than on a page of its own. */
const fileProblems = new Set(['storage_unavailable', 'database_unavailable', 'bad_request']);

async function refusal<P>(options: FormRouteOptions<P>, context: FormContext<P>, error: unknown): Promise<Response> {
  if (!(error instanceof AppError)) return unexpected(context.request, error);
  const page = options.page(context.params);
  if (context.viewer.kind === 'anonymous' && (error.code === 'forbidden' || error.code === 'unauthenticated')) {
    return seeOther(signInPath(page));
  }
  const attempt = options.attempt;
  const besideFile = attempt?.fileField && (fileProblems.has(error.code) || (error.code === 'forbidden' && attempt.forbiddenBesideFile));
  if (attempt && (error.code === 'validation' || besideFile)) {
    const errors = error.code === 'validation' ? error.fieldErrors : [{ field: attempt.fileField!, message: error.message }];
    const saved = await saveFormAttempt(context.hub, context.viewer, {
      form: attempt.form,
      subject: attempt.subject?.(context.params),
      fields: context.fields,
      errors,
    }).catch(() => undefined);
    if (saved) return seeOther(withAttempt(page, saved));
  }
  return plainError(error);
}

function unexpected(request: Request, error: unknown): Response {
  logger('form').error({ requestId: requestId(request), err: error }, 'unexpected failure');
  return plainError(new AppError('bad_request', 'Sorry, that did not work. Try again later.'));
}

/** The form's page with `attempt=<id>` added to its query. */
export function withAttempt(page: string, attemptId: string): string {
  return `${page}${page.includes('?') ? '&' : '?'}attempt=${encodeURIComponent(attemptId)}`;
}
