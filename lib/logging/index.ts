export { createLogger, logger, logToStandardError, setProcessLogger, type Logger } from './logger';
export { redactValue, scrubText } from './redact';
