/** What every benchmark prints and keeps: the machine line, percentiles, and a JSON file under bench/results/. */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const projectRoot = path.resolve(__dirname, '..', '..');

export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '?',
    memoryMb: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

/** "2026-11-27T… — 2 CPUs (AMD EPYC …), Node v20…, load average 1.00 0.50 0.20" */
export function machineLine(): string {
  const m = machine();
  return `${new Date().toISOString()} — ${m.cpus} CPUs (${m.cpuModel}), Node ${m.node}, load average ${m.loadAverage.map((l) => l.toFixed(2)).join(' ')}`;
}

/** Writes bench/results/<name>-<date>.json and returns its path relative to the project. */
export async function saveResults(name: string, data: object): Promise<string> {
  const directory = path.join(projectRoot, 'bench', 'results');
  await mkdir(directory, { recursive: true });
  const file = path.join(directory, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify({ benchmark: name, date: new Date().toISOString(), machine: machine(), ...data }, null, 2)}\n`);
  return path.relative(projectRoot, file);
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export interface Stats {
  count: number;
  p50: number;
  p95: number;
  mean: number;
  max: number;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    mean: sorted.reduce((sum, x) => sum + x, 0) / Math.max(1, sorted.length),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

export const mean = (values: number[]) => values.reduce((sum, x) => sum + x, 0) / Math.max(1, values.length);

/** Peak resident set size of this process so far, in MB (getrusage's maxrss is in KiB on Linux). */
export const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/** The command to rerun a benchmark with the same settings: every BENCH_* variable set, then the command. */
export function rerunWith(command: string): string {
  const settings = Object.entries(process.env)
    .filter(([key, value]) => key.startsWith('BENCH_') && value)
    .map(([key, value]) => `${key}=${/^[\w.,:/-]+$/.test(value!) ? value : JSON.stringify(value)}`);
  return [...settings, command].join(' ');
}
