import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { isFrameworkFreePage } from '@/lib/http/framework-free-pages';
import { sendFrameworkFree } from '@/lib/http/send-framework-free';
import { announceWebServerLogsRequests, trackServerRequest } from '@/lib/http/server-request-log';

/**
 * `npm start`: the hub's web server in production. Next.js's own server (what `next start` runs),
 * with two additions: one log line for every request, pages included (lib/http/server-request-log.ts),
 * and the public pages are sent without the framework's JavaScript, which they do not
 * need and which makes them slow on phones (lib/http/framework-free-pages.ts says why and which).
 * Everything else (settings, the start-up checks in instrumentation.ts, compression, static files) is
 * Next.js's as usual.
 *
 * Listens on PORT (default 3000) on every interface, as `next start` does; `-p`/`--port` and
 * `-H`/`--hostname` override both, for tests and benchmarks.
 */
const { values } = parseArgs({
  options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;

async function main(): Promise<void> {
  // As `next start` does: production unless NODE_ENV says otherwise. Set before Next.js is loaded.
  Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV || 'production' });
  // A log line for every request, pages included (lib/http/server-request-log.ts).
  announceWebServerLogsRequests();
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? 'localhost', port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((request, response) => {
    trackServerRequest(request, response);
    const pathname = new URL(request.url ?? '/', 'http://hub.invalid').pathname;
    if (isFrameworkFreePage(request.method, pathname)) sendFrameworkFree(request, response);
    void handle(request, response);
  });
  server.listen(port, hostname, () => {
    console.log(`Discovery Commons is answering on http://${hostname ?? 'localhost'}:${port}`);
  });

  const stop = () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
