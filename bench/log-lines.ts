/**
 * Log lines: what a redacted line costs (lib/logging), against pino with no redaction, so the cost of
 * "every line redacted" is a figure rather than a guess. Lines go to a stream that throws them away.
 *
 *   npx tsx --conditions=react-server bench/log-lines.ts      (BENCH_LINES, default 100000)
 *
 * Three kinds of line, as the hub writes them: a request line (a few short fields), a job line (with a
 * UUID or two) and an error line (an Error with a stack and a message holding an email address).
 * Each is written BENCH_LINES times through the hub's logger and through plain pino; the first 10% of
 * each run is a warm-up and not timed. CPU time of this process is reported beside wall time.
 * Never part of `npm test`.
 */
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { createLogger } from '@/lib/logging';
import { machineLine, rerunWith, saveResults } from './lib/report';

const rerunCommand = rerunWith('npx tsx --conditions=react-server bench/log-lines.ts');
const lines = Math.max(1000, Number(process.env.BENCH_LINES || 100_000));

const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });
const error = new Error('mailbox unavailable for sam.jones@bristol.gov.uk');

const kinds: Record<string, (log: Logger, i: number) => void> = {
  request: (log, i) => log.info({ requestId: 'b7c1d2e3-0000-4000-8000-000000000001', method: 'POST', path: '/feedback/send', routeKind: 'form', status: 303, durationMs: i % 200 }, 'request'),
  job: (log, i) =>
    log.info({ job: 'extract-text', jobId: '5e768e7b-b235-4383-9be0-e2540bd35b4c', outcome: 'done', durationMs: i % 500, versionId: '550e494b-5fae-4045-95e3-d1eeaac8bfc4', textStatus: 'done' }, 'job finished'),
  error: (log) => log.error({ err: error, what: 'a concern outcome' }, 'could not send'),
};

function time(log: Logger, write: (log: Logger, i: number) => void) {
  const warmUp = Math.floor(lines / 10);
  for (let i = 0; i < warmUp; i++) write(log, i);
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < lines; i++) write(log, i);
  const wallMs = performance.now() - started;
  const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000;
  return { microsecondsPerLine: (wallMs * 1000) / lines, cpuMicrosecondsPerLine: (cpuMs * 1000) / lines };
}

async function main() {
  console.log(`Log lines: ${lines} of each kind, to a discarding stream. ${machineLine()}`);
  const results: Record<string, object> = {};
  for (const [kind, write] of Object.entries(kinds)) {
    const hub = time(createLogger({ level: 'info', destination: discard() }), write);
    const plain = time(pino({ level: 'info' }, discard()), write);
    results[kind] = { hub, plainPino: plain };
    console.log(
      `${kind.padEnd(8)} hub logger ${hub.microsecondsPerLine.toFixed(2)} µs/line (CPU ${hub.cpuMicrosecondsPerLine.toFixed(2)}), ` +
        `plain pino ${plain.microsecondsPerLine.toFixed(2)} µs/line (CPU ${plain.cpuMicrosecondsPerLine.toFixed(2)})`,
    );
  }
  console.log(`Saved ${await saveResults('log-lines', { lines, results })}`);
  console.log(`Rerun: ${rerunCommand}`);
}

void main();
