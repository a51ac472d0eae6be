// The one error type of the API. Services throw it; the error handler in app.ts turns it into a response.
import type { ErrorCode, FieldError } from "@pwp/shared/error-codes";

/** The HTTP status of every error code: the only place that decides it. */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  CERTIFICATE_REQUIRED: 403,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[] | undefined;
  /** When a lockout or rate limit ends; sent as retryAt and Retry-After. */
  readonly retryAt: Date | undefined;
  /** With CONFLICT from a state machine: the current state, sent as currentState. */
  readonly currentState: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { fields?: FieldError[]; retryAt?: Date; currentState?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.fields = options.fields;
    this.retryAt = options.retryAt;
    this.currentState = options.currentState;
  }

  get statusCode(): number {
    return HTTP_STATUS_BY_CODE[this.code];
  }
}
