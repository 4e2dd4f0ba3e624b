import 'server-only';
import pino, { type DestinationStream, type Logger } from 'pino';
import { config, type LogLevel } from '@/lib/config';
import { redactValue, scrubText } from './redact';

export type { Logger } from 'pino';

/**
 * The hub's logs: one JSON object a line on standard output, for whatever collects the process's
 * output (journald, Docker, a log shipper). Every line passes through lib/logging/redact.ts first, so
 * no email address, token or password is written, whatever a caller hands over.
 *
 * Fields: `level` (its name), `time` (ISO 8601), `pid`, `hostname`, `component` (the part of the hub
 * that wrote it), `msg`, and what the caller adds. Errors go under `err` (type, message, code, stack).
 *
 * Server only: pino writes to file descriptors, and a browser must never be sent a server's errors.
 */
export function createLogger(options: { level: LogLevel; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        // Every field of every line, before pino serialises it (errors included: see redactValue).
        log: (fields) => redactValue(fields) as Record<string, unknown>,
      },
      // `log` above has already turned errors into plain fields; pino's own error serialiser would
      // take those for an error again and label them "Object".
      serializers: { err: (value: unknown) => value },
      hooks: {
        // The message and any printf-style arguments: strings are scrubbed here, objects by `log` above.
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          // log.error(error): pino would take the message from the error unscrubbed; hand it over as `err`.
          const leading = first instanceof Error ? [{ err: first }, ...(rest.length ? [] : [first.message])] : [first];
          const scrubbed = [...leading, ...rest].map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const globalForLogger = globalThis as unknown as { discoveryCommonsLogger?: Logger; discoveryCommonsLogFd?: 1 | 2 };

/**
 * For command-line tools: log lines go to standard error, leaving standard output to the report the
 * person asked for (so `npm run import -- folder > report.txt` holds only the report). Call first.
 */
export function logToStandardError(): void {
  globalForLogger.discoveryCommonsLogFd = 2;
}

/**
 * This process's logger, at LOG_LEVEL. Kept on globalThis: Next.js bundles each route on its own, and
 * one logger (one file descriptor writer) per process is enough. When the settings cannot be read,
 * it logs at `info` (the settings error itself is reported where the process starts).
 */
export function logger(component?: string): Logger {
  globalForLogger.discoveryCommonsLogger ??= createLogger({
    level: configuredLevel(),
    destination: pino.destination({ dest: globalForLogger.discoveryCommonsLogFd ?? 1, sync: true }),
  });
  return component ? globalForLogger.discoveryCommonsLogger.child({ component }) : globalForLogger.discoveryCommonsLogger;
}

/**
 * Replaces this process's logger, for tests that read the lines (createLogger with a stream of their
 * own); undefined goes back to the one made from the settings.
 */
export function setProcessLogger(replacement: Logger | undefined): void {
  globalForLogger.discoveryCommonsLogger = replacement;
}

function configuredLevel(): LogLevel {
  try {
    return config().logLevel;
  } catch {
    return 'info';
  }
}
