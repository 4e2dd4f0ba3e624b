import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * One line for every request the production web server (`npm start`, lib/cli/web-server.ts) answers,
 * pages included: Next.js 16 gives a page no hook that sees its final status, but the Node server
 * around Next.js sees every response finish.
 *
 * Two halves, because the web server is not part of Next.js's bundle: it cannot load the hub's logger
 * and settings (server-only code, read through Next.js's module conditions). So:
 * - this file (plain Node, loaded by the web server) measures each request and hands a line to
 * - a recorder the hub installs when it starts inside the same process (instrumentation.ts →
 *   lib/http/record-server-request.ts), which writes the redacted log line and counts it.
 * They meet on globalThis, under the names below. Until the recorder is installed (the first moments
 * of start-up), lines are dropped: nothing is answered then but Next.js's own start.
 */

export interface ServerRequestLine {
  requestId: string;
  method: string;
  /** Never the query string: it can hold search words or sign-in tokens. */
  path: string;
  status: number;
  /** From the request arriving to the last byte of the answer handed to the operating system. */
  durationMs: number;
  /** The client went away before the whole answer was sent (a cancelled download, say). */
  aborted: boolean;
}

export type ServerRequestRecorder = (line: ServerRequestLine) => void;

const recorderKey = Symbol.for('discovery-commons.server-request-recorder');
const webServerKey = Symbol.for('discovery-commons.web-server-logs-requests');
type Shared = { [recorderKey]?: ServerRequestRecorder; [webServerKey]?: boolean };
const shared = globalThis as Shared;

/** Called by the web server before Next.js loads: route handlers then leave the request line to it. */
export function announceWebServerLogsRequests(on = true): void {
  shared[webServerKey] = on;
}

/** Whether this process's web server writes a line per request (so route handlers need not). */
export function webServerLogsRequests(): boolean {
  return shared[webServerKey] === true;
}

export function installServerRequestRecorder(recorder: ServerRequestRecorder | undefined): void {
  shared[recorderKey] = recorder;
}

export const REQUEST_ID_HEADER = 'x-request-id';
const wellFormedId = /^[A-Za-z0-9-]{8,64}$/;

/**
 * Gives the request its id (keeping a well-formed one a reverse proxy set, as lib/http/request-id.ts
 * does), so the proxy, route handlers and this line all name the same id, and sends it back. Then
 * records the request once its answer has finished or the client has gone.
 */
export function trackServerRequest(request: IncomingMessage, response: ServerResponse): void {
  const started = performance.now();
  const given = request.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && wellFormedId.test(given) ? given : crypto.randomUUID();
  request.headers[REQUEST_ID_HEADER] = id;
  response.setHeader(REQUEST_ID_HEADER, id);
  const method = request.method ?? 'GET';
  const path = pathOf(request.url);

  let recorded = false;
  const record = (aborted: boolean) => {
    if (recorded) return;
    recorded = true;
    shared[recorderKey]?.({
      requestId: id,
      method,
      path,
      status: response.statusCode,
      durationMs: Math.round(performance.now() - started),
      aborted,
    });
  };
  response.once('finish', () => record(false));
  response.once('close', () => record(!response.writableFinished));
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://hub.invalid').pathname;
  } catch {
    return '/';
  }
}
