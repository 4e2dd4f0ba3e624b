import { formatBytes } from '@/lib/formats/file-formats';
import type { ExtractionLimits } from './limits';

export type FailureReason = 'too_large' | 'zip_bomb' | 'too_many_entries' | 'timeout' | 'malformed' | 'encrypted';

export type ExtractionResult =
  | {
      status: 'done';
      text: string;
      pageCount?: number;
      slideCount?: number;
      sheetCount?: number;
      truncated: boolean;
    }
  | { status: 'no_text' }
  | { status: 'unsupported' }
  | {
      status: 'failed';
      reason: FailureReason;
      /** Plain English for the person who uploaded the file: no paths, stack traces or library words. */
      message: string;
    };

/**
 * What one format's extractor hands back: text already normalised by a TextSink, plus what it knows
 * about the document's size. `index.ts` turns it into an ExtractionResult.
 */
export interface Extracted {
  text: string;
  truncated: boolean;
  pageCount?: number;
  slideCount?: number;
  sheetCount?: number;
}

/**
 * A failure an extractor raises on purpose. Only the reason travels to the result; the message shown
 * to people is made from the reason (see `failureMessage`), never from the error's own text.
 */
export class ExtractionError extends Error {
  constructor(
    public readonly reason: FailureReason,
    /** For logs only: what exactly went wrong. Never shown to people. */
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
    this.name = 'ExtractionError';
  }
}

export function failureMessage(reason: FailureReason, limits: ExtractionLimits, formatLabel?: string): string {
  switch (reason) {
    case 'too_large':
      return `The file is larger than ${formatBytes(limits.maxInputBytes)}, the most we read text from.`;
    case 'zip_bomb':
      return 'The file unpacks to far more data than a document of its size should, so we stopped reading it.';
    case 'too_many_entries':
      return `The file is made of more than ${limits.maxZipEntries.toLocaleString('en-GB')} parts, more than we read safely.`;
    case 'timeout': {
      const seconds = limits.timeLimitMs >= 1000 ? Math.round(limits.timeLimitMs / 1000) : limits.timeLimitMs / 1000;
      return `Reading the text took longer than ${seconds} second${seconds === 1 ? '' : 's'}, so we stopped.`;
    }
    case 'encrypted':
      return 'The file is protected with a password, so we could not read its text.';
    case 'malformed':
      return formatLabel
        ? `The file looks damaged, or is not a ${formatLabel} file, so we could not read its text.`
        : 'The file looks damaged, so we could not read its text.';
  }
}

/** Throws the timeout failure when the time limit's signal has been aborted (see index.ts). */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new ExtractionError('timeout', 'time limit reached');
}

/** What every format's extractor is given. */
export interface ExtractContext {
  limits: ExtractionLimits;
  /** Aborted when the time limit is reached: stop and throw a timeout failure (see throwIfAborted). */
  signal: AbortSignal;
  /** When the time limit is reached, in `performance.now()` time. */
  deadline: number;
  /** When `checkpoint` last let other work run. */
  lastYield: number;
}

/**
 * Called between units of work (pages, chunks, rows): throws the timeout failure once the time limit
 * has passed, and now and then lets the event loop run. The clock is read here, not only the timer:
 * pdf.js, in Node, passes its messages as promise callbacks, so a long document can keep timers from
 * ever firing.
 */
export async function checkpoint(context: ExtractContext): Promise<void> {
  throwIfAborted(context.signal);
  const now = performance.now();
  if (now > context.deadline) throw new ExtractionError('timeout', 'time limit reached');
  if (now - context.lastYield > 20) {
    context.lastYield = now;
    await new Promise((resolve) => setImmediate(resolve));
    throwIfAborted(context.signal);
  }
}
