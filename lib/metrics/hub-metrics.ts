import 'server-only';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What the hub counts, in the Prometheus text format (prom-client), served at /metrics to operators
 * (app/metrics/route.ts). Each process counts its own: the web server its requests (and its jobs when
 * it runs the worker too, as on the embedded database); a separate `npm run worker` process counts its
 * jobs in memory but serves no /metrics of its own (see README.md, "Metrics").
 *
 * Labels are few and fixed (a route's kind, never its address; a job's name, never its id), so the
 * number of series stays small whatever people ask for.
 */
export interface HubMetrics {
  registry: Registry;
  /** Requests answered by route handlers, by kind of route (form, download, …) and status class (2xx…5xx). */
  requests: Counter<'route_kind' | 'status_class'>;
  requestSeconds: Histogram<'route_kind'>;
  /**
   * Every request the production web server (`npm start`) answered, pages and static files included,
   * by status class; its time is to the last byte sent (lib/http/record-server-request.ts).
   */
  serverRequests: Counter<'status_class'>;
  serverRequestSeconds: Histogram;
  /** Errors Next.js reported (instrumentation.ts onRequestError), pages included, by what was running. */
  requestErrors: Counter<'route_type'>;
  /** Background jobs finished in this process, by queue name and outcome (done or failed). */
  jobs: Counter<'job' | 'outcome'>;
  jobSeconds: Histogram<'job'>;
  /** Jobs waiting to run (created or waiting to retry), read from the queue's table when scraped. */
  queuedJobs: Gauge;
  /** Searches the configured engine (Meilisearch) could not answer, answered from Postgres instead. */
  searchFallbacks: Counter<'engine'>;
}

export function createHubMetrics(registry = new Registry()): HubMetrics {
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'hub_http_requests_total',
      help: 'Requests answered by route handlers, by kind of route and status class',
      labelNames: ['route_kind', 'status_class'],
      registers,
    }),
    requestSeconds: new Histogram({
      name: 'hub_http_request_duration_seconds',
      help: 'Time from a request reaching its route handler to its response headers, by kind of route',
      labelNames: ['route_kind'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120],
      registers,
    }),
    serverRequests: new Counter({
      name: 'hub_http_server_requests_total',
      help: 'Every request the web server answered (pages, route handlers, static files), by status class',
      labelNames: ['status_class'],
      registers,
    }),
    serverRequestSeconds: new Histogram({
      name: 'hub_http_server_request_duration_seconds',
      help: 'Time from a request reaching the web server to the last byte of its answer',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120],
      registers,
    }),
    requestErrors: new Counter({
      name: 'hub_request_errors_total',
      help: 'Errors while rendering a page or running a route handler or action, as reported by Next.js',
      labelNames: ['route_type'],
      registers,
    }),
    jobs: new Counter({ name: 'hub_jobs_total', help: 'Background jobs finished in this process, by name and outcome', labelNames: ['job', 'outcome'], registers }),
    jobSeconds: new Histogram({
      name: 'hub_job_duration_seconds',
      help: 'Time a background job took in this process, by name',
      labelNames: ['job'],
      buckets: [0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers,
    }),
    queuedJobs: new Gauge({ name: 'hub_jobs_queued', help: 'Background jobs waiting to run (created or waiting to retry), all workers together', registers }),
    searchFallbacks: new Counter({
      name: 'hub_search_fallbacks_total',
      help: 'Searches the configured engine could not answer, answered from Postgres instead',
      labelNames: ['engine'],
      registers,
    }),
  };
}

const globalForMetrics = globalThis as unknown as { discoveryCommonsMetrics?: HubMetrics };

/**
 * This process's metrics. On globalThis because Next.js bundles each route on its own: without it a
 * download and /metrics could each count in a registry of their own.
 */
export function hubMetrics(): HubMetrics {
  globalForMetrics.discoveryCommonsMetrics ??= createHubMetrics();
  return globalForMetrics.discoveryCommonsMetrics;
}

/** 200 → "2xx": five values, whatever the status. */
export function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other';
}
