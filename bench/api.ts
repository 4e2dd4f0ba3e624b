/**
 * API search against the search page: throughput and latency of GET /api/v1/search and GET /search for
 * the same searches, on the same data, from the same production server, one after the other.
 *
 *   npx next build && npm run bench:api      (= npx tsx --conditions=react-server bench/api.ts)
 *
 * It builds nothing itself: it runs whatever is in .next. The embedded defaults (PGlite and local disk
 * in a temporary DATA_DIR, the worker in the web process): the database is migrated, a member of
 * Bristol City Council added with a session (bench/lib/next-server.ts), the real corpus imported
 * (CORPUS_DIR), the server started and left to read the files' text. Then each of four legs —
 * page and API, signed out and signed in — keeps BENCH_CONNECTIONS (default 10) connections busy for
 * BENCH_SECONDS (default 15) with the judged queries of bench/relevance (each connection starting at a
 * different one), after a warm-up of every query once. The page's answer is the whole HTML page (its
 * header, filters and results); the API's is the JSON of the same search (results, facets, snippets).
 * It prints requests per second, p50/p95/p99 and errors of each leg, and the API's figures as ratios of
 * the page's. Ports 3650–3699. Loopback only. Never part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { corpusDir } from './lib/corpus';
import { childEnvironment, currentBuild, freePort, log, prepareDatabase, productionSignInSettings, startNextServer, tail, waitForNoBuild, waitForQuietLog } from './lib/next-server';
import { machineLine, percentile, projectRoot, rerunWith, saveResults } from './lib/report';

const rerunCommand = rerunWith('npx tsx --conditions=react-server bench/api.ts');
const connections = Math.max(1, Number(process.env.BENCH_CONNECTIONS || 10));
const seconds = Math.max(1, Number(process.env.BENCH_SECONDS || 15));

/** The judged queries' search box texts: what people type, misspellings and all. */
const searchTexts: string[] = ['queries.json', 'held-out.json'].flatMap(
  (file) => (JSON.parse(fs.readFileSync(path.join(projectRoot, 'bench', 'relevance', file), 'utf8')) as { queries: { q: string }[] }).queries.map((q) => q.q),
);

const legs = [
  { name: 'page, signed out', path: '/search', signedIn: false },
  { name: 'API, signed out', path: '/api/v1/search', signedIn: false },
  { name: 'page, signed in', path: '/search', signedIn: true },
  { name: 'API, signed in', path: '/api/v1/search', signedIn: true },
] as const;

interface LegReport {
  name: string;
  requests: number;
  errors: number;
  non2xx: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  meanBytes: number;
}

async function runLeg(origin: string, leg: (typeof legs)[number], cookie: string): Promise<LegReport> {
  const requests = searchTexts.map((q) => ({ method: 'GET' as const, path: `${leg.path}?q=${encodeURIComponent(q)}` }));
  const headers: Record<string, string> = leg.signedIn ? { cookie } : {};
  for (const request of requests) {
    const response = await fetch(`${origin}${request.path}`, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`warm-up ${request.path} answered ${response.status}`);
  }
  const times: number[] = [];
  let nextClient = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: origin,
        connections,
        duration: seconds,
        timeout: 60,
        headers,
        requests,
        setupClient: (client) => {
          const start = nextClient++ % requests.length;
          client.setRequests([...requests.slice(start), ...requests.slice(0, start)]);
        },
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  return {
    name: leg.name,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    perSecond: result.requests.total / result.duration,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    meanBytes: result.throughput.total / Math.max(1, result.requests.total),
  };
}

async function main() {
  await waitForNoBuild();
  const build = currentBuild();
  if (!build) {
    console.error('[bench] No production build (.next/BUILD_ID is missing): run `npx next build` first, then:');
    console.error(`[bench]   ${rerunCommand}`);
    process.exit(1);
  }
  const work = await mkdtemp(path.join(os.tmpdir(), 'dc-bench-api-'));
  const dataDir = path.join(work, 'data');
  fs.mkdirSync(dataDir);
  const env = { DATA_DIR: dataDir, SEED_STARTER_KIT: 'false' };
  let stop: (() => Promise<void>) | undefined;
  try {
    const cookie = await prepareDatabase({ driver: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    log(`importing the corpus (${corpusDir()})…`);
    const imported = spawnSync('npm', ['run', '--silent', 'import', '--', corpusDir()], { cwd: projectRoot, env: childEnvironment(env), encoding: 'utf8' });
    if (imported.status !== 0 && imported.status !== 1) throw new Error(`the import failed:\n${imported.stdout}\n${imported.stderr}`);
    log(imported.stdout.trim().split('\n').slice(-1)[0] ?? 'imported');
    const port = await freePort(new Set(), 3650, 3699);
    const origin = `http://127.0.0.1:${port}`;
    const logFile = path.join(work, 'next-start.log');
    const server = await startNextServer(port, { ...productionSignInSettings(origin), ...env }, logFile);
    stop = () => server.stop();
    log(`web server on ${origin} (pid ${server.child.pid}); waiting for the worker to read the imported files' text…`);
    await waitForQuietLog(logFile);

    const reports: LegReport[] = [];
    for (const leg of legs) {
      log(`${leg.name}: ${connections} connections for ${seconds} s…`);
      try {
        reports.push(await runLeg(origin, leg, cookie));
      } catch (error) {
        throw new Error(`${(error as Error).message}; server log:\n${tail(logFile)}`);
      }
    }

    console.log('');
    console.log(`API search against the search page — ${machineLine()}`);
    console.log(`  production build ${build.id}, npm start on 127.0.0.1, PGlite and local disk, corpus ${corpusDir()}; ${searchTexts.length} search texts; ${connections} connections, ${seconds} s a leg`);
    console.log(`  leg                    requests   errors  non-2xx    per s      p50      p95      p99 (ms)   bytes per answer`);
    for (const r of reports) {
      console.log(
        `  ${r.name.padEnd(20)} ${String(r.requests).padStart(10)} ${String(r.errors).padStart(8)} ${String(r.non2xx).padStart(8)} ${r.perSecond.toFixed(1).padStart(8)} ${r.p50.toFixed(0).padStart(8)} ${r.p95.toFixed(0).padStart(8)} ${r.p99.toFixed(0).padStart(8)}   ${r.meanBytes.toFixed(0).padStart(10)}`,
      );
    }
    for (const who of ['signed out', 'signed in']) {
      const page = reports.find((r) => r.name === `page, ${who}`)!;
      const api = reports.find((r) => r.name === `API, ${who}`)!;
      console.log(`  ${who}: the API answers ${(api.perSecond / page.perSecond).toFixed(2)}× the page's searches per second, at ${(api.p95 / page.p95).toFixed(2)}× its p95`);
    }
    const failed = reports.some((r) => r.errors + r.non2xx > 0);
    console.log(`  verdict: ${failed ? 'ERRORS (see the errors and non-2xx columns)' : '0 errors'}`);
    console.log('');
    console.log(`  rerun: npx next build && ${rerunCommand}`);
    const file = await saveResults('api', { command: rerunCommand, build, connections, seconds, legs: reports });
    console.log(`  results: ${file}`);
    if (failed) process.exitCode = 1;
  } finally {
    await stop?.().catch((error: unknown) => log(`cleanup: ${(error as Error).message}`));
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('[bench] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  console.error(`[bench] rerun with: npx next build && ${rerunCommand}`);
  process.exit(1);
});
