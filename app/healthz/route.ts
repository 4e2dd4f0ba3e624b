import { observeRequest } from '@/lib/http/observe-request';

// Liveness: the process is up and answering. Touches nothing else, so a slow database never gets a
// healthy web process restarted; /readyz says whether it can serve people.
export const dynamic = 'force-dynamic';

export const GET = observeRequest('operations', (): Response => Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } }));
