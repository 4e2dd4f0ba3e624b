/**
 * Errors the domain raises on purpose, each with a code that maps to one HTTP status and a message
 * that is safe to show a person. Anything else is unexpected: logged in full, shown as a generic
 * message. Safe to import anywhere.
 */
export type AppErrorCode =
  | 'validation'
  | 'not_found'
  | 'forbidden'
  | 'unauthenticated'
  | 'payload_too_large'
  | 'storage_unavailable'
  | 'database_unavailable'
  | 'bad_request'
  | 'forbidden_origin'
  | 'conflict';

const statusByCode: Record<AppErrorCode, number> = {
  validation: 422,
  not_found: 404,
  forbidden: 403,
  unauthenticated: 401,
  payload_too_large: 413,
  storage_unavailable: 503,
  database_unavailable: 503,
  bad_request: 400,
  forbidden_origin: 403,
  conflict: 409,
};

/** A message for one form field: `field` is the input's name, so forms can link the error to it. */
export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string,
    public readonly fieldErrors: FieldError[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export class ValidationError extends AppError {
  constructor(fieldErrors: FieldError[]) {
    super('validation', fieldErrors[0]?.message ?? 'Check your answers', fieldErrors);
    this.name = 'ValidationError';
  }
}

/** The JSON body every API error has: `{ error: { code, message, fields? } }`. Never internals. */
export function errorBody(error: unknown): { status: number; body: { error: { code: string; message: string; fields?: FieldError[] } } } {
  if (error instanceof AppError) {
    return {
      status: error.status,
      body: {
        error: {
          code: error.code,
          message: error.message,
          ...(error.fieldErrors.length ? { fields: error.fieldErrors } : {}),
        },
      },
    };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Sorry, something went wrong. Try again later.' } } };
}
