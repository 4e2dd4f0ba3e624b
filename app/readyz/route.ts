import { observeRequest } from '@/lib/http/observe-request';
import { readinessAnswer } from '@/lib/operations';
import { services } from '@/lib/runtime';

// Readiness: the database, file storage, the job queue and, when configured, Meilisearch and the mail
// server answer (lib/operations/readiness.ts). 200 when ready, 503 when not.
export const dynamic = 'force-dynamic';

export const GET = observeRequest('operations', async (request: Request): Promise<Response> => {
  const { status, body } = await readinessAnswer(request, services);
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
});
