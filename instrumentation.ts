import type { Instrumentation } from 'next';

// Runs once when the server starts: validate the configuration (stopping with a message naming the
// setting when one is wrong), open and migrate the database, load the vocabularies and seed the starter
// kit before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startWeb } = await import('./lib/runtime/start-web');
  await startWeb();
}

// Every error Next.js catches in a page, route handler, server action or the proxy: one redacted log
// line and a count (lib/http/report-request-error.ts). Pages have no other per-request hook.
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { reportRequestError } = await import('./lib/http/report-request-error');
  reportRequestError(error, request, context);
};
