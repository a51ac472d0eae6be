// Every error the API returns has one of these codes; the web app turns a code into a message in the user's
// language. The HTTP status of each code is decided in one place on the server (apps/api/src/lib/app-error.ts).
import { Type, type Static } from "typebox";

export const ERROR_CODES = [
  "VALIDATION_FAILED",
  "NOT_FOUND",
  "UNAUTHENTICATED",
  "INVALID_CREDENTIALS",
  "ACCOUNT_LOCKED",
  "ACCOUNT_DISABLED",
  "SESSION_EXPIRED",
  "FORBIDDEN",
  /** The organisation requires certificate sign-in and this session was opened with the password alone. */
  "CERTIFICATE_REQUIRED",
  "CONFLICT",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "RATE_LIMITED",
  "SERVICE_UNAVAILABLE",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const FieldErrorSchema = Type.Object({
  /** Where the bad value is, e.g. "body.password" or "query.page". */
  field: Type.String(),
  message: Type.String(),
});
export type FieldError = Static<typeof FieldErrorSchema>;

export const ErrorBodySchema = Type.Object(
  {
    error: Type.Object({
      code: Type.Enum(ERROR_CODES),
      message: Type.String(),
      fields: Type.Optional(Type.Array(FieldErrorSchema)),
      /** ISO time at which a lockout or rate limit ends. */
      retryAt: Type.Optional(Type.String({ format: "date-time" })),
      /** With CONFLICT from a state machine: the state the thing is in now, so the client can catch up. */
      currentState: Type.Optional(Type.String()),
    }),
  },
  { description: "Every non-2xx response" },
);
export type ErrorBody = Static<typeof ErrorBodySchema>;

/**
 * The code to assume for an error response that carries no ErrorBody of ours (a framework's own 4xx on the
 * server, a proxy's 502 in the browser): the status still says roughly what happened.
 */
export const ERROR_CODE_BY_HTTP_STATUS: Readonly<Partial<Record<number, ErrorCode>>> = {
  400: "VALIDATION_FAILED",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  423: "ACCOUNT_LOCKED",
  429: "RATE_LIMITED",
  502: "SERVICE_UNAVAILABLE",
  503: "SERVICE_UNAVAILABLE",
  504: "SERVICE_UNAVAILABLE",
};
