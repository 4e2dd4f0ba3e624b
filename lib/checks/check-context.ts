import { resolveLimits, type ExtractionLimits } from '@/lib/extract/limits';
import { ExtractionError, type ExtractContext } from '@/lib/extract/result';

/**
 * Runs one piece of bounded work the way lib/extract does: against the time limit (a timer AND the
 * clock read between units of work, see lib/extract/result.ts `checkpoint`), with the limits'
 * context handed to every reader. Whichever ends first, the work or the timer, decides; the signal
 * then tells the other to stop.
 */
export async function withinLimits<T>(overrides: Partial<ExtractionLimits> | undefined, work: (context: ExtractContext) => Promise<T>): Promise<T> {
  const limits = resolveLimits(overrides);
  const controller = new AbortController();
  const started = performance.now();
  const context: ExtractContext = { limits, signal: controller.signal, deadline: started + limits.timeLimitMs, lastYield: started };
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ExtractionError('timeout', `over ${limits.timeLimitMs} ms`)), limits.timeLimitMs);
  });
  const running = work(context);
  try {
    return await Promise.race([running, timedOut]);
  } finally {
    clearTimeout(timer);
    controller.abort();
    // The loser's outcome no longer matters; keep it from surfacing as an unhandled rejection.
    running.catch(() => undefined);
  }
}
