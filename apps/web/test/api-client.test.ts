// The client's own logic: how it reads error bodies and how it refreshes an expired access token. fetch is
// replaced by a small in-memory server because what is under test is the client, not the API (e2e covers that).
import type { Session } from "@pwp/shared/auth";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ApiError,
  apiClient,
  hasAccessToken,
  isCertificateSession,
  parseErrorResponse,
  setAccessToken,
  subscribeToCertificateRequired,
  subscribeToSessionChange,
  subscribeToSessionEnd,
} from "@/lib/api-client";

type Handler = (request: Request) => Response | Promise<Response>;

const calls: Request[] = [];
let handle: Handler = () => new Response(null, { status: 500 });

function installFetch(): void {
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(new URL(String(input), "http://app.test"), init);
    calls.push(request);
    return handle(request);
  });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

function errorBody(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message, ...extra } };
}

function makeSession(accessToken: string): Session {
  return {
    accessToken,
    expiresIn: 900,
    user: {
      id: "5b0b6c8e-4a52-4c0c-9d6f-1f2e3d4c5b6a",
      email: "staff@orderer.example",
      loginId: "staff",
      name: "Kim Minji",
      role: "STAFF",
      organization: {
        id: "0e7f3c59-98a4-4df3-a1b2-0c9d8e7f6a5b",
        kind: "ORDERER",
        country: "KR",
        registrationNumber: "1248100998",
        nameLocal: "조달청",
        nameLatin: "Public Procurement Service",
        status: "APPROVED",
      },
    },
  };
}

function countCalls(path: string): number {
  return calls.filter((request) => new URL(request.url).pathname === path).length;
}

beforeEach(() => {
  calls.length = 0;
  setAccessToken(null);
  installFetch();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("error parsing", () => {
  it("reads code, message, fields and retryAt from an ErrorBody", async () => {
    const retryAt = "2030-01-02T03:04:05.000Z";
    const error = await parseErrorResponse(
      json(423, errorBody("ACCOUNT_LOCKED", "Locked", { retryAt, fields: [{ field: "body.email", message: "bad" }] })),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 423, code: "ACCOUNT_LOCKED", message: "Locked" });
    expect(error.retryAt?.toISOString()).toBe(retryAt);
    expect(error.fields).toEqual([{ field: "body.email", message: "bad" }]);
  });

  it("drops malformed field entries instead of trusting them", async () => {
    const error = await parseErrorResponse(
      json(400, errorBody("VALIDATION_FAILED", "Invalid", { fields: [{ field: "body.email" }, "x", { field: "body.password", message: "Required" }] })),
    );
    expect(error.fields).toEqual([{ field: "body.password", message: "Required" }]);
  });

  it("falls back to the status when the body is not an ErrorBody", async () => {
    const error = await parseErrorResponse(new Response("<html>Bad gateway</html>", { status: 502 }));
    expect(error).toMatchObject({ status: 502, code: "SERVICE_UNAVAILABLE", message: "HTTP 502", fields: [], retryAt: null });
  });

  it("does not accept a code the contract does not define", async () => {
    const error = await parseErrorResponse(json(403, errorBody("SOMETHING_NEW", "No")));
    expect(error.code).toBe("FORBIDDEN");
  });

  it("uses Retry-After when the body has no retryAt", async () => {
    const before = Date.now();
    const error = await parseErrorResponse(json(429, errorBody("RATE_LIMITED", "Slow down"), { "Retry-After": "30" }));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.retryAt!.getTime()).toBeGreaterThanOrEqual(before + 30_000);
    expect(error.retryAt!.getTime()).toBeLessThan(before + 31_000);
  });

  it("turns a request that never got an answer into NETWORK_ERROR", async () => {
    handle = () => {
      throw new TypeError("fetch failed");
    };
    await expect(apiClient.get("/me")).rejects.toMatchObject({ name: "ApiError", status: 0, code: "NETWORK_ERROR" });
  });

  it("rejects a failed request with the parsed ApiError", async () => {
    handle = () => json(401, errorBody("INVALID_CREDENTIALS", "Wrong"));
    const error = await apiClient.post("/auth/sign-in", { email: "a@b.example", password: "x" }, { canRefresh: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: "INVALID_CREDENTIALS" });
    expect(countCalls("/api/auth/refresh")).toBe(0);
  });
});

describe("requests", () => {
  it("sends JSON with the in-memory access token", async () => {
    setAccessToken("token-1");
    handle = () => json(200, { ok: true });
    await expect(apiClient.post("/things", { a: 1 })).resolves.toEqual({ ok: true });
    const [request] = calls;
    expect(request?.headers.get("Authorization")).toBe("Bearer token-1");
    expect(request?.headers.get("Content-Type")).toBe("application/json");
    expect(await request?.text()).toBe('{"a":1}');
  });

  it("returns undefined for 204 No Content", async () => {
    handle = () => new Response(null, { status: 204 });
    await expect(apiClient.post("/auth/sign-out", undefined, { canRefresh: false })).resolves.toBeUndefined();
  });
});

describe("refresh on 401", () => {
  it("refreshes once for concurrent requests, then retries each with the new token", async () => {
    setAccessToken("expired");
    let releaseRefresh: () => void = () => {};
    const refreshGate = new Promise<void>((resolve) => (releaseRefresh = resolve));

    handle = async (request) => {
      const path = new URL(request.url).pathname;
      if (path === "/api/auth/refresh") {
        await refreshGate;
        return json(200, makeSession("fresh"));
      }
      return request.headers.get("Authorization") === "Bearer fresh"
        ? json(200, { path })
        : json(401, errorBody("UNAUTHENTICATED", "Token expired"));
    };

    const pending = Promise.all([apiClient.get("/me"), apiClient.get("/contracts"), apiClient.get("/guarantees")]);
    // Let all three get their 401 and queue behind the one refresh before it answers.
    await vi.waitFor(() => expect(countCalls("/api/auth/refresh")).toBe(1));
    await vi.waitFor(() => expect(calls.length).toBe(4));
    releaseRefresh();

    await expect(pending).resolves.toEqual([{ path: "/api/me" }, { path: "/api/contracts" }, { path: "/api/guarantees" }]);
    expect(countCalls("/api/auth/refresh")).toBe(1);
    const retries = calls.filter((request) => request.headers.get("Authorization") === "Bearer fresh");
    expect(retries).toHaveLength(3);
  });

  it("does not send the refresh request an access token", async () => {
    setAccessToken("expired");
    handle = (request) =>
      new URL(request.url).pathname === "/api/auth/refresh"
        ? json(200, makeSession("fresh"))
        : request.headers.get("Authorization") === "Bearer fresh"
          ? json(200, {})
          : json(401, errorBody("UNAUTHENTICATED", "Expired"));
    await apiClient.get("/me");
    const refresh = calls.find((request) => new URL(request.url).pathname === "/api/auth/refresh");
    expect(refresh?.method).toBe("POST");
    expect(refresh?.headers.get("Authorization")).toBeNull();
  });

  it("retries only once: a second 401 is the caller's error", async () => {
    setAccessToken("expired");
    handle = (request) =>
      new URL(request.url).pathname === "/api/auth/refresh"
        ? json(200, makeSession("fresh"))
        : json(401, errorBody("UNAUTHENTICATED", "Still not"));
    await expect(apiClient.get("/me")).rejects.toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
    expect(countCalls("/api/auth/refresh")).toBe(1);
    expect(countCalls("/api/me")).toBe(2);
  });

  it("ends the session when the refresh cookie is rejected", async () => {
    setAccessToken("expired");
    const onSessionEnd = vi.fn();
    const unsubscribe = subscribeToSessionEnd(onSessionEnd);
    handle = (request) =>
      new URL(request.url).pathname === "/api/auth/refresh"
        ? json(401, errorBody("SESSION_EXPIRED", "Session expired"))
        : json(401, errorBody("UNAUTHENTICATED", "Expired"));

    await expect(apiClient.get("/me")).rejects.toMatchObject({ status: 401, code: "SESSION_EXPIRED" });
    expect(hasAccessToken()).toBe(false);
    expect(onSessionEnd).toHaveBeenCalledTimes(1);
    unsubscribe();
  });

  it("does not report a session end when there was no session", async () => {
    const onSessionEnd = vi.fn();
    const unsubscribe = subscribeToSessionEnd(onSessionEnd);
    handle = () => json(401, errorBody("UNAUTHENTICATED", "No cookie"));
    await expect(apiClient.get("/me")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(onSessionEnd).not.toHaveBeenCalled();
    unsubscribe();
  });
});

describe("certificate sessions", () => {
  it("remembers from the refreshed session whether it is a certificate session, and tells subscribers", async () => {
    const changes = vi.fn();
    const unsubscribe = subscribeToSessionChange(changes);
    // An expired token: the client refreshes, and the refreshed session says it was opened with a certificate.
    setAccessToken("expired-token");
    handle = (request) =>
      new URL(request.url).pathname === "/api/auth/refresh"
        ? json(200, { ...makeSession("cert-token"), isCertificateSession: true })
        : request.headers.get("Authorization") === "Bearer cert-token"
          ? json(200, { ok: true })
          : json(401, errorBody("SESSION_EXPIRED", "Expired"));
    await apiClient.get("/me");
    expect(isCertificateSession()).toBe(true);
    expect(changes).toHaveBeenCalledTimes(1);

    setAccessToken(null);
    expect(isCertificateSession()).toBe(false);
    expect(changes).toHaveBeenCalledTimes(2);
    unsubscribe();
  });

  it("a password session is not a certificate session", async () => {
    setAccessToken("password-token");
    expect(isCertificateSession()).toBe(false);
    setAccessToken("cert-token", true);
    expect(isCertificateSession()).toBe(true);
    setAccessToken("password-token");
    expect(isCertificateSession()).toBe(false);
  });

  it("reports CERTIFICATE_REQUIRED to its listeners and still rejects the caller", async () => {
    const listener = vi.fn();
    const unsubscribe = subscribeToCertificateRequired(listener);
    setAccessToken("password-token");
    handle = () => json(403, errorBody("CERTIFICATE_REQUIRED", "Sign in with your certificate"));
    await expect(apiClient.get("/counterparties")).rejects.toMatchObject({ code: "CERTIFICATE_REQUIRED" });
    expect(listener).toHaveBeenCalledTimes(1);

    handle = () => json(403, errorBody("FORBIDDEN", "No"));
    await expect(apiClient.get("/users")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
  });
});
