// Ops find organisations and suspend or reactivate them and their users; a suspension ends every session at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminOrganization, AdminOrganizationDetail, AdminOrganizationList, AdminUser } from "@pwp/shared/admin-console";
import { createUser, TEST_PASSWORD } from "../../support/fixtures.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { bearer, signIn, signInOps } from "../registration/registration-helpers.ts";

let testApp: TestApp;
let ops: { token: string; passwordToken: string; user: { id: string; organizationId: string } };

beforeAll(async () => {
  testApp = await buildTestApp();
  ops = await signInOps(testApp.app, testApp.prisma);
});
afterAll(async () => {
  await testApp.close();
});

async function call<T>(method: "GET" | "POST", url: string, token: string | null, payload?: object) {
  const response = await testApp.app.inject({ method, url, ...(token ? { headers: bearer(token) } : {}), ...(payload ? { payload } : {}) });
  return { status: response.statusCode, body: response.json<T & { error: { code: string; message: string; fields?: Array<{ field: string }> } }>() };
}

const refresh = (cookie: string) => testApp.app.inject({ method: "POST", url: "/api/auth/refresh", cookies: { pwp_refresh: cookie } });
const signInStatus = async (email: string) =>
  (await testApp.app.inject({ method: "POST", url: "/api/auth/sign-in", payload: { email, password: TEST_PASSWORD } })).json<{ error?: { code: string; message: string } }>();

async function memberWithSession(kind: "CONTRACTOR" | "ORDERER" = "CONTRACTOR") {
  const { organization, user } = await createUser(testApp.prisma, { kind, role: "REPRESENTATIVE" });
  const session = await signIn(testApp.app, user.email, TEST_PASSWORD);
  return { organization, user, ...session };
}

describe("organisations", () => {
  it("are found by name or registration number and filtered, and open with their users", async () => {
    const member = await memberWithSession("ORDERER");
    const byNumber = await call<AdminOrganizationList>("GET", `/api/admin/organizations?q=${member.organization.registrationNumber.slice(0, 6)}`, ops.token);
    expect(byNumber.status).toBe(200);
    expect(byNumber.body.organizations.map((organization) => organization.id)).toContain(member.organization.id);
    const byName = await call<AdminOrganizationList>("GET", `/api/admin/organizations?q=${encodeURIComponent(member.organization.nameLocal.slice(-8))}&kind=ORDERER`, ops.token);
    expect(byName.body.organizations.map((organization) => organization.id)).toEqual([member.organization.id]);
    const wrongKind = await call<AdminOrganizationList>("GET", `/api/admin/organizations?q=${encodeURIComponent(member.organization.nameLocal.slice(-8))}&kind=SURETY`, ops.token);
    expect(wrongKind.body.organizations).toEqual([]);

    const detail = await call<AdminOrganizationDetail>("GET", `/api/admin/organizations/${member.organization.id}`, ops.token);
    expect(detail.body.organization).toMatchObject({ id: member.organization.id, userCount: 1, suspendedAt: null });
    expect(detail.body.users).toEqual([expect.objectContaining({ id: member.user.id, email: member.user.email, suspendedAt: null })]);
    expect(JSON.stringify(detail.body)).not.toMatch(/passwordHash|argon/);
    expect((await call("GET", "/api/admin/organizations/00000000-0000-4000-8000-000000000000", ops.token)).status).toBe(404);
  });

  it("suspended: sessions end at once, sign-in and refresh are refused; reactivated: sign-in works again", async () => {
    const member = await memberWithSession();
    const colleague = await createUser(testApp.prisma, { kind: "CONTRACTOR" });
    await testApp.prisma.user.update({ where: { id: colleague.user.id }, data: { organizationId: member.organization.id } });
    expect((await call("GET", "/api/users", member.token)).status).toBe(200);

    const suspended = await call<AdminOrganization>("POST", `/api/admin/organizations/${member.organization.id}/suspension`, ops.token, { reason: "Unpaid fees since March" });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ suspensionReason: "Unpaid fees since March" });
    const refused = await call("GET", "/api/users", member.token);
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toContain("suspended");
    expect((await refresh(member.refreshCookie)).statusCode).toBe(401);
    expect(await signInStatus(member.user.email)).toMatchObject({ error: { code: "ACCOUNT_DISABLED", message: expect.stringContaining("organisation has been suspended") } });
    expect((await signInStatus(colleague.user.email)).error?.code).toBe("ACCOUNT_DISABLED");
    expect((await call("POST", `/api/admin/organizations/${member.organization.id}/suspension`, ops.token, { reason: "again" })).status).toBe(409);

    const event = await testApp.prisma.auditEvent.findFirstOrThrow({ where: { action: "admin.organization_suspended", targetId: member.organization.id } });
    expect(event.data).toMatchObject({ reason: "Unpaid fees since March", sessionsEnded: 1 });

    const reactivated = await call<AdminOrganization>("POST", `/api/admin/organizations/${member.organization.id}/reactivation`, ops.token, { reason: "Paid" });
    expect(reactivated.body.suspendedAt).toBeNull();
    const again = await signIn(testApp.app, member.user.email, TEST_PASSWORD);
    expect((await call("GET", "/api/users", again.token)).status).toBe(200);
    expect((await call("POST", `/api/admin/organizations/${member.organization.id}/reactivation`, ops.token, { reason: "twice" })).status).toBe(409);
  });

  it("refuses ops' own organisation, a missing reason, and anyone but ops", async () => {
    const member = await memberWithSession();
    const own = await call("POST", `/api/admin/organizations/${ops.user.organizationId}/suspension`, ops.token, { reason: "oops" });
    expect(own.status).toBe(409);
    const blank = await call("POST", `/api/admin/organizations/${member.organization.id}/suspension`, ops.token, { reason: "   " });
    expect(blank.status).toBe(400);
    expect(blank.body.error.fields?.[0]?.field).toBe("body.reason");
    expect((await call("POST", `/api/admin/organizations/${member.organization.id}/suspension`, member.token, { reason: "x" })).status).toBe(403);
    expect((await call("GET", "/api/admin/organizations", member.token)).status).toBe(403);
    expect((await call("GET", "/api/admin/organizations", null)).status).toBe(401);
    expect((await call("POST", `/api/admin/users/${member.user.id}/suspension`, member.token, { reason: "x" })).status).toBe(403);
    const organization = await testApp.prisma.organization.findUniqueOrThrow({ where: { id: member.organization.id } });
    expect(organization.suspendedAt).toBeNull();
  });
});

describe("users", () => {
  it("suspended alone: that user is signed out, a colleague is not; reactivation restores sign-in", async () => {
    const member = await memberWithSession();
    const colleague = await createUser(testApp.prisma, { kind: "CONTRACTOR" });
    await testApp.prisma.user.update({ where: { id: colleague.user.id }, data: { organizationId: member.organization.id } });
    const colleagueSession = await signIn(testApp.app, colleague.user.email, TEST_PASSWORD);

    const suspended = await call<AdminUser>("POST", `/api/admin/users/${member.user.id}/suspension`, ops.token, { reason: "Left the company" });
    expect(suspended.status).toBe(200);
    expect(suspended.body.suspensionReason).toBe("Left the company");
    expect((await call("GET", "/api/users", member.token)).status).toBe(401);
    expect((await refresh(member.refreshCookie)).statusCode).toBe(401);
    expect((await signInStatus(member.user.email)).error?.message).toContain("This account has been suspended");
    expect((await call("GET", "/api/users", colleagueSession.token)).status).toBe(200);
    expect((await call("POST", `/api/admin/users/${ops.user.id}/suspension`, ops.token, { reason: "me" })).status).toBe(409);

    await call("POST", `/api/admin/users/${member.user.id}/reactivation`, ops.token, { reason: "Came back" });
    expect((await signInStatus(member.user.email)).error).toBeUndefined();
    expect((await call("POST", "/api/admin/users/00000000-0000-4000-8000-000000000000/suspension", ops.token, { reason: "x" })).status).toBe(404);
  });
});

describe("ops sessions", () => {
  it("need a certificate sign-in: a password session opens only the certificate page, and the requirement cannot be turned off", async () => {
    const refused = await call("GET", "/api/admin/organizations", ops.passwordToken);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("CERTIFICATE_REQUIRED");
    expect((await call("GET", "/api/certificates", ops.passwordToken)).status).toBe(200);
    const me = await call<{ organization: { requireCertificateSignIn: boolean } }>("GET", "/api/me", ops.passwordToken);
    expect(me.body.organization.requireCertificateSignIn).toBe(true);
    const off = await testApp.app.inject({ method: "PATCH", url: "/api/organizations/current/settings", headers: bearer(ops.token), payload: { requireCertificateSignIn: false } });
    expect(off.statusCode).toBe(409);
    expect(off.json().error.message).toContain("Ops always sign in with a certificate");
  });
});
