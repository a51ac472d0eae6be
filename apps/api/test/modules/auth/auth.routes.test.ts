import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LightMyRequestResponse } from "fastify";
import { formatRegistrationNumber } from "@pwp/shared/registration-number";
import { createUser, TEST_PASSWORD } from "../../support/fixtures.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await buildTestApp({ SIGN_IN_LOCKOUT_THRESHOLD: "10", SIGN_IN_LOCKOUT_MINUTES: "15" });
});
afterAll(() => testApp?.close());

function signIn(body: Record<string, unknown>) {
  return testApp.app.inject({ method: "POST", url: "/api/auth/sign-in", payload: body });
}

function refreshCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === "pwp_refresh");
  if (!cookie) throw new Error("no refresh cookie in response");
  return cookie.value;
}

function refresh(token: string) {
  return testApp.app.inject({ method: "POST", url: "/api/auth/refresh", cookies: { pwp_refresh: token } });
}

describe("sign-in", () => {
  it("signs in with e-mail and returns the user, an access token and a strict httpOnly refresh cookie", async () => {
    const { user, organization } = await createUser(testApp.prisma, { kind: "ORDERER", role: "REPRESENTATIVE" });
    const response = await signIn({ email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toEqual({
      id: user.id,
      email: user.email,
      loginId: user.loginId,
      name: user.name,
      role: "REPRESENTATIVE",
      organization: {
        id: organization.id,
        kind: "ORDERER",
        country: "KR",
        registrationNumber: organization.registrationNumber,
        nameLocal: organization.nameLocal,
        nameLatin: organization.nameLatin,
        status: "APPROVED",
        requireCertificateSignIn: false,
      },
    });
    expect(body.isCertificateSession).toBe(false);
    expect(body.expiresIn).toBe(900);
    expect(JSON.stringify(body)).not.toContain("passwordHash");
    const cookie = response.cookies.find((c) => c.name === "pwp_refresh");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/api/auth" });
    expect(response.headers["cache-control"]).toBe("no-store");

    const me = await testApp.app.inject({ method: "GET", url: "/api/me", headers: { authorization: `Bearer ${body.accessToken}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(user.id);

    const audit = await testApp.prisma.auditEvent.findFirst({ where: { action: "auth.signed_in", targetId: user.id } });
    expect(audit?.actorOrganizationId).toBe(organization.id);
  });

  it("signs in with the registration number (hyphens allowed) and user ID", async () => {
    const { user, organization } = await createUser(testApp.prisma, { kind: "SURETY", country: "JP" });
    const response = await signIn({
      registrationNumber: formatRegistrationNumber("JP", organization.registrationNumber),
      loginId: user.loginId,
      password: TEST_PASSWORD,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.id).toBe(user.id);
  });

  it("gives one message for a wrong password and an unknown account", async () => {
    const { user } = await createUser(testApp.prisma);
    const wrongPassword = await signIn({ email: user.email, password: "wrong password" });
    const unknownAccount = await signIn({ email: "nobody@example.test", password: "wrong password" });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownAccount.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(unknownAccount.json());
    expect(wrongPassword.json().error.code).toBe("INVALID_CREDENTIALS");
    expect(wrongPassword.cookies).toHaveLength(0);
  });

  it("locks the account after ten wrong passwords in a row, says until when, and refuses even the right password", async () => {
    const { user } = await createUser(testApp.prisma);
    for (let attempt = 1; attempt <= 9; attempt++) {
      expect((await signIn({ email: user.email, password: `wrong ${attempt}` })).json().error.code).toBe("INVALID_CREDENTIALS");
    }
    const before = Date.now();
    const tenth = await signIn({ email: user.email, password: "wrong 10" });
    expect(tenth.statusCode).toBe(423);
    const { error } = tenth.json();
    expect(error.code).toBe("ACCOUNT_LOCKED");
    const lockedUntil = new Date(error.retryAt).getTime();
    expect(lockedUntil - before).toBeGreaterThanOrEqual(15 * 60_000 - 1000);
    expect(lockedUntil - before).toBeLessThanOrEqual(15 * 60_000 + 5000);
    expect(Number(tenth.headers["retry-after"])).toBeGreaterThan(14 * 60);

    const rightPassword = await signIn({ email: user.email, password: TEST_PASSWORD });
    expect(rightPassword.statusCode).toBe(423);
    expect(await testApp.prisma.auditEvent.count({ where: { action: "auth.account_locked", targetId: user.id } })).toBe(1);

    // Once the lockout has passed, the right password works and the count starts again.
    await testApp.prisma.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await signIn({ email: user.email, password: TEST_PASSWORD })).statusCode).toBe(200);
    expect((await signIn({ email: user.email, password: "wrong again" })).statusCode).toBe(401);
  });

  it("resets the failure count after a successful sign-in", async () => {
    const { user } = await createUser(testApp.prisma);
    for (let attempt = 1; attempt <= 9; attempt++) await signIn({ email: user.email, password: "wrong" });
    expect((await signIn({ email: user.email, password: TEST_PASSWORD })).statusCode).toBe(200);
    expect((await signIn({ email: user.email, password: "wrong" })).statusCode).toBe(401);
  });

  it("refuses a disabled account with the right password, and says so", async () => {
    const { user } = await createUser(testApp.prisma, { isActive: false });
    const response = await signIn({ email: user.email, password: TEST_PASSWORD });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("ACCOUNT_DISABLED");
  });

  it.each([
    [{ password: "x" }, "body.email"],
    [{ email: "a@example.test" }, "body.password"],
    [{ email: "not an e-mail", password: "x" }, "body.email"],
    [{ registrationNumber: "1248100998", password: "x" }, "body.loginId"],
    [{ email: "a@example.test", password: 12345 }, "body.password"],
    [{ email: "a@example.test", password: "x", isAdmin: true }, "body.isAdmin"],
    [{ email: "a@example.test", password: "x".repeat(300) }, "body.password"],
  ])("refuses %j naming %s", async (body, field) => {
    const response = await signIn(body);
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it("refuses malformed JSON and a wrong content type without a 500", async () => {
    const malformed = await testApp.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.fields[0].field).toBe("body");
    const wrongType = await testApp.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      headers: { "content-type": "text/xml" },
      payload: "<a/>",
    });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });
});

describe("refresh tokens", () => {
  it("rotates: each refresh returns a new access token and a new cookie", async () => {
    const { user } = await createUser(testApp.prisma);
    const first = await signIn({ email: user.email, password: TEST_PASSWORD });
    const second = await refresh(refreshCookie(first));
    expect(second.statusCode).toBe(200);
    expect(refreshCookie(second)).not.toBe(refreshCookie(first));
    expect(second.json().user.id).toBe(user.id);
    expect((await refresh(refreshCookie(second))).statusCode).toBe(200);
  });

  it("revokes the whole session when a rotated-out token comes back later", async () => {
    const { user } = await createUser(testApp.prisma);
    const signedIn = await signIn({ email: user.email, password: TEST_PASSWORD });
    const stolen = refreshCookie(signedIn);
    const rotated = await refresh(stolen);
    // Past the grace window that allows two tabs to refresh at once.
    await testApp.prisma.refreshToken.updateMany({
      where: { userId: user.id, revokedReason: "ROTATED" },
      data: { revokedAt: new Date(Date.now() - 60_000) },
    });
    const reuse = await refresh(stolen);
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().error.code).toBe("SESSION_EXPIRED");
    // The legitimate holder's newer token is revoked too.
    expect((await refresh(refreshCookie(rotated))).statusCode).toBe(401);
    expect(await testApp.prisma.auditEvent.count({ where: { action: "auth.refresh_token_reused", targetId: user.id } })).toBe(1);
  });

  it("lets two tabs refresh with the same token at once", async () => {
    const { user } = await createUser(testApp.prisma);
    const token = refreshCookie(await signIn({ email: user.email, password: TEST_PASSWORD }));
    const [a, b] = await Promise.all([refresh(token), refresh(token)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect((await refresh(refreshCookie(a))).statusCode).toBe(200);
    expect((await refresh(refreshCookie(b))).statusCode).toBe(200);
  });

  it("refuses an unknown or missing token and an expired one", async () => {
    expect((await refresh("made-up")).statusCode).toBe(401);
    expect((await testApp.app.inject({ method: "POST", url: "/api/auth/refresh" })).json().error.code).toBe("UNAUTHENTICATED");
    const { user } = await createUser(testApp.prisma);
    const token = refreshCookie(await signIn({ email: user.email, password: TEST_PASSWORD }));
    await testApp.prisma.refreshToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await refresh(token)).statusCode).toBe(401);
  });

  it("sign-out revokes the session and clears the cookie", async () => {
    const { user } = await createUser(testApp.prisma);
    const token = refreshCookie(await signIn({ email: user.email, password: TEST_PASSWORD }));
    const signOut = await testApp.app.inject({ method: "POST", url: "/api/auth/sign-out", cookies: { pwp_refresh: token } });
    expect(signOut.statusCode).toBe(204);
    const cleared = signOut.cookies.find((c) => c.name === "pwp_refresh");
    expect(cleared?.value).toBe("");
    expect((await refresh(token)).statusCode).toBe(401);
    expect(await testApp.prisma.auditEvent.count({ where: { action: "auth.signed_out", targetId: user.id } })).toBe(1);
  });
});

describe("access tokens", () => {
  it("refuses /api/me without, with a forged and with an expired token", async () => {
    const { user, organization } = await createUser(testApp.prisma);
    const claims = { sub: user.id, org: organization.id, kind: organization.kind, role: user.role, status: organization.status };
    const me = (authorization?: string) =>
      testApp.app.inject({ method: "GET", url: "/api/me", headers: authorization ? { authorization } : {} });

    expect((await me()).json().error.code).toBe("UNAUTHENTICATED");
    const forged = testApp.app.jwt.sign(claims).replace(/\.[^.]+$/, ".forgedsignature");
    expect((await me(`Bearer ${forged}`)).statusCode).toBe(401);
    // Issued an hour ago with a one-minute lifetime.
    const expired = testApp.app.jwt.sign({ ...claims, iat: Math.floor(Date.now() / 1000) - 3600 } as typeof claims, { expiresIn: 60 });
    const response = await me(`Bearer ${expired}`);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("SESSION_EXPIRED");
    expect((await me(`Bearer ${testApp.app.jwt.sign(claims)}`)).statusCode).toBe(200);
  });
});
