import 'server-only';
import { config, type AppConfig } from '@/lib/config';
import { hubMetrics, type HubMetrics } from '@/lib/metrics';
import type { Services } from '@/lib/services';
import { isOperator } from './operator-token';
import { checkTimeoutMs, queuedJobs } from './readiness';

export interface MetricsAnswer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * /metrics's answer: this process's metrics in the Prometheus text format, for operators only
 * (`Authorization: Bearer <OPERATIONS_TOKEN>`). Anyone else, and everyone when no token is set, is told
 * the page is not found, with nothing that says what is there.
 *
 * The queue depth is read from the database as it is asked for (all workers' jobs together); when the
 * database does not answer within the readiness checks' time limit it is NaN, never a stale figure.
 */
export async function metricsAnswer(
  request: Request,
  openServices: () => Promise<Pick<Services, 'db'>>,
  settings: Pick<AppConfig, 'operations'> = config(),
  metrics: HubMetrics = hubMetrics(),
): Promise<MetricsAnswer> {
  if (!isOperator(request, settings.operations.token)) {
    return { status: 404, contentType: 'text/plain; charset=utf-8', body: 'Not found' };
  }
  metrics.queuedJobs.set(await queueDepth(openServices));
  return { status: 200, contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
}

async function queueDepth(openServices: () => Promise<Pick<Services, 'db'>>): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      openServices().then((services) => queuedJobs(services.db)),
      new Promise<number>((resolve) => {
        timer = setTimeout(() => resolve(Number.NaN), checkTimeoutMs);
      }),
    ]);
  } catch {
    return Number.NaN;
  } finally {
    clearTimeout(timer);
  }
}
