import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TEST_PASSWORD } from "../../support/fixtures.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { signedGrantBody } from "../delegations/signing-fixtures.ts";
import { addUser, createOrganizationWithRepresentative, fieldsOf, signInForRefreshToken, type OrgUser } from "./org-fixtures.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await buildTestApp({ PUBLIC_URL: "https://pwp.example.test" });
});
afterAll(() => testApp?.close());

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

function call(method: "GET" | "POST" | "PATCH" | "DELETE", url: string, auth?: string, payload?: unknown) {
  return testApp.app.inject({
    method,
    url,
    ...(auth ? { headers: { authorization: auth } } : {}),
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}

async function invite(representative: OrgUser, email: string, role = "STAFF") {
  const response = await call("POST", "/api/users/invitations", representative.auth, { email, role });
  expect(response.statusCode).toBe(201);
  const body = response.json();
  return { ...body, token: String(body.invitationUrl).split("/invitations/")[1] as string };
}

function refresh(token: string) {
  return testApp.app.inject({ method: "POST", url: "/api/auth/refresh", cookies: { pwp_refresh: token } });
}

describe("GET /api/users", () => {
  it("lists the caller's organisation's users, and only theirs, without secrets", async () => {
    const { organization, representative } = await createOrganizationWithRepresentative(testApp);
    const staff = await addUser(testApp, organization.id, "STAFF");
    const other = await createOrganizationWithRepresentative(testApp);

    const response = await call("GET", "/api/users", staff.auth);
    expect(response.statusCode).toBe(200);
    const { users, nextCursor } = response.json();
    expect(nextCursor).toBeNull();
    expect(users.map((u: { id: string }) => u.id)).toEqual([representative.id, staff.id]);
    expect(users[1]).toEqual({
      id: staff.id,
      name: expect.any(String),
      email: staff.email,
      loginId: staff.loginId,
      role: "STAFF",
      isActive: true,
      lastSignInAt: null,
    });
    expect(response.body).not.toContain(other.representative.id);
    expect(response.body).not.toContain("passwordHash");
  });

  it("pages with a keyset cursor and refuses a cursor it did not give out", async () => {
    const { organization, representative } = await createOrganizationWithRepresentative(testApp);
    const members = [await addUser(testApp, organization.id), await addUser(testApp, organization.id)];
    const first = (await call("GET", "/api/users?limit=2", representative.auth)).json();
    expect(first.users.map((u: { id: string }) => u.id)).toEqual([representative.id, members[0]!.id]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await call("GET", `/api/users?limit=2&cursor=${first.nextCursor}`, representative.auth)).json();
    expect(second.users.map((u: { id: string }) => u.id)).toEqual([members[1]!.id]);
    expect(second.nextCursor).toBeNull();

    const bad = await call("GET", "/api/users?cursor=bm90LWEtY3Vyc29y", representative.auth);
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toEqual(["querystring.cursor"]);
    expect((await call("GET", "/api/users?limit=101", representative.auth)).statusCode).toBe(400);
  });

  it("needs a session, and an approved organisation", async () => {
    expect((await call("GET", "/api/users")).statusCode).toBe(401);
    expect((await call("GET", "/api/users/invitations")).statusCode).toBe(401);
    expect((await call("POST", "/api/users/invitations", undefined, { email: "someone@example.test", role: "STAFF" })).statusCode).toBe(401);
    expect((await call("DELETE", `/api/users/invitations/${randomUUID()}`)).statusCode).toBe(401);
    const pending = await createOrganizationWithRepresentative(testApp, "PENDING");
    expect((await call("GET", "/api/users", pending.representative.auth)).statusCode).toBe(403);
  });
});

describe("invitations", () => {
  it("lets the representative invite: a single-use link under PUBLIC_URL, valid 7 days, stored only as SHA-256", async () => {
    const { organization, representative } = await createOrganizationWithRepresentative(testApp);
    const before = Date.now();
    const response = await call("POST", "/api/users/invitations", representative.auth, { email: "New.Person@Example.TEST", role: "MANAGER" });
    expect(response.statusCode).toBe(201);
    expect(response.headers["cache-control"]).toBe("no-store");
    const { invitation, invitationUrl } = response.json();
    expect(invitation).toMatchObject({ email: "new.person@example.test", role: "MANAGER", invitedBy: { id: representative.id } });
    const expiresIn = new Date(invitation.expiresAt).getTime() - before;
    expect(expiresIn).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(expiresIn).toBeLessThan(7 * 86_400_000 + 60_000);
    expect(invitationUrl).toMatch(/^https:\/\/pwp\.example\.test\/invitations\/[A-Za-z0-9_-]{43}$/);

    const token = invitationUrl.split("/invitations/")[1];
    const stored = await testApp.prisma.userInvitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(stored.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.organizationId).toBe(organization.id);
    const audit = await testApp.prisma.auditEvent.findFirst({ where: { action: "users.invited", targetId: invitation.id } });
    expect(audit?.actorUserId).toBe(representative.id);
  });

  it("refuses an address that already has an account, naming body.email", async () => {
    const { representative } = await createOrganizationWithRepresentative(testApp);
    const elsewhere = await createOrganizationWithRepresentative(testApp);
    const response = await call("POST", "/api/users/invitations", representative.auth, { email: elsewhere.representative.email.toUpperCase(), role: "STAFF" });
    expect(response.statusCode).toBe(409);
    expect(fieldsOf(response.json())).toEqual(["body.email"]);
  });

  it.each([
    [{ email: "someone@example.test", role: "REPRESENTATIVE" }, "body.role"],
    [{ email: "not an address", role: "STAFF" }, "body.email"],
    [{ role: "STAFF" }, "body.email"],
    [{ email: "someone@example.test", role: "STAFF", organizationId: "x" }, "body.organizationId"],
  ])("refuses %j naming %s", async (payload, field) => {
    const { representative } = await createOrganizationWithRepresentative(testApp);
    const response = await call("POST", "/api/users/invitations", representative.auth, payload);
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())).toContain(field);
  });

  it("replaces a pending invitation to the same address: the earlier link stops working", async () => {
    const { representative } = await createOrganizationWithRepresentative(testApp);
    const first = await invite(representative, "twice@example.test");
    const second = await invite(representative, "twice@example.test", "MANAGER");
    expect((await call("GET", `/api/invitations/${first.token}`)).statusCode).toBe(404);
    expect((await call("GET", `/api/invitations/${second.token}`)).json().role).toBe("MANAGER");
    const pending = (await call("GET", "/api/users/invitations", representative.auth)).json().invitations;
    expect(pending.map((i: { id: string }) => i.id)).toEqual([second.invitation.id]);
  });

  it("lists and revokes pending invitations, for the representative of that organisation only", async () => {
    const { organization, representative } = await createOrganizationWithRepresentative(testApp);
    const manager = await addUser(testApp, organization.id, "MANAGER");
    const other = await createOrganizationWithRepresentative(testApp);
    const created = await invite(representative, "revoke-me@example.test");

    expect((await call("GET", "/api/users/invitations", manager.auth)).statusCode).toBe(403);
    expect((await call("POST", "/api/users/invitations", manager.auth, { email: "x@example.test", role: "STAFF" })).statusCode).toBe(403);
    expect((await call("DELETE", `/api/users/invitations/${created.invitation.id}`, manager.auth)).statusCode).toBe(403);
    const otherList = await call("GET", "/api/users/invitations", other.representative.auth);
    expect(otherList.json().invitations).toEqual([]);
    const otherRevoke = await call("DELETE", `/api/users/invitations/${created.invitation.id}`, other.representative.auth);
    expect(otherRevoke.statusCode).toBe(404);
    expect(otherRevoke.body).not.toContain("revoke-me");

    const revoked = await call("DELETE", `/api/users/invitations/${created.invitation.id}`, representative.auth);
    expect(revoked.statusCode).toBe(204);
    expect((await call("GET", `/api/invitations/${created.token}`)).statusCode).toBe(404);
    expect((await call("DELETE", `/api/users/invitations/${created.invitation.id}`, representative.auth)).statusCode).toBe(409);
    expect((await call("GET", "/api/users/invitations", representative.auth)).json().invitations).toEqual([]);
    expect(await testApp.prisma.auditEvent.count({ where: { action: "users.invitation_revoked", targetId: created.invitation.id } })).toBe(1);
  });

  it("shows the invitee the organisation, address and role", async () => {
    const { organization, representative } = await createOrganizationWithRepresentative(testApp);
    const created = await invite(representative, "preview@example.test", "MANAGER");
    const response = await call("GET", `/api/invitations/${created.token}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      organization: { nameLocal: organization.nameLocal, nameLatin: organization.nameLatin, kind: "CONTRACTOR", country: "KR" },
      email: "preview@example.test",
      role: "MANAGER",
      expiresAt: created.invitation.expiresAt,
    });
  });

  it("answers one and the same 404 for an unknown, expired, revoked or used link", async () => {
    const { representative } = await createOrganizationWithRepresentative(testApp);
    const expired = await invite(representative, "expired@example.test");
    await testApp.prisma.userInvitation.update({ where: { id: expired.invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const revoked = await invite(representative, "revoked@example.test");
    await call("DELETE", `/api/users/invitations/${revoked.invitation.id}`, representative.auth);
    const used = await invite(representative, "used@example.test");
    expect((await call("POST", `/api/invitations/${used.token}/accept`, undefined, { name: "Used", loginId: "used-one", password: "a long enough password" })).statusCode).toBe(201);
    const unknown = "A".repeat(43);

    const bodies = [];
    for (const token of [unknown, expired.token, revoked.token, used.token]) {
      const preview = await call("GET", `/api/invitations/${token}`);
      expect(preview.statusCode).toBe(404);
      const accept = await call("POST", `/api/invitations/${token}/accept`, undefined, { name: "X", loginId: "someone", password: "a long enough password" });
      expect(accept.statusCode).toBe(404);
      bodies.push(preview.body, accept.body);
    }
    expect(new Set(bodies).size).toBe(1);
    expect((await call("GET", "/api/invitations/short")).statusCode).toBe(400);
  });

  it("accepting creates the user with the invitation's address and role; they can then sign in with the registration number", async () => {
    const { organization, representative } = await createOrganizationWithRepresentative(testApp);
    const created = await invite(representative, "Joiner@Example.test", "MANAGER");
    const response = await call("POST", `/api/invitations/${created.token}/accept`, undefined, {
      name: "  Kim Joiner ",
      loginId: "kim.joiner",
      password: "joiner password 123",
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({
      user: { id: expect.any(String), name: "Kim Joiner", email: "joiner@example.test", loginId: "kim.joiner", role: "MANAGER" },
      organization: { country: "KR", registrationNumber: organization.registrationNumber },
    });
    const invitation = await testApp.prisma.userInvitation.findUniqueOrThrow({ where: { id: created.invitation.id } });
    expect(invitation.acceptedAt).not.toBeNull();
    expect(invitation.acceptedUserId).toBe(body.user.id);

    const signIn = await call("POST", "/api/auth/sign-in", undefined, {
      registrationNumber: organization.registrationNumber,
      loginId: "kim.joiner",
      password: "joiner password 123",
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().user).toMatchObject({ id: body.user.id, role: "MANAGER", organization: { id: organization.id } });
    expect(await testApp.prisma.auditEvent.count({ where: { action: "users.invitation_accepted", targetId: body.user.id } })).toBe(1);
  });

  it("lets a link be used once even when two acceptances race", async () => {
    const { representative } = await createOrganizationWithRepresentative(testApp);
    const created = await invite(representative, "race@example.test");
    const accept = (loginId: string) =>
      call("POST", `/api/invitations/${created.token}/accept`, undefined, { name: "Racer", loginId, password: "race password 123" });
    const responses = await Promise.all([accept("racer-a"), accept("racer-b")]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 404]);
    expect(await testApp.prisma.user.count({ where: { email: "race@example.test" } })).toBe(1);
  });

  it("refuses a user ID taken in the organisation naming body.loginId, and leaves the link usable", async () => {
    const { representative } = await createOrganizationWithRepresentative(testApp);
    const created = await invite(representative, "taken@example.test");
    const taken = await call("POST", `/api/invitations/${created.token}/accept`, undefined, {
      name: "Taken",
      loginId: representative.loginId,
      password: "taken password 123",
    });
    expect(taken.statusCode).toBe(409);
    expect(fieldsOf(taken.json())).toEqual(["body.loginId"]);
    expect((await call("GET", `/api/invitations/${created.token}`)).statusCode).toBe(200);
  });

  it.each([
    [{ name: "A", loginId: "valid-id", password: "too short" }, "body.password"],
    [{ name: "   ", loginId: "valid-id", password: "long enough password" }, "body.name"],
    [{ name: "A", loginId: "has space", password: "long enough password" }, "body.loginId"],
    [{ name: "A", loginId: "valid-id", password: "long enough password", role: "REPRESENTATIVE" }, "body.role"],
  ])("refuses acceptance %j naming %s", async (payload, field) => {
    const { representative } = await createOrganizationWithRepresentative(testApp);
    const created = await invite(representative, `bad-${Math.random().toString(36).slice(2)}@example.test`);
    const response = await call("POST", `/api/invitations/${created.token}/accept`, undefined, payload);
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())).toContain(field);
  });
});

describe("PATCH /api/users/:userId", () => {
  it("changes a role, with an audit event", async () => {
    const { organization, representative } = await createOrganizationWithRepresentative(testApp);
    const staff = await addUser(testApp, organization.id, "STAFF");
    const response = await call("PATCH", `/api/users/${staff.id}`, representative.auth, { role: "MANAGER" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: staff.id, role: "MANAGER", isActive: true });
    const audit = await testApp.prisma.auditEvent.findFirst({ where: { action: "users.role_changed", targetId: staff.id } });
    expect(audit?.data).toMatchObject({ role: { from: "STAFF", to: "MANAGER" } });
  });

  it("deactivates in one go: sessions end and every delegation the user holds or granted is revoked with its branch", async () => {
    const { organization, representative } = await createOrganizationWithRepresentative(testApp);
    const agent = await addUser(testApp, organization.id, "MANAGER");
    const subAgent = await addUser(testApp, organization.id, "STAFF");
    const bystander = await addUser(testApp, organization.id, "STAFF");
    const refreshToken = await signInForRefreshToken(testApp, agent.email);
    const period = { validFrom: new Date().toISOString(), validUntil: new Date(Date.now() + 86_400_000).toISOString() };
    // Grants are signed by their grantor (see the delegations tests).
    const grant = async (grantor: typeof agent, body: Parameters<typeof signedGrantBody>[2]) =>
      (await call("POST", "/api/delegations", grantor.auth, await signedGrantBody(testApp, grantor, body))).json();
    const root = await grant(representative, { agentId: agent.id, scopes: ["CONTRACTS", "BILLING"], ...period });
    const sub = await grant(agent, { agentId: subAgent.id, scopes: ["CONTRACTS"], ...period });
    const unrelated = await grant(representative, { agentId: bystander.id, scopes: ["GUARANTEES"], ...period });
    expect(sub.parentId).toBe(root.id);

    const response = await call("PATCH", `/api/users/${agent.id}`, representative.auth, { isActive: false });
    expect(response.statusCode).toBe(200);
    expect(response.json().isActive).toBe(false);

    expect((await refresh(refreshToken)).statusCode).toBe(401);
    const tokens = await testApp.prisma.refreshToken.findMany({ where: { userId: agent.id } });
    expect(tokens.every((t) => t.revokedReason === "USER_DEACTIVATED" && t.revokedAt !== null)).toBe(true);
    const delegations = await testApp.prisma.delegation.findMany({ where: { organizationId: organization.id } });
    const byId = new Map(delegations.map((d) => [d.id, d]));
    expect(byId.get(root.id)?.revokedReason).toBe("USER_DEACTIVATED");
    expect(byId.get(sub.id)?.revokedReason).toBe("USER_DEACTIVATED");
    expect(byId.get(unrelated.id)?.revokedAt).toBeNull();
    const audit = await testApp.prisma.auditEvent.findFirst({ where: { action: "users.deactivated", targetId: agent.id } });
    expect(audit?.data).toMatchObject({ revokedDelegationIds: [root.id, sub.id] });

    const signIn = await call("POST", "/api/auth/sign-in", undefined, { email: agent.email, password: TEST_PASSWORD });
    expect(signIn.json().error.code).toBe("ACCOUNT_DISABLED");

    const reactivated = await call("PATCH", `/api/users/${agent.id}`, representative.auth, { isActive: true });
    expect(reactivated.json().isActive).toBe(true);
    expect((await call("POST", "/api/auth/sign-in", undefined, { email: agent.email, password: TEST_PASSWORD })).statusCode).toBe(200);
    expect(await testApp.prisma.auditEvent.count({ where: { action: "users.reactivated", targetId: agent.id } })).toBe(1);
  });

  it("refuses changes to oneself and to the representative", async () => {
    const { organization, representative } = await createOrganizationWithRepresentative(testApp);
    const self = await call("PATCH", `/api/users/${representative.id}`, representative.auth, { isActive: false });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toMatch(/your own/);
    const anotherRepresentative = await addUser(testApp, organization.id, "REPRESENTATIVE");
    const onRepresentative = await call("PATCH", `/api/users/${anotherRepresentative.id}`, representative.auth, { role: "STAFF" });
    expect(onRepresentative.statusCode).toBe(403);
    expect(onRepresentative.json().error.message).toMatch(/representative/);
  });

  it("is for the representative of the user's own organisation only", async () => {
    const { organization } = await createOrganizationWithRepresentative(testApp);
    const manager = await addUser(testApp, organization.id, "MANAGER");
    const staff = await addUser(testApp, organization.id, "STAFF");
    const other = await createOrganizationWithRepresentative(testApp);
    expect((await call("PATCH", `/api/users/${staff.id}`, manager.auth, { role: "MANAGER" })).statusCode).toBe(403);
    const crossOrg = await call("PATCH", `/api/users/${staff.id}`, other.representative.auth, { isActive: false });
    expect(crossOrg.statusCode).toBe(404);
    expect(crossOrg.body).not.toContain(staff.email);
    expect((await call("PATCH", `/api/users/${staff.id}`, undefined, { isActive: false })).statusCode).toBe(401);
    expect((await testApp.prisma.user.findUniqueOrThrow({ where: { id: staff.id } })).isActive).toBe(true);
  });

  it.each([
    [{}, "body"],
    [{ role: "REPRESENTATIVE" }, "body.role"],
    [{ isActive: "no" }, "body.isActive"],
  ])("refuses %j naming %s", async (payload, field) => {
    const { organization, representative } = await createOrganizationWithRepresentative(testApp);
    const staff = await addUser(testApp, organization.id);
    const response = await call("PATCH", `/api/users/${staff.id}`, representative.auth, payload);
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())).toContain(field);
    expect((await call("PATCH", "/api/users/not-a-uuid", representative.auth, { role: "STAFF" })).statusCode).toBe(400);
  });
});

describe("POST /api/me/password", () => {
  it("changes the password and ends every session; the new password signs in", async () => {
    const { organization } = await createOrganizationWithRepresentative(testApp);
    const staff = await addUser(testApp, organization.id);
    const refreshToken = await signInForRefreshToken(testApp, staff.email);
    const response = await call("POST", "/api/me/password", staff.auth, { currentPassword: TEST_PASSWORD, newPassword: "a brand new password" });
    expect(response.statusCode).toBe(204);
    expect((await refresh(refreshToken)).statusCode).toBe(401);
    expect((await call("POST", "/api/auth/sign-in", undefined, { email: staff.email, password: TEST_PASSWORD })).statusCode).toBe(401);
    expect((await call("POST", "/api/auth/sign-in", undefined, { email: staff.email, password: "a brand new password" })).statusCode).toBe(200);
    expect(await testApp.prisma.auditEvent.count({ where: { action: "users.password_changed", targetId: staff.id } })).toBe(1);
  });

  it("refuses a wrong current password naming body.currentPassword, and a short new one naming body.newPassword", async () => {
    const { organization } = await createOrganizationWithRepresentative(testApp);
    const staff = await addUser(testApp, organization.id);
    const wrong = await call("POST", "/api/me/password", staff.auth, { currentPassword: "not it", newPassword: "a brand new password" });
    expect(wrong.statusCode).toBe(400);
    expect(fieldsOf(wrong.json())).toEqual(["body.currentPassword"]);
    const short = await call("POST", "/api/me/password", staff.auth, { currentPassword: TEST_PASSWORD, newPassword: "short" });
    expect(fieldsOf(short.json())).toEqual(["body.newPassword"]);
    const same = await call("POST", "/api/me/password", staff.auth, { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(fieldsOf(same.json())).toEqual(["body.newPassword"]);
  });

  it("works while the organisation is under review, and needs a session", async () => {
    const pending = await createOrganizationWithRepresentative(testApp, "PENDING");
    const response = await call("POST", "/api/me/password", pending.representative.auth, { currentPassword: TEST_PASSWORD, newPassword: "pending org password" });
    expect(response.statusCode).toBe(204);
    expect((await call("POST", "/api/me/password", undefined, { currentPassword: "x", newPassword: "long enough pw" })).statusCode).toBe(401);
  });
});

describe("password reset", () => {
  /** The link is logged outside production until e-mail delivery exists; the tests read it from there. */
  async function requestResetToken(email: string): Promise<string | undefined> {
    const info = vi.spyOn(testApp.app.log, "info");
    try {
      const response = await call("POST", "/api/auth/password-reset", undefined, { email });
      expect(response.statusCode).toBe(202);
      const logged = info.mock.calls.map((args) => (args[0] as { link?: string }).link).find(Boolean);
      return logged?.split("token=")[1];
    } finally {
      info.mockRestore();
    }
  }

  it("answers the same whether or not the address has an account (no enumeration)", async () => {
    const { representative } = await createOrganizationWithRepresentative(testApp);
    const known = await call("POST", "/api/auth/password-reset", undefined, { email: representative.email.toUpperCase() });
    const unknown = await call("POST", "/api/auth/password-reset", undefined, { email: "nobody-here@example.test" });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    expect(known.json()).toEqual({ status: "accepted" });
    expect(await testApp.prisma.passwordResetToken.count({ where: { userId: representative.id } })).toBe(1);
    expect((await call("POST", "/api/auth/password-reset", undefined, { email: "not an address" })).statusCode).toBe(400);
  });

  it("sets a new password once with the logged link, lifts a lockout and ends every session", async () => {
    const { organization } = await createOrganizationWithRepresentative(testApp);
    const staff = await addUser(testApp, organization.id);
    const refreshToken = await signInForRefreshToken(testApp, staff.email);
    await testApp.prisma.user.update({ where: { id: staff.id }, data: { lockedUntil: new Date(Date.now() + 600_000), failedSignInCount: 4 } });
    const token = await requestResetToken(staff.email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await testApp.prisma.passwordResetToken.findFirstOrThrow({ where: { userId: staff.id } });
    expect(stored.tokenHash).toBe(sha256(token!));
    const expiresIn = stored.expiresAt.getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(59 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(60 * 60_000);

    const confirm = await call("POST", "/api/auth/password-reset/confirm", undefined, { token, newPassword: "reset password 123" });
    expect(confirm.statusCode).toBe(204);
    const user = await testApp.prisma.user.findUniqueOrThrow({ where: { id: staff.id } });
    expect(user.lockedUntil).toBeNull();
    expect(user.failedSignInCount).toBe(0);
    expect((await refresh(refreshToken)).statusCode).toBe(401);
    expect((await call("POST", "/api/auth/sign-in", undefined, { email: staff.email, password: "reset password 123" })).statusCode).toBe(200);

    const again = await call("POST", "/api/auth/password-reset/confirm", undefined, { token, newPassword: "another password 456" });
    expect(again.statusCode).toBe(400);
    expect(fieldsOf(again.json())).toEqual(["body.token"]);
    expect(await testApp.prisma.auditEvent.count({ where: { action: "users.password_reset", targetId: staff.id } })).toBe(1);
  });

  it("refuses an expired, superseded or unknown token naming body.token", async () => {
    const { organization } = await createOrganizationWithRepresentative(testApp);
    const staff = await addUser(testApp, organization.id);
    const expired = await requestResetToken(staff.email);
    await testApp.prisma.passwordResetToken.updateMany({ where: { userId: staff.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const superseded = await requestResetToken(staff.email);
    await requestResetToken(staff.email);
    for (const token of [expired, superseded, "unknown-token"]) {
      const response = await call("POST", "/api/auth/password-reset/confirm", undefined, { token, newPassword: "whatever password" });
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json())).toEqual(["body.token"]);
    }
  });

  it("creates no token for a deactivated account", async () => {
    const { organization } = await createOrganizationWithRepresentative(testApp);
    const inactive = await addUser(testApp, organization.id, "STAFF", false);
    expect(await requestResetToken(inactive.email)).toBeUndefined();
    expect(await testApp.prisma.passwordResetToken.count({ where: { userId: inactive.id } })).toBe(0);
  });
});

describe("rate limits", () => {
  it("limits password-reset requests and invitation acceptances per address", async () => {
    const limited = await buildTestApp({ SIGN_IN_RATE_LIMIT_PER_MINUTE: "2" });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        statuses.push((await limited.app.inject({ method: "POST", url: "/api/auth/password-reset", payload: { email: "x@example.test" } })).statusCode);
      }
      expect(statuses).toEqual([202, 202, 429]);
      const token = "B".repeat(43);
      const accepts = [];
      for (let i = 0; i < 3; i++) {
        accepts.push(
          (await limited.app.inject({ method: "POST", url: `/api/invitations/${token}/accept`, payload: { name: "x", loginId: "xyz", password: "long enough pw" } }))
            .statusCode,
        );
      }
      expect(accepts).toEqual([404, 404, 429]);
    } finally {
      await limited.close();
    }
  });
});
