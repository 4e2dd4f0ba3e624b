import { Writable } from 'node:stream';
import type { LogLevel } from '@/lib/config';
import { createLogger, setProcessLogger, type Logger } from '../logger';

export type LogLine = Record<string, unknown>;

/** A logger writing into an array, one parsed JSON object per line, as an operator's tools would read them. */
export function memoryLogger(level: LogLevel = 'info'): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { log: createLogger({ level, destination }), lines };
}

/** Makes the process's logger (lib/logging `logger()`) write into an array until `restore` is called. */
export function captureProcessLogs(level: LogLevel = 'debug'): { lines: LogLine[]; restore: () => void } {
  const { log, lines } = memoryLogger(level);
  setProcessLogger(log);
  return { lines, restore: () => setProcessLogger(undefined) };
}
