import { observeRequest } from '@/lib/http/observe-request';
import { metricsAnswer } from '@/lib/operations';
import { services } from '@/lib/runtime';

// Prometheus metrics of this web process, for operators only: without `Authorization: Bearer
// <OPERATIONS_TOKEN>` it is "not found" (lib/operations/metrics-answer.ts). A fixed address: Next.js
// routes are files, and the token, not an unusual address, is what keeps it private.
export const dynamic = 'force-dynamic';

export const GET = observeRequest('operations', async (request: Request): Promise<Response> => {
  const { status, contentType, body } = await metricsAnswer(request, services);
  return new Response(body, { status, headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
});
