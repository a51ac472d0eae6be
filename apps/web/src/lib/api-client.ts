// The one way the web app talks to the API: JSON in and out, errors as ApiError, and the session's access token.
// The access token lives in this module's memory only: anything in localStorage is readable by any script that
// gets onto the page, while the refresh cookie is httpOnly and scoped to /api/auth.
import type { Session } from "@pwp/shared/auth";
import { ERROR_CODE_BY_HTTP_STATUS, ERROR_CODES, type ErrorCode, type FieldError } from "@pwp/shared/error-codes";

const API_BASE = "/api";
const REFRESH_PATH = "/auth/refresh";

/** NETWORK_ERROR is the client's own code: the request got no HTTP answer at all. */
export type ApiErrorCode = ErrorCode | "NETWORK_ERROR";

export class ApiError extends Error {
  override readonly name = "ApiError";
  /** The HTTP status; 0 when the API could not be reached. */
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly fields: FieldError[];
  /** When a lockout or rate limit ends. */
  readonly retryAt: Date | null;
  /** With CONFLICT from a state machine: the state the thing is in now (e.g. a contract's status). */
  readonly currentState: string | null;

  constructor(init: {
    status: number;
    code: ApiErrorCode;
    message: string;
    fields?: FieldError[];
    retryAt?: Date | null;
    currentState?: string | null;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.retryAt = init.retryAt ?? null;
    this.currentState = init.currentState ?? null;
  }
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

// ---- access token and session end ---------------------------------------------------------------------------

let accessToken: string | null = null;
/** Whether the token in memory was opened by certificate sign-in; a property of the token, so it lives beside it. */
let isCertificateToken = false;
let refreshInFlight: Promise<Session> | null = null;
const sessionEndListeners = new Set<() => void>();
const sessionChangeListeners = new Set<() => void>();
const certificateRequiredListeners = new Set<() => void>();

export function setAccessToken(token: string | null, isCertificateSession = false): void {
  const wasCertificateToken = isCertificateToken;
  accessToken = token;
  isCertificateToken = token !== null && isCertificateSession;
  if (wasCertificateToken !== isCertificateToken) sessionChangeListeners.forEach((listener) => listener());
}

export function hasAccessToken(): boolean {
  return accessToken !== null;
}

/** True while the session was opened with a certificate; a refresh keeps that only while the certificate is valid. */
export function isCertificateSession(): boolean {
  return isCertificateToken;
}

/** Called when the session turns into or out of a certificate session (for useSyncExternalStore). */
export function subscribeToSessionChange(listener: () => void): () => void {
  sessionChangeListeners.add(listener);
  return () => sessionChangeListeners.delete(listener);
}

/** Called when the API refuses a password-only session because the organisation requires certificate sign-in. */
export function subscribeToCertificateRequired(listener: () => void): () => void {
  certificateRequiredListeners.add(listener);
  return () => certificateRequiredListeners.delete(listener);
}

/** Called when a signed-in session is lost (the refresh cookie was rejected); returns the unsubscribe function. */
export function subscribeToSessionEnd(listener: () => void): () => void {
  sessionEndListeners.add(listener);
  return () => sessionEndListeners.delete(listener);
}

/**
 * Trades the refresh cookie for a new access token. Concurrent callers share one request: the server rotates
 * the cookie on every refresh, so a second parallel refresh would present a cookie that is already spent.
 */
export function refreshSession(): Promise<Session> {
  refreshInFlight ??= requestRefresh().finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

async function requestRefresh(): Promise<Session> {
  const wasSignedIn = accessToken !== null;
  try {
    const session = await readBody<Session>(await send(REFRESH_PATH, { method: "POST" }, null));
    setAccessToken(session.accessToken, session.isCertificateSession === true);
    return session;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setAccessToken(null);
      // Only a session that existed can end; a first visit without a cookie is simply signed out.
      if (wasSignedIn) sessionEndListeners.forEach((listener) => listener());
    }
    throw error;
  }
}

// ---- requests -----------------------------------------------------------------------------------------------

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type RequestOptions = {
  method?: HttpMethod;
  /**
   * Sent as JSON, as multipart/form-data when it is a FormData (file uploads), or as the raw bytes when it is a
   * Blob or Uint8Array (a PDF, an RFC 3161 request), with `contentType`.
   */
  body?: unknown;
  /** The Content-Type of a raw (Blob or Uint8Array) body. */
  contentType?: string;
  signal?: AbortSignal;
  /** False for the auth endpoints themselves, whose 401 means wrong credentials, not an expired token. */
  canRefresh?: boolean;
};

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return reportCertificateRequired(async () => readBody<T>(await sendWithRefresh(path, options)));
}

/** A file from the API (a stored document), for an object URL: the access token cannot ride on a plain link. */
export async function requestBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  return reportCertificateRequired(async () => {
    const response = await sendWithRefresh(path, options);
    if (!response.ok) throw await parseErrorResponse(response);
    return response.blob();
  });
}

/**
 * CERTIFICATE_REQUIRED can come from any route once the organisation requires certificate sign-in: the app
 * answers it in one place (the router sends the user to certificate sign-in), while the caller still gets the error.
 */
async function reportCertificateRequired<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isApiError(error, "CERTIFICATE_REQUIRED")) certificateRequiredListeners.forEach((listener) => listener());
    throw error;
  }
}

async function sendWithRefresh(path: string, options: RequestOptions): Promise<Response> {
  const tokenSent = accessToken;
  const response = await send(path, options, tokenSent);
  if (response.status !== 401 || options.canRefresh === false) return response;

  // Another request may have refreshed while this one was in flight: then its token is already new.
  if (accessToken === null || accessToken === tokenSent) await refreshSession();
  return send(path, options, accessToken);
}

export const apiClient = {
  get: <T>(path: string, options?: Omit<RequestOptions, "method" | "body">) => request<T>(path, { ...options, method: "GET" }),
  getBlob: (path: string, options?: Omit<RequestOptions, "method" | "body">) => requestBlob(path, { ...options, method: "GET" }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, "method" | "body">) =>
    request<T>(path, { ...options, method: "POST", body }),
};

async function send(path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers = new Headers({ Accept: "application/json" });
  // A FormData body sets its own multipart Content-Type, with the boundary.
  const isFormData = typeof FormData !== "undefined" && options.body instanceof FormData;
  const isRaw = (typeof Blob !== "undefined" && options.body instanceof Blob) || options.body instanceof Uint8Array;
  if (isRaw) headers.set("Content-Type", options.contentType ?? "application/octet-stream");
  else if (options.body !== undefined && !isFormData) headers.set("Content-Type", "application/json");
  if (token) headers.set("Authorization", `Bearer ${token}`);
  // The server answers in the user's language where it can; <html lang> follows the UI language (lib/i18n.ts).
  const language = typeof document === "undefined" ? "" : document.documentElement.lang;
  if (language) headers.set("Accept-Language", language);

  try {
    return await fetch(`${API_BASE}${path}`, {
      method: options.method ?? "GET",
      headers,
      body:
        options.body === undefined
          ? null
          : isFormData || isRaw
            ? (options.body as FormData | Blob | Uint8Array<ArrayBuffer>)
            : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal ?? null,
    });
  } catch (error) {
    // A cancelled query is not a failure to report; react-query expects the AbortError itself.
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError({ status: 0, code: "NETWORK_ERROR", message: "The server could not be reached." });
  }
}

async function readBody<T>(response: Response): Promise<T> {
  if (!response.ok) throw await parseErrorResponse(response);
  const text = await response.text();
  if (text === "") return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({ status: response.status, code: "INTERNAL", message: "The server sent a response that is not JSON." });
  }
}

// ---- error bodies -------------------------------------------------------------------------------------------

const ERROR_CODE_SET: ReadonlySet<string> = new Set(ERROR_CODES);

/** Turns a non-2xx response into an ApiError, trusting nothing about its body. */
export async function parseErrorResponse(response: Response): Promise<ApiError> {
  const body = await readJsonSafely(response);
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const code = error && typeof error.code === "string" && ERROR_CODE_SET.has(error.code) ? (error.code as ErrorCode) : null;

  return new ApiError({
    status: response.status,
    code: code ?? ERROR_CODE_BY_HTTP_STATUS[response.status] ?? "INTERNAL",
    message: error && typeof error.message === "string" ? error.message : `HTTP ${response.status}`,
    fields: error && Array.isArray(error.fields) ? error.fields.filter(isFieldError) : [],
    retryAt: parseDate(error?.retryAt) ?? parseRetryAfter(response.headers.get("Retry-After")),
    currentState: error && typeof error.currentState === "string" ? error.currentState : null,
  });
}

async function readJsonSafely(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFieldError(value: unknown): value is FieldError {
  return isRecord(value) && typeof value.field === "string" && typeof value.message === "string";
}

function parseDate(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Retry-After is either a number of seconds or an HTTP date (RFC 9110 §10.2.3). */
function parseRetryAfter(value: string | null): Date | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return new Date(Date.now() + Number(value) * 1000);
  return parseDate(value);
}
