// Liveness: the process is up and answering. Touches nothing else, so a slow database never gets a
// healthy web process restarted; /readyz says whether it can serve people.
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
