import 'server-only';
import { config, type AppConfig } from '@/lib/config';
import type { Services } from '@/lib/services';
import { isOperator } from './operator-token';
import { checkReadiness, readinessChecks, type Readiness } from './readiness';

export { isOperator } from './operator-token';
export { metricsAnswer, type MetricsAnswer } from './metrics-answer';
export { checkReadiness, readinessChecks, type Readiness, type CheckOutcome } from './readiness';

/**
 * /readyz's answer: whether this process can serve people now. Anonymous callers learn only ready or
 * not; operators (lib/operations/operator-token.ts) also learn which part failed and why.
 */
export async function readinessAnswer(
  request: Request,
  openServices: () => Promise<Services>,
  settings: Pick<AppConfig, 'search' | 'auth' | 'operations'> = config(),
): Promise<{ status: number; body: object }> {
  let readiness: Readiness;
  try {
    readiness = await checkReadiness(readinessChecks(await openServices(), settings));
  } catch (error) {
    // The runtime could not open (the database was down at start, say): not ready, and it will
    // try again on the next request.
    readiness = { ready: false, checks: [{ name: 'start', ok: false, milliseconds: 0, problem: (error as Error).message.split('\n')[0]!.slice(0, 200) }] };
  }
  const status = readiness.ready ? 200 : 503;
  const summary = { status: readiness.ready ? 'ready' : 'unavailable' };
  return { status, body: isOperator(request, settings.operations.token) ? { ...summary, checks: readiness.checks } : summary };
}
