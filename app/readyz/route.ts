import { readinessAnswer } from '@/lib/operations';
import { services } from '@/lib/runtime';

// Readiness: the database, file storage, the job queue and, when configured, Meilisearch and the mail
// server answer (lib/operations/readiness.ts). 200 when ready, 503 when not.
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const { status, body } = await readinessAnswer(request, services);
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}
