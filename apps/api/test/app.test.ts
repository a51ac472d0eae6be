import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, TEST_PASSWORD } from "./support/fixtures.ts";
import { buildTestApp, type TestApp } from "./support/test-app.ts";
import { signInOps } from "./modules/registration/registration-helpers.ts";

let testApp: TestApp;
let webDist: string;

beforeAll(async () => {
  webDist = mkdtempSync(path.join(tmpdir(), "pwp-web-dist-"));
  mkdirSync(path.join(webDist, "assets"));
  writeFileSync(path.join(webDist, "index.html"), "<!doctype html><title>pwp</title><div id=root></div>");
  writeFileSync(path.join(webDist, "assets", "main-abc123.js"), "console.log('app')");
  testApp = await buildTestApp({ WEB_DIST_DIR: webDist });
  const { app } = testApp;
  // Routes that exist only in this test, to reach the permission hook and the 500 handler.
  app.get("/api/test/ops-only", { config: { permission: { kinds: ["OPERATOR"] } } }, async () => ({ ok: true }));
  app.get("/api/test/representatives", { config: { permission: { roles: ["REPRESENTATIVE"] } } }, async () => ({ ok: true }));
  app.get("/api/test/crash", { config: { permission: "public" } }, async () => {
    throw new Error("connection to secret-db.internal:5432 refused");
  });
});
afterAll(async () => {
  await testApp?.close();
  rmSync(webDist, { recursive: true, force: true });
});

async function accessTokenFor(options: Parameters<typeof createUser>[1]) {
  const { user } = await createUser(testApp.prisma, options);
  const response = await testApp.app.inject({ method: "POST", url: "/api/auth/sign-in", payload: { email: user.email, password: TEST_PASSWORD } });
  return `Bearer ${response.json().accessToken}`;
}

describe("system routes", () => {
  it("reports health once the database is migrated", async () => {
    const response = await testApp.app.inject({ method: "GET", url: "/api/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok" });
  });

  it("publishes an OpenAPI 3.1 document of every API route, and the docs UI", async () => {
    const document = (await testApp.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(document.openapi).toBe("3.1.0");
    for (const route of ["/api/health", "/api/auth/sign-in", "/api/auth/refresh", "/api/auth/sign-out", "/api/me"]) {
      expect(Object.keys(document.paths)).toContain(route);
    }
    const signIn = document.paths["/api/auth/sign-in"].post;
    expect(signIn.requestBody.content["application/json"].schema.required).toContain("password");
    expect(Object.keys(signIn.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "423", "429"]));
    const docs = await testApp.app.inject({ method: "GET", url: "/api/docs/" });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers["content-type"]).toContain("text/html");
  });

  it("answers unknown API routes with a JSON 404", async () => {
    const response = await testApp.app.inject({ method: "GET", url: "/api/no-such-thing" });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("NOT_FOUND");
    expect((await testApp.app.inject({ method: "POST", url: "/api/health" })).statusCode).toBe(404);
  });

  it("never shows internals in a 500", async () => {
    const response = await testApp.app.inject({ method: "GET", url: "/api/test/crash" });
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe("INTERNAL");
    expect(response.body).not.toContain("secret-db");
  });

  it("sends security headers", async () => {
    const response = await testApp.app.inject({ method: "GET", url: "/api/health" });
    expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(response.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["referrer-policy"]).toBe("no-referrer");
  });
});

describe("the web app", () => {
  it("serves the SPA at / and for client-side routes, and its hashed assets as immutable", async () => {
    for (const url of ["/", "/orderer", "/admin/users?x=1", "/verify"]) {
      const response = await testApp.app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('<div id=root>');
      expect(response.headers["cache-control"]).toBe("no-cache");
    }
    const asset = await testApp.app.inject({ method: "GET", url: "/assets/main-abc123.js" });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["cache-control"]).toContain("immutable");
  });
});

describe("permissions", () => {
  it("checks the organisation kind and role declared on the route", async () => {
    const orderer = await accessTokenFor({ kind: "ORDERER", role: "STAFF" });
    // Ops sessions need a certificate sign-in: a password-only one is refused like any other route but the certificate page.
    const operatorPasswordOnly = await accessTokenFor({ kind: "OPERATOR", role: "MANAGER" });
    const operator = `Bearer ${(await signInOps(testApp.app, testApp.prisma)).token}`;
    const representative = await accessTokenFor({ kind: "CONTRACTOR", role: "REPRESENTATIVE" });
    const get = (url: string, authorization?: string) =>
      testApp.app.inject({ method: "GET", url, headers: authorization ? { authorization } : {} });

    expect((await get("/api/test/ops-only")).statusCode).toBe(401);
    const refused = await get("/api/test/ops-only", orderer);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("FORBIDDEN");
    expect((await get("/api/test/ops-only", operatorPasswordOnly)).json().error.code).toBe("CERTIFICATE_REQUIRED");
    expect((await get("/api/test/ops-only", operator)).statusCode).toBe(200);
    expect((await get("/api/test/representatives", orderer)).statusCode).toBe(403);
    expect((await get("/api/test/representatives", representative)).statusCode).toBe(200);
  });

  it("lets users of an organisation under review reach only routes that allow it", async () => {
    const pending = await accessTokenFor({ kind: "CONTRACTOR", role: "REPRESENTATIVE", status: "PENDING" });
    const me = await testApp.app.inject({ method: "GET", url: "/api/me", headers: { authorization: pending } });
    expect(me.statusCode).toBe(200);
    expect(me.json().organization.status).toBe("PENDING");
    const refused = await testApp.app.inject({ method: "GET", url: "/api/test/representatives", headers: { authorization: pending } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain("not been approved");
  });

  it("refuses to start with an API route that declares no permission", async () => {
    const other = await buildTestApp();
    try {
      expect(() => other.app.get("/api/test/undeclared", async () => ({}))).toThrow(/declares no config.permission/);
    } finally {
      await other.close();
    }
  });
});

describe("sign-in rate limit per address", () => {
  it("answers 429 with the time to retry once an address exceeds the limit", async () => {
    const limited = await buildTestApp({ SIGN_IN_RATE_LIMIT_PER_MINUTE: "3" });
    try {
      const attempt = () =>
        limited.app.inject({ method: "POST", url: "/api/auth/sign-in", payload: { email: "x@example.test", password: "x" } });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
      const response = await attempt();
      expect(response.statusCode).toBe(429);
      expect(response.json().error.code).toBe("RATE_LIMITED");
      expect(new Date(response.json().error.retryAt).getTime()).toBeGreaterThan(Date.now());
      expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe("logs", () => {
  it("never carry invitation or reset tokens", async () => {
    const { redactSecretsInUrl } = await import("../src/app.ts");
    expect(redactSecretsInUrl("/api/invitations/abcDEF123_-/accept")).toBe("/api/invitations/[redacted]/accept");
    expect(redactSecretsInUrl("/api/counterparty-invitations/xyz?lang=ko")).toBe("/api/counterparty-invitations/[redacted]?lang=ko");
    expect(redactSecretsInUrl("/reset-password?token=secret&x=1")).toBe("/reset-password?token=[redacted]&x=1");
    expect(redactSecretsInUrl("/api/users/invitations")).toBe("/api/users/invitations");
  });
});
