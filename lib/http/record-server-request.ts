import 'server-only';
import { logger } from '@/lib/logging';
import { hubMetrics, statusClass } from '@/lib/metrics';
import { installServerRequestRecorder, type ServerRequestLine } from './server-request-log';

/**
 * The hub's half of the web server's request line (lib/http/server-request-log.ts says why there are
 * two): a redacted log line and a count for every request `npm start` answered. Installed once, when
 * the hub starts in the web process (lib/runtime/start-web.ts). Under `next dev` or `next start`
 * nothing calls it, and route handlers keep logging their own requests (observe-request.ts).
 */
export function recordServerRequest(line: ServerRequestLine): void {
  const metrics = hubMetrics();
  metrics.serverRequests.inc({ status_class: statusClass(line.status) });
  metrics.serverRequestSeconds.observe(line.durationMs / 1000);
  const log = logger('http');
  if (line.status >= 500) log.error(line, 'request failed');
  // Health checks, scrapes and the framework's own files come often and say little: debug only.
  else if (quietPath(line.path)) log.debug(line, 'request');
  else log.info(line, 'request');
}

export function installRecordServerRequest(): void {
  installServerRequestRecorder(recordServerRequest);
}

function quietPath(path: string): boolean {
  return path === '/healthz' || path === '/readyz' || path === '/metrics' || path.startsWith('/_next/') || path === '/favicon.ico';
}
