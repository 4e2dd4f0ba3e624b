/**
 * `npm run bench:lighthouse`: Lighthouse's performance and accessibility scores for the home, search and
 * material pages, on the production build (`npx next build` first), with the real corpus imported.
 *
 * 1. Imports the corpus (CORPUS_DIR, default ../shared/corpus) into a fresh embedded database and file
 *    folder in a temp directory, with `npm run import` (PGlite and local disk: nothing else to run).
 * 2. Starts the web server (`npm start`) on that folder with the sign-in settings production insists on, and waits for
 *    its worker to finish reading the files' text (so that only Lighthouse keeps the machine busy).
 * 3. Runs Lighthouse (the npm package) in Debian's /usr/bin/chromium through chrome-launcher, signed out,
 *    against /, /search?q=interview and the first material in those results, BENCH_RUNS times each
 *    (default 3), and reports the median of each score. The preset is Lighthouse's default mobile one
 *    (a mid-range phone, simulated slow 4G and a 4× slower CPU); BENCH_PRESET=desktop for the desktop one.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import type { Result } from 'lighthouse';
import { corpusDir } from './lib/corpus';
import { childEnvironment, currentBuild, freePort, log, productionSignInSettings, startNextServer, waitForNoBuild } from './lib/next-server';
import { machineLine, projectRoot, saveResults } from './lib/report';

const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const preset = process.env.BENCH_PRESET === 'desktop' ? 'desktop' : 'mobile';
const chromium = fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
};

interface PageScores {
  page: string;
  url: string;
  performance: number[];
  accessibility: number[];
  /** Metrics of the median-performance run. */
  metrics: Record<string, number>;
}

async function main() {
  await waitForNoBuild();
  const build = currentBuild();
  if (!build) throw new Error('there is no production build: run `npx next build` first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-lighthouse-'));
  const corpus = corpusDir();

  log(`importing ${corpus} into ${dataDir}…`);
  const imported = spawnSync('npm', ['run', '--silent', 'import', '--', corpus], {
    cwd: projectRoot,
    env: childEnvironment({ DATA_DIR: dataDir, SEED_STARTER_KIT: 'false' }),
    encoding: 'utf8',
  });
  if (imported.status !== 0 && imported.status !== 1) throw new Error(`the import failed:\n${imported.stdout}\n${imported.stderr}`);
  log(imported.stdout.trim().split('\n').slice(-1)[0] ?? 'imported');

  const port = await freePort(new Set(), 3500, 3599);
  const origin = `http://127.0.0.1:${port}`;
  const logFile = path.join(dataDir, 'server.log');
  const server = await startNextServer(port, { ...productionSignInSettings(origin), DATA_DIR: dataDir }, logFile);
  await waitForQuietWorker(logFile);
  const chrome = await chromeLauncher.launch({
    chromePath: chromium,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const search = `${origin}/search?q=interview`;
    const html = await (await fetch(search)).text();
    const materialPath = /href="(\/materials\/[0-9a-f-]{36})"/.exec(html)?.[1];
    if (!materialPath) throw new Error('the search found no material to measure: did the import work?');
    const pages = [
      { page: 'home', url: `${origin}/` },
      { page: 'search', url: search },
      { page: 'material', url: `${origin}${materialPath}` },
    ];
    const results: PageScores[] = [];
    for (const { page, url } of pages) {
      const scores: PageScores = { page, url: url.replace(origin, ''), performance: [], accessibility: [], metrics: {} };
      const runMetrics: Record<string, number>[] = [];
      for (let run = 0; run < runs; run++) {
        const lhr = await runLighthouse(url, chrome.port);
        scores.performance.push(Math.round((lhr.categories.performance?.score ?? 0) * 100));
        scores.accessibility.push(Math.round((lhr.categories.accessibility?.score ?? 0) * 100));
        const metric = (id: string) => Number(lhr.audits[id]?.numericValue ?? NaN);
        runMetrics.push({
          fcpMs: Math.round(metric('first-contentful-paint')),
          lcpMs: Math.round(metric('largest-contentful-paint')),
          tbtMs: Math.round(metric('total-blocking-time')),
          cls: Number(metric('cumulative-layout-shift').toFixed(3)),
          scriptKb: Math.round(
            ((lhr.audits['resource-summary']?.details as { items?: { resourceType: string; transferSize: number }[] } | undefined)?.items?.find(
              (item) => item.resourceType === 'script',
            )?.transferSize ?? 0) / 1024,
          ),
        });
        log(`${page} run ${run + 1}: performance ${scores.performance.at(-1)}, accessibility ${scores.accessibility.at(-1)}`);
      }
      const middle = scores.performance.indexOf(median(scores.performance));
      scores.metrics = runMetrics[middle] ?? {};
      results.push(scores);
    }

    console.log(`\nLighthouse ${preset}, ${runs} run(s) per page, median score — ${machineLine()}`);
    console.log(`build ${build.id} (${build.builtAt})\n`);
    console.log('| page | performance | accessibility | FCP ms | LCP ms | TBT ms | CLS | script KB (compressed) |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of results) {
      const m = r.metrics;
      console.log(
        `| ${r.page} (${r.url}) | ${median(r.performance)} (${r.performance.join(', ')}) | ${median(r.accessibility)} | ${m.fcpMs} | ${m.lcpMs} | ${m.tbtMs} | ${m.cls} | ${m.scriptKb} |`,
      );
    }
    const saved = await saveResults(`lighthouse-${preset}`, { build, runs, results });
    console.log(`\nSaved ${saved}. Rerun: npx next build && ${preset === 'desktop' ? 'BENCH_PRESET=desktop ' : ''}BENCH_RUNS=${runs} npm run bench:lighthouse`);
  } finally {
    await chrome.kill();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The server's worker reads the text of every imported file first, which keeps both cores busy for a
 * minute or two and makes the scores meaningless: wait until its log has been quiet for 10 s.
 */
async function waitForQuietWorker(logFile: string): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  let size = -1;
  let quietSince = Date.now();
  log('waiting for the worker to finish reading the imported files…');
  while (Date.now() < deadline) {
    const now = fs.statSync(logFile).size;
    if (now !== size) {
      size = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince > 10_000) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error('the worker was still busy after 10 minutes');
}

/**
 * Lighthouse's own command, in plain Node, on the Chromium launched above. (Not its API from here: tsx
 * adds helpers to functions that Lighthouse sends into the page as source text, where they do not exist.)
 */
function runLighthouse(url: string, port: number): Promise<Result> {
  const cli = path.join(projectRoot, 'node_modules', 'lighthouse', 'cli', 'index.js');
  const args = [cli, url, `--port=${port}`, '--output=json', '--output-path=stdout', '--quiet', '--only-categories=performance,accessibility'];
  if (preset === 'desktop') args.push('--preset=desktop');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 200 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`lighthouse failed for ${url}: ${stderr || error.message}`));
      resolve(JSON.parse(stdout) as Result);
    });
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
