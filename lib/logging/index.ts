export { createLogger, logger, type Logger } from './logger';
export { redactValue, scrubText } from './redact';
