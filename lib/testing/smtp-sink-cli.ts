/**
 * Runs the test SMTP sink for the browser tests, until killed:
 *   SMTP_SINK_PORT=4525 SMTP_SINK_HTTP_PORT=4526 npx tsx lib/testing/smtp-sink-cli.ts
 * SMTP on 127.0.0.1:SMTP_SINK_PORT (no authentication, no TLS); what it received on
 * http://127.0.0.1:SMTP_SINK_HTTP_PORT (default: the SMTP port + 1):
 *   GET /                               200 "ok" (for Playwright to know it is up)
 *   GET /messages?to=<address>&since=<ms>   JSON array of { to, from, subject, text, receivedAt }
 * Both listen on loopback only.
 */
import http from 'node:http';
import { startSmtpSink } from './smtp-sink';

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} is not a port: ${process.env[name]}`);
  return value;
}

async function main() {
  const smtpPort = port('SMTP_SINK_PORT', 4525);
  const httpPort = port('SMTP_SINK_HTTP_PORT', smtpPort + 1);
  const sink = await startSmtpSink(smtpPort);
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET') {
      response.writeHead(405).end();
      return;
    }
    if (url.pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (url.pathname === '/messages') {
      const to = url.searchParams.get('to')?.toLowerCase();
      const since = Number(url.searchParams.get('since') ?? 0) || 0;
      const found = sink.messages
        .filter((m) => m.receivedAt >= since && (!to || m.to.includes(to)))
        .map(({ to, from, subject, text, receivedAt }) => ({ to, from, subject, text, receivedAt }));
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(found));
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(httpPort, '127.0.0.1', resolve));
  console.log(`SMTP sink on 127.0.0.1:${sink.port}; messages at http://127.0.0.1:${httpPort}/messages`);
  const shutdown = () => {
    server.close();
    sink.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
