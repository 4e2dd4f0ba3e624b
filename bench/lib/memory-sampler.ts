import { Worker } from 'node:worker_threads';
import { sleep } from './next-server';

/**
 * Resident memory (VmRSS) of a process, or of a process and all its children, sampled every
 * `everyMs` in a worker thread, so a busy benchmark loop cannot delay the samples. Linux only (/proc).
 * mark() starts a window; report() returns its samples, peak and gaps.
 */

/**
 * The worker reads /proc: every 500 ms it refreshes the process tree under the root pid (or just the
 * root, for the benchmark process itself); every 50 ms
 * it sums VmRSS over that tree. Messages: 'mark' starts a new window; 'report' answers with the
 * window's samples summary.
 */
const samplerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const root = workerData.rootPid;
const everyMs = workerData.everyMs;
const withChildren = workerData.withChildren;

function childrenMap() {
  const map = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync('/proc/' + name + '/stat', 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!map.has(ppid)) map.set(ppid, []);
      map.get(ppid).push(Number(name));
    } catch {}
  }
  return map;
}
function tree() {
  if (!withChildren) return [root];
  const map = childrenMap();
  const out = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift();
    out.push(pid);
    for (const child of map.get(pid) || []) queue.push(child);
  }
  return out;
}
function rssKb(pid) {
  try {
    const status = fs.readFileSync('/proc/' + pid + '/status', 'utf8');
    const match = /VmRSS:\\s+(\\d+) kB/.exec(status);
    return match ? Number(match[1]) : 0;
  } catch { return 0; }
}
function name(pid) {
  try { return fs.readFileSync('/proc/' + pid + '/cmdline', 'utf8').split('\\0').filter(Boolean).join(' ').slice(0, 80); } catch { return '?'; }
}

let pids = tree();
let lastTree = Date.now();
let window = { samples: 0, sumKb: 0, maxKb: 0, minKb: Infinity, maxGapMs: 0, perPidMaxKb: {} };
let lastSample = Date.now();
function sample() {
  const now = Date.now();
  if (now - lastTree >= 500) { pids = tree(); lastTree = now; }
  let total = 0;
  for (const pid of pids) {
    const kb = rssKb(pid);
    total += kb;
    if (!(window.perPidMaxKb[pid] >= kb)) window.perPidMaxKb[pid] = kb;
  }
  window.samples++;
  window.sumKb += total;
  window.maxKb = Math.max(window.maxKb, total);
  window.minKb = Math.min(window.minKb, total);
  window.maxGapMs = Math.max(window.maxGapMs, now - lastSample);
  lastSample = now;
}
const timer = setInterval(sample, everyMs);
sample();
parentPort.on('message', (message) => {
  if (message === 'mark') {
    window = { samples: 0, sumKb: 0, maxKb: 0, minKb: Infinity, maxGapMs: 0, perPidMaxKb: {} };
    lastSample = Date.now();
    sample();
  } else if (message === 'report') {
    sample();
    const perPid = Object.entries(window.perPidMaxKb).map(([pid, kb]) => ({ pid: Number(pid), maxKb: kb, command: name(pid) }));
    parentPort.postMessage({ ...window, perPid, pids });
  } else if (message === 'stop') {
    clearInterval(timer);
    parentPort.close();
  }
});
`;

export interface MemoryWindow {
  samples: number;
  sumKb: number;
  maxKb: number;
  minKb: number;
  maxGapMs: number;
  perPid: { pid: number; maxKb: number; command: string }[];
  pids: number[];
}

export class MemorySampler {
  private readonly worker: Worker;
  /** `withChildren`: the process and all its descendants; otherwise the one process. */
  constructor(rootPid: number, withChildren = true, everyMs = 50) {
    this.worker = new Worker(samplerSource, { eval: true, workerData: { rootPid, everyMs, withChildren } });
  }
  mark() {
    this.worker.postMessage('mark');
  }
  report(): Promise<MemoryWindow> {
    return new Promise((resolve) => {
      this.worker.once('message', (message: MemoryWindow) => resolve(message));
      this.worker.postMessage('report');
    });
  }
  async stop() {
    this.worker.postMessage('stop');
    await this.worker.terminate();
  }
}

/** Mean RSS of the server tree over 2 s of quiet. */
export async function measureBaseline(sampler: MemorySampler): Promise<{ mb: number; samples: number; pids: number[] }> {
  sampler.mark();
  await sleep(2000);
  const window = await sampler.report();
  return { mb: window.sumKb / window.samples / 1024, samples: window.samples, pids: window.pids };
}
