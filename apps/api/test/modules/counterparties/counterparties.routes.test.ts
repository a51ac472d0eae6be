import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrganizationKind, OrganizationStatus, UserRole } from "@pwp/shared/enums";
import { formatRegistrationNumber } from "@pwp/shared/registration-number";
import { createOrganization, createUser, makeRegistrationNumber } from "../../support/fixtures.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await buildTestApp({ PUBLIC_URL: "https://pwp.example.test" });
});
afterAll(() => testApp?.close());

type Member = Awaited<ReturnType<typeof createMember>>;
type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** A user of a new organisation, with an access token as sign-in would issue it. */
async function createMember(options: { kind?: OrganizationKind; role?: UserRole; status?: OrganizationStatus } = {}) {
  const { user, organization } = await createUser(testApp.prisma, { kind: options.kind ?? "ORDERER", role: options.role ?? "STAFF", status: options.status ?? "APPROVED" });
  const token = testApp.app.jwt.sign({ sub: user.id, org: organization.id, kind: organization.kind, role: user.role, status: organization.status });
  return { user, organization, authorization: `Bearer ${token}` };
}

/** Another user of the same organisation. */
async function addColleague(member: Member, role: UserRole) {
  const user = await testApp.prisma.user.create({
    data: {
      organizationId: member.organization.id,
      loginId: `colleague-${role}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
      email: `colleague-${Math.random().toString(36).slice(2)}@example.test`,
      name: `Colleague ${role}`,
      role,
      passwordHash: "not used",
    },
  });
  const token = testApp.app.jwt.sign({ sub: user.id, org: member.organization.id, kind: member.organization.kind, role, status: "APPROVED" });
  return { ...member, user, authorization: `Bearer ${token}` };
}

function call(member: Member | null, method: HttpMethod, url: string, payload?: object) {
  return testApp.app.inject({
    method,
    url,
    ...(member ? { headers: { authorization: member.authorization } } : {}),
    ...(payload !== undefined ? { payload } : {}),
  });
}

function inviteBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: "CONTRACTOR",
    country: "KR",
    registrationNumber: makeRegistrationNumber("KR"),
    name: `가람토건 ${Math.random().toString(36).slice(2, 8)}`,
    contact: { name: "강가람", department: "공무팀", phone: "031-555-0100", email: "garam@garam.example" },
    ...overrides,
  };
}

function tokenOf(invitationUrl: string): string {
  const token = new URL(invitationUrl).searchParams.get("invitation");
  if (!token) throw new Error(`no token in ${invitationUrl}`);
  return token;
}

function preview(token: string) {
  return testApp.app.inject({ method: "GET", url: `/api/counterparty-invitations/${encodeURIComponent(token)}` });
}

/** Any registration number differing from `digits` only in its check digit, which is therefore wrong. */
function withWrongCheckDigit(digits: string, position: "first" | "last"): string {
  const index = position === "last" ? digits.length - 1 : 0;
  const current = Number(digits[index]);
  const replacement = String(position === "first" ? (current % 9) + 1 : (current + 1) % 10);
  return digits.slice(0, index) + replacement + digits.slice(index + 1);
}

function fieldsOf(response: { json(): unknown }): string[] {
  const body = response.json() as { error: { fields?: { field: string }[] } };
  return (body.error.fields ?? []).map((field) => field.field);
}

describe("platform organisation search", () => {
  it("finds approved organisations by local or Latin name and by number prefix, with no contact data", async () => {
    const caller = await createMember({ kind: "ORDERER" });
    const tag = Math.random().toString(36).slice(2, 8);
    const contractor = await testApp.prisma.organization.create({
      data: {
        kind: "CONTRACTOR",
        country: "KR",
        status: "APPROVED",
        registrationNumber: makeRegistrationNumber("KR"),
        nameLocal: `한빛건설 ${tag}`,
        nameLatin: `Hanbit Construction ${tag}`,
        representativeName: "김대표",
        address: "서울특별시 중구 세종대로 110",
        contactName: "박담당",
        contactEmail: `secret-${tag}@hanbit.example`,
        contactPhone: "02-1234-5678",
      },
    });

    const byLocal = await call(caller, "GET", `/api/organizations/search?q=${encodeURIComponent(`한빛건설 ${tag}`)}`);
    expect(byLocal.statusCode).toBe(200);
    expect(byLocal.json().items).toEqual([
      {
        id: contractor.id,
        kind: "CONTRACTOR",
        country: "KR",
        registrationNumber: contractor.registrationNumber,
        nameLocal: contractor.nameLocal,
        nameLatin: contractor.nameLatin,
        isCounterparty: false,
      },
    ]);
    for (const secret of ["김대표", "세종대로", "박담당", `secret-${tag}`, "1234-5678"]) expect(byLocal.body).not.toContain(secret);

    const byLatin = await call(caller, "GET", `/api/organizations/search?q=${encodeURIComponent(`HANBIT construction ${tag}`)}`);
    expect(byLatin.json().items.map((item: { id: string }) => item.id)).toEqual([contractor.id]);

    const hyphenated = formatRegistrationNumber("KR", contractor.registrationNumber);
    const byNumber = await call(caller, "GET", `/api/organizations/search?q=${encodeURIComponent(hyphenated)}`);
    expect(byNumber.json().items.map((item: { id: string }) => item.id)).toEqual([contractor.id]);
    const byPrefix = await call(caller, "GET", `/api/organizations/search?q=${contractor.registrationNumber.slice(0, 8)}&limit=20`);
    expect(byPrefix.json().items.map((item: { id: string }) => item.id)).toContain(contractor.id);

    // Once added, the result says so.
    expect((await call(caller, "POST", "/api/counterparties", { organizationId: contractor.id })).statusCode).toBe(201);
    const again = await call(caller, "GET", `/api/organizations/search?q=${encodeURIComponent(tag)}`);
    expect(again.json().items).toEqual([expect.objectContaining({ id: contractor.id, isCounterparty: true })]);
  });

  it("never returns pending, on-hold, rejected or operator organisations, or the caller's own", async () => {
    const caller = await createMember({ kind: "CONTRACTOR" });
    const tag = `zz${Math.random().toString(36).slice(2, 8)}`;
    const name = (label: string) => ({ nameLocal: `${tag} ${label}`, nameLatin: `${tag} ${label}` });
    for (const status of ["PENDING", "ON_HOLD", "REJECTED"] as const) {
      await testApp.prisma.organization.create({
        data: { kind: "CONTRACTOR", country: "KR", status, registrationNumber: makeRegistrationNumber("KR"), ...name(status) },
      });
    }
    await testApp.prisma.organization.create({
      data: { kind: "OPERATOR", country: "KR", status: "APPROVED", registrationNumber: makeRegistrationNumber("KR"), ...name("operator") },
    });
    await testApp.prisma.organization.update({ where: { id: caller.organization.id }, data: name("own") });
    const approved = await testApp.prisma.organization.create({
      data: { kind: "SURETY", country: "JP", status: "APPROVED", registrationNumber: makeRegistrationNumber("JP"), ...name("approved") },
    });

    const response = await call(caller, "GET", `/api/organizations/search?q=${tag}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((item: { id: string }) => item.id)).toEqual([approved.id]);
    const byOwnNumber = await call(caller, "GET", `/api/organizations/search?q=${caller.organization.registrationNumber}`);
    expect(byOwnNumber.json().items).toEqual([]);
  });

  it("takes % and _ literally, and refuses a query under two characters or a limit over 20", async () => {
    const caller = await createMember();
    const wildcard = await call(caller, "GET", `/api/organizations/search?q=${encodeURIComponent("%%")}`);
    expect(wildcard.statusCode).toBe(200);
    expect(wildcard.json().items).toEqual([]);
    const underscore = await call(caller, "GET", `/api/organizations/search?q=__`);
    expect(underscore.json().items).toEqual([]);
    const tag = Math.random().toString(36).slice(2, 8);
    const literal = await testApp.prisma.organization.create({
      data: { kind: "CONTRACTOR", country: "KR", status: "APPROVED", registrationNumber: makeRegistrationNumber("KR"), nameLocal: `${tag} 100%_완료`, nameLatin: "" },
    });
    const found = await call(caller, "GET", `/api/organizations/search?q=${encodeURIComponent(`${tag} 100%_완`)}`);
    expect(found.json().items.map((item: { id: string }) => item.id)).toEqual([literal.id]);

    const short = await call(caller, "GET", "/api/organizations/search?q=a");
    expect(short.statusCode).toBe(400);
    expect(fieldsOf(short)).toEqual(["querystring.q"]);
    const blank = await call(caller, "GET", `/api/organizations/search?q=${encodeURIComponent("   ")}`);
    expect(blank.statusCode).toBe(400);
    expect(fieldsOf(blank)).toEqual(["querystring.q"]);
    const tooMany = await call(caller, "GET", "/api/organizations/search?q=test&limit=21");
    expect(tooMany.statusCode).toBe(400);
    expect(fieldsOf(tooMany)).toEqual(["querystring.limit"]);
  });
});

describe("adding a platform organisation", () => {
  it("copies kind, country, number and name from it, with no invitation, and records an audit event", async () => {
    const caller = await createMember({ kind: "CONTRACTOR" });
    const surety = await createOrganization(testApp.prisma, "SURETY", "JP");
    const response = await call(caller, "POST", "/api/counterparties", { organizationId: surety.id });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({
      id: expect.any(String),
      organizationId: surety.id,
      kind: "SURETY",
      country: "JP",
      registrationNumber: surety.registrationNumber,
      name: surety.nameLocal,
      isOnPlatform: true,
      invitation: null,
      contactCount: 0,
      createdAt: expect.any(String),
      contacts: [],
    });
    const audit = await testApp.prisma.auditEvent.findFirst({ where: { action: "counterparty.added", targetId: body.id } });
    expect(audit).toMatchObject({ actorUserId: caller.user.id, actorOrganizationId: caller.organization.id });

    const duplicate = await call(caller, "POST", "/api/counterparties", { organizationId: surety.id });
    expect(duplicate.statusCode).toBe(409);
    expect(fieldsOf(duplicate)).toEqual(["body.organizationId"]);
  });

  it("answers 404 for an organisation that is not approved or is an operator, and 400 for its own", async () => {
    const caller = await createMember();
    const pending = await createOrganization(testApp.prisma, "CONTRACTOR", "KR", "PENDING");
    const operator = await createOrganization(testApp.prisma, "OPERATOR", "KR", "APPROVED");
    for (const organization of [pending, operator]) {
      const response = await call(caller, "POST", "/api/counterparties", { organizationId: organization.id });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain(organization.nameLocal);
    }
    const own = await call(caller, "POST", "/api/counterparties", { organizationId: caller.organization.id });
    expect(own.statusCode).toBe(400);
    expect(fieldsOf(own)).toEqual(["body.organizationId"]);
    const mixed = await call(caller, "POST", "/api/counterparties", { organizationId: pending.id, name: "Other" });
    expect(mixed.statusCode).toBe(400);
    expect(fieldsOf(mixed)).toEqual(["body.name"]);
    expect(await testApp.prisma.counterparty.count({ where: { ownerOrganizationId: caller.organization.id } })).toBe(0);
  });
});

describe("registering a counterparty that is not on the platform", () => {
  it("creates it with its first contact and an invitation whose link pre-fills the registration form", async () => {
    const caller = await createMember({ kind: "ORDERER" });
    const input = inviteBody();
    const before = Date.now();
    const response = await call(caller, "POST", "/api/counterparties", {
      ...input,
      registrationNumber: formatRegistrationNumber("KR", input.registrationNumber),
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      organizationId: null,
      kind: "CONTRACTOR",
      country: "KR",
      registrationNumber: input.registrationNumber,
      name: input.name,
      isOnPlatform: false,
      contactCount: 1,
      invitation: { email: "garam@garam.example", acceptedAt: null },
      contacts: [{ name: "강가람", department: "공무팀", phone: "031-555-0100", email: "garam@garam.example" }],
    });
    const expiresIn = new Date(body.invitation.expiresAt).getTime() - before;
    expect(expiresIn).toBeGreaterThan(14 * 86_400_000 - 60_000);
    expect(expiresIn).toBeLessThan(14 * 86_400_000 + 60_000);
    expect(body.invitationUrl).toMatch(/^https:\/\/pwp\.example\.test\/register\?invitation=[A-Za-z0-9_-]{43}$/);

    // Only the SHA-256 of the token is stored.
    const token = tokenOf(body.invitationUrl);
    const stored = await testApp.prisma.counterparty.findUniqueOrThrow({ where: { id: body.id } });
    expect(stored.invitationTokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(token);
    const audit = await testApp.prisma.auditEvent.findFirst({ where: { action: "counterparty.invited", targetId: body.id } });
    expect(JSON.stringify(audit?.data)).not.toContain(token);

    const opened = await preview(token);
    expect(opened.statusCode).toBe(200);
    expect(opened.headers["cache-control"]).toBe("no-store");
    expect(opened.json()).toEqual({
      kind: "CONTRACTOR",
      country: "KR",
      registrationNumber: input.registrationNumber,
      name: input.name,
      contactName: "강가람",
      contactEmail: "garam@garam.example",
      invitedBy: { nameLocal: caller.organization.nameLocal, nameLatin: caller.organization.nameLatin },
    });

    // The detail never shows the link again.
    const detail = await call(caller, "GET", `/api/counterparties/${body.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toContain(token);
    expect(detail.json().invitationUrl).toBeUndefined();
  });

  it("answers one 404 for an unknown, expired or accepted invitation", async () => {
    const caller = await createMember();
    const expired = (await call(caller, "POST", "/api/counterparties", inviteBody())).json();
    const accepted = (await call(caller, "POST", "/api/counterparties", inviteBody())).json();
    await testApp.prisma.counterparty.update({ where: { id: expired.id }, data: { invitationExpiresAt: new Date(Date.now() - 1000) } });
    await testApp.prisma.counterparty.update({ where: { id: accepted.id }, data: { invitationAcceptedAt: new Date() } });

    const unknown = await preview("A".repeat(43));
    expect(unknown.statusCode).toBe(404);
    for (const url of [expired.invitationUrl, accepted.invitationUrl]) {
      const response = await preview(tokenOf(url));
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual(unknown.json());
    }
  });

  it("links instead of inviting when the number belongs to an approved organisation on the platform", async () => {
    const caller = await createMember({ kind: "CONTRACTOR" });
    const surety = await createOrganization(testApp.prisma, "SURETY", "KR");
    const response = await call(caller, "POST", "/api/counterparties", inviteBody({ kind: "ORDERER", registrationNumber: surety.registrationNumber, name: "Typed name" }));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      organizationId: surety.id,
      isOnPlatform: true,
      invitation: null,
      kind: "SURETY",
      name: surety.nameLocal,
      contacts: [{ name: "강가람", email: "garam@garam.example" }],
    });
    expect(body.invitationUrl).toBeUndefined();
    const stored = await testApp.prisma.counterparty.findUniqueOrThrow({ where: { id: body.id } });
    expect(stored.invitationTokenHash).toBeNull();
  });

  it("invites, not links, when the organisation with that number is still under review", async () => {
    const caller = await createMember();
    const pending = await createOrganization(testApp.prisma, "CONTRACTOR", "KR", "PENDING");
    const response = await call(caller, "POST", "/api/counterparties", inviteBody({ registrationNumber: pending.registrationNumber }));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ organizationId: null, isOnPlatform: false, name: expect.not.stringContaining(pending.nameLocal) });
    expect(response.json().invitationUrl).toBeDefined();
  });

  it("refuses a number already in the list with 409 naming the field, hyphens or not", async () => {
    const caller = await createMember();
    const input = inviteBody();
    expect((await call(caller, "POST", "/api/counterparties", input)).statusCode).toBe(201);
    const duplicate = await call(caller, "POST", "/api/counterparties", {
      ...inviteBody(),
      registrationNumber: formatRegistrationNumber("KR", input.registrationNumber),
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe("CONFLICT");
    expect(fieldsOf(duplicate)).toEqual(["body.registrationNumber"]);

    // Another organisation may keep the same counterparty.
    const other = await createMember();
    expect((await call(other, "POST", "/api/counterparties", input)).statusCode).toBe(201);
  });

  it("refuses a wrong check digit or length with 400 naming body.registrationNumber", async () => {
    const caller = await createMember();
    const korean = withWrongCheckDigit(makeRegistrationNumber("KR"), "last");
    const wrongKr = await call(caller, "POST", "/api/counterparties", inviteBody({ registrationNumber: korean }));
    expect(wrongKr.statusCode).toBe(400);
    expect(wrongKr.json().error.fields).toEqual([{ field: "body.registrationNumber", message: expect.stringContaining("check digit") }]);

    const japanese = withWrongCheckDigit(makeRegistrationNumber("JP"), "first");
    const wrongJp = await call(caller, "POST", "/api/counterparties", inviteBody({ country: "JP", registrationNumber: japanese }));
    expect(wrongJp.statusCode).toBe(400);
    expect(wrongJp.json().error.fields[0].message).toContain("check digit");

    // A valid Korean number is the wrong length for Japan.
    const wrongCountry = await call(caller, "POST", "/api/counterparties", inviteBody({ country: "JP" }));
    expect(wrongCountry.statusCode).toBe(400);
    expect(wrongCountry.json().error.fields).toEqual([{ field: "body.registrationNumber", message: expect.stringContaining("13 digits") }]);
    const letters = await call(caller, "POST", "/api/counterparties", inviteBody({ registrationNumber: "12345abcde" }));
    expect(fieldsOf(letters)).toEqual(["body.registrationNumber"]);
    expect(await testApp.prisma.counterparty.count({ where: { ownerOrganizationId: caller.organization.id } })).toBe(0);
  });

  it("names each missing or bad field", async () => {
    const caller = await createMember();
    const empty = await call(caller, "POST", "/api/counterparties", {});
    expect(empty.statusCode).toBe(400);
    expect(fieldsOf(empty).sort()).toEqual(["body.contact", "body.country", "body.kind", "body.name", "body.registrationNumber"]);

    const badContact = await call(caller, "POST", "/api/counterparties", inviteBody({ name: "  ", contact: { name: " ", email: "not-an-address", phone: "call me" } }));
    expect(badContact.statusCode).toBe(400);
    expect(fieldsOf(badContact).sort()).toEqual(["body.contact.email", "body.contact.name", "body.contact.phone", "body.name"]);

    const noEmail = await call(caller, "POST", "/api/counterparties", inviteBody({ contact: { name: "강가람", email: "" } }));
    expect(fieldsOf(noEmail)).toEqual(["body.contact.email"]);
    const operatorKind = await call(caller, "POST", "/api/counterparties", inviteBody({ kind: "OPERATOR" }));
    expect(fieldsOf(operatorKind)).toEqual(["body.kind"]);
    const unknownField = await call(caller, "POST", "/api/counterparties", inviteBody({ status: "APPROVED" }));
    expect(fieldsOf(unknownField)).toEqual(["body.status"]);
    const ownNumber = await call(caller, "POST", "/api/counterparties", inviteBody({ kind: "ORDERER", registrationNumber: caller.organization.registrationNumber }));
    expect(fieldsOf(ownNumber)).toEqual(["body.registrationNumber"]);
  });
});

describe("invitations", () => {
  it("issues a new link that replaces the old one", async () => {
    const caller = await createMember();
    const created = (await call(caller, "POST", "/api/counterparties", inviteBody())).json();
    const oldToken = tokenOf(created.invitationUrl);

    const reissued = await call(caller, "POST", `/api/counterparties/${created.id}/invitation`);
    expect(reissued.statusCode).toBe(200);
    const newToken = tokenOf(reissued.json().invitationUrl);
    expect(newToken).not.toBe(oldToken);
    expect(reissued.json().expiresAt).toEqual(expect.any(String));
    expect((await preview(oldToken)).statusCode).toBe(404);
    expect((await preview(newToken)).statusCode).toBe(200);
    expect(await testApp.prisma.auditEvent.count({ where: { action: "counterparty.invitation_reissued", targetId: created.id } })).toBe(1);
  });

  it("refuses a new link for a counterparty on the platform or one that already registered", async () => {
    const caller = await createMember();
    const platform = await createOrganization(testApp.prisma, "CONTRACTOR");
    const linked = (await call(caller, "POST", "/api/counterparties", { organizationId: platform.id })).json();
    expect((await call(caller, "POST", `/api/counterparties/${linked.id}/invitation`)).statusCode).toBe(409);

    const invited = (await call(caller, "POST", "/api/counterparties", inviteBody())).json();
    await testApp.prisma.counterparty.update({ where: { id: invited.id }, data: { invitationAcceptedAt: new Date() } });
    expect((await call(caller, "POST", `/api/counterparties/${invited.id}/invitation`)).statusCode).toBe(409);
  });

  it("lets the member correct the invitation e-mail and the name while the counterparty is off the platform", async () => {
    const caller = await createMember();
    const invited = (await call(caller, "POST", "/api/counterparties", inviteBody())).json();
    const updated = await call(caller, "PATCH", `/api/counterparties/${invited.id}`, { name: " 가람토건(주) ", invitationEmail: "ops@garam.example" });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ name: "가람토건(주)", invitation: { email: "ops@garam.example" } });
    expect((await preview(tokenOf(invited.invitationUrl))).json()).toMatchObject({ name: "가람토건(주)", contactEmail: "ops@garam.example" });
    const audit = await testApp.prisma.auditEvent.findFirst({ where: { action: "counterparty.updated", targetId: invited.id } });
    expect(audit?.data).toMatchObject({ name: { to: "가람토건(주)" } });

    const blank = await call(caller, "PATCH", `/api/counterparties/${invited.id}`, { name: "  " });
    expect(fieldsOf(blank)).toEqual(["body.name"]);
    const badEmail = await call(caller, "PATCH", `/api/counterparties/${invited.id}`, { invitationEmail: "nope" });
    expect(fieldsOf(badEmail)).toEqual(["body.invitationEmail"]);

    const platform = await createOrganization(testApp.prisma, "SURETY");
    const linked = (await call(caller, "POST", "/api/counterparties", { organizationId: platform.id })).json();
    const rename = await call(caller, "PATCH", `/api/counterparties/${linked.id}`, { name: "Renamed" });
    expect(rename.statusCode).toBe(409);
    expect(fieldsOf(rename)).toEqual(["body.name"]);
  });
});

describe("the counterparty list", () => {
  it("pages through the caller's own counterparties in name order and filters by name or number", async () => {
    const caller = await createMember();
    const other = await createMember();
    const names = ["가 건설", "나 건설", "다 건설", "라 건설", "마 건설"];
    const created = [];
    for (const name of names) created.push((await call(caller, "POST", "/api/counterparties", inviteBody({ name }))).json());
    await call(other, "POST", "/api/counterparties", inviteBody({ name: "가가 남의 건설" }));

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : "?limit=2";
      const page = await call(caller, "GET", `/api/counterparties${query}`);
      expect(page.statusCode).toBe(200);
      const body = page.json();
      seen.push(...body.items.map((item: { name: string }) => item.name));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([...names].sort());
    expect(pages).toBe(3);

    const byName = await call(caller, "GET", `/api/counterparties?q=${encodeURIComponent("다 건")}`);
    expect(byName.json().items.map((item: { name: string }) => item.name)).toEqual(["다 건설"]);
    const byNumber = await call(caller, "GET", `/api/counterparties?q=${formatRegistrationNumber("KR", created[3].registrationNumber).slice(0, 9)}`);
    expect(byNumber.json().items.map((item: { id: string }) => item.id)).toContain(created[3].id);
    expect(byNumber.json().items[0]).toMatchObject({ contactCount: 1, isOnPlatform: false, invitation: { email: "garam@garam.example" } });

    const badCursor = await call(caller, "GET", "/api/counterparties?cursor=garbage");
    expect(badCursor.statusCode).toBe(400);
    expect(fieldsOf(badCursor)).toEqual(["querystring.cursor"]);
    const tooMany = await call(caller, "GET", "/api/counterparties?limit=101");
    expect(fieldsOf(tooMany)).toEqual(["querystring.limit"]);
  });
});

describe("contacts", () => {
  it("adds, changes and removes contacts, with audit events", async () => {
    const caller = await createMember();
    const counterparty = (await call(caller, "POST", "/api/counterparties", inviteBody())).json();
    const base = `/api/counterparties/${counterparty.id}/contacts`;

    const added = await call(caller, "POST", base, { name: " 이현장 ", department: "현장관리", phone: "+82 (10) 1234-5678", email: "site@garam.example" });
    expect(added.statusCode).toBe(201);
    const contact = added.json();
    expect(contact).toMatchObject({ name: "이현장", department: "현장관리", phone: "+82 (10) 1234-5678", email: "site@garam.example" });

    const minimal = await call(caller, "POST", base, { name: "최경리" });
    expect(minimal.statusCode).toBe(201);
    expect(minimal.json()).toMatchObject({ department: "", phone: "", email: "" });

    const changed = await call(caller, "PATCH", `${base}/${contact.id}`, { department: "", phone: "010-9999-0000" });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ name: "이현장", department: "", phone: "010-9999-0000", email: "site@garam.example" });

    const detail = (await call(caller, "GET", `/api/counterparties/${counterparty.id}`)).json();
    expect(detail.contactCount).toBe(3);
    expect(detail.contacts.map((item: { name: string }) => item.name)).toEqual(["강가람", "이현장", "최경리"]);

    expect((await call(caller, "DELETE", `${base}/${contact.id}`)).statusCode).toBe(204);
    expect((await call(caller, "DELETE", `${base}/${contact.id}`)).statusCode).toBe(404);
    expect((await call(caller, "PATCH", `${base}/${contact.id}`, { name: "Gone" })).statusCode).toBe(404);

    const actions = (await testApp.prisma.auditEvent.findMany({ where: { targetId: counterparty.id }, select: { action: true } })).map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(["counterparty.contact_added", "counterparty.contact_updated", "counterparty.contact_removed"]));
  });

  it("validates name, e-mail, phone and lengths, naming the field", async () => {
    const caller = await createMember();
    const counterparty = (await call(caller, "POST", "/api/counterparties", inviteBody())).json();
    const base = `/api/counterparties/${counterparty.id}/contacts`;
    const cases: [object, string][] = [
      [{}, "body.name"],
      [{ name: "   " }, "body.name"],
      [{ name: "x".repeat(101) }, "body.name"],
      [{ name: "Kim", email: "kim@" }, "body.email"],
      [{ name: "Kim", email: "kim example@test.kr" }, "body.email"],
      [{ name: "Kim", phone: "02-123-4567 ext. 8" }, "body.phone"],
      [{ name: "Kim", phone: "1".repeat(31) }, "body.phone"],
      [{ name: "Kim", department: "d".repeat(101) }, "body.department"],
      [{ name: "Kim", title: "Director" }, "body.title"],
      [{ name: 42 }, "body.name"],
    ];
    for (const [payload, field] of cases) {
      const response = await call(caller, "POST", base, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(fieldsOf(response), JSON.stringify(payload)).toEqual([field]);
    }
    const [first] = counterparty.contacts;
    const badUpdate = await call(caller, "PATCH", `${base}/${first.id}`, { name: "", email: "bad" });
    expect(fieldsOf(badUpdate).sort()).toEqual(["body.email", "body.name"]);
    expect((await call(caller, "GET", `/api/counterparties/${counterparty.id}`)).json().contactCount).toBe(1);
  });
});

describe("removing a counterparty", () => {
  it("is refused to staff and allowed to a manager, taking the contacts with it", async () => {
    const staff = await createMember({ role: "STAFF" });
    const counterparty = (await call(staff, "POST", "/api/counterparties", inviteBody())).json();
    const refused = await call(staff, "DELETE", `/api/counterparties/${counterparty.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("FORBIDDEN");

    const manager = await addColleague(staff, "MANAGER");
    expect((await call(manager, "DELETE", `/api/counterparties/${counterparty.id}`)).statusCode).toBe(204);
    expect((await call(manager, "GET", `/api/counterparties/${counterparty.id}`)).statusCode).toBe(404);
    expect(await testApp.prisma.counterpartyContact.count({ where: { counterpartyId: counterparty.id } })).toBe(0);
    expect((await preview(tokenOf(counterparty.invitationUrl))).statusCode).toBe(404);
    const audit = await testApp.prisma.auditEvent.findFirst({ where: { action: "counterparty.removed", targetId: counterparty.id } });
    expect(audit?.actorUserId).toBe(manager.user.id);

    const representative = await addColleague(staff, "REPRESENTATIVE");
    const another = (await call(staff, "POST", "/api/counterparties", inviteBody())).json();
    expect((await call(representative, "DELETE", `/api/counterparties/${another.id}`)).statusCode).toBe(204);
  });
});

describe("access", () => {
  it("refuses operators and organisations under review", async () => {
    const operator = await createMember({ kind: "OPERATOR" });
    const pending = await createMember({ status: "PENDING" });
    for (const member of [operator, pending]) {
      expect((await call(member, "GET", "/api/counterparties")).statusCode).toBe(403);
      expect((await call(member, "GET", "/api/organizations/search?q=test")).statusCode).toBe(403);
      expect((await call(member, "POST", "/api/counterparties", inviteBody())).statusCode).toBe(403);
    }
  });

  it("gives another organisation 404 on every route with our real ids, and no data of ours", async () => {
    const owner = await createMember({ kind: "ORDERER" });
    const counterparty = (await call(owner, "POST", "/api/counterparties", inviteBody({ name: "우리만 아는 건설" }))).json();
    const [contact] = counterparty.contacts;
    const intruder = await addColleague(await createMember({ kind: "CONTRACTOR" }), "REPRESENTATIVE");
    const id = counterparty.id;
    const routes: [HttpMethod, string, object?][] = [
      ["GET", `/api/counterparties/${id}`],
      ["PATCH", `/api/counterparties/${id}`, { name: "Taken over" }],
      ["DELETE", `/api/counterparties/${id}`],
      ["POST", `/api/counterparties/${id}/invitation`],
      ["POST", `/api/counterparties/${id}/contacts`, { name: "Intruder" }],
      ["PATCH", `/api/counterparties/${id}/contacts/${contact.id}`, { name: "Intruder" }],
      ["DELETE", `/api/counterparties/${id}/contacts/${contact.id}`],
    ];
    for (const [method, url, payload] of routes) {
      const response = await call(intruder, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      for (const secret of ["우리만 아는 건설", "강가람", "garam@garam.example", counterparty.registrationNumber]) {
        expect(response.body, `${method} ${url}`).not.toContain(secret);
      }
    }
    // The intruder's own list and search show nothing of ours either.
    const list = await call(intruder, "GET", "/api/counterparties");
    expect(list.json().items).toEqual([]);
    const search = await call(intruder, "GET", `/api/organizations/search?q=${encodeURIComponent("우리만")}`);
    expect(search.json().items).toEqual([]);

    // Nothing changed.
    const after = (await call(owner, "GET", `/api/counterparties/${id}`)).json();
    expect(after).toMatchObject({ name: "우리만 아는 건설", contactCount: 1, contacts: [{ name: "강가람" }] });
    expect((await preview(tokenOf(counterparty.invitationUrl))).statusCode).toBe(200);

    // A contact id of ours under the intruder's own counterparty does not reach our contact either.
    const own = (await call(intruder, "POST", "/api/counterparties", inviteBody())).json();
    expect((await call(intruder, "PATCH", `/api/counterparties/${own.id}/contacts/${contact.id}`, { name: "x" })).statusCode).toBe(404);
    expect((await call(intruder, "DELETE", `/api/counterparties/${own.id}/contacts/${contact.id}`)).statusCode).toBe(404);
    expect((await call(owner, "GET", `/api/counterparties/${id}`)).json().contacts[0].name).toBe("강가람");
  });

  it("answers 401 on every member route without a session", async () => {
    const owner = await createMember();
    const counterparty = (await call(owner, "POST", "/api/counterparties", inviteBody())).json();
    const [contact] = counterparty.contacts;
    const id = counterparty.id;
    const routes: [HttpMethod, string, object?][] = [
      ["GET", "/api/organizations/search?q=test"],
      ["GET", "/api/counterparties"],
      ["POST", "/api/counterparties", inviteBody()],
      ["GET", `/api/counterparties/${id}`],
      ["PATCH", `/api/counterparties/${id}`, { name: "x" }],
      ["DELETE", `/api/counterparties/${id}`],
      ["POST", `/api/counterparties/${id}/invitation`],
      ["POST", `/api/counterparties/${id}/contacts`, { name: "x" }],
      ["PATCH", `/api/counterparties/${id}/contacts/${contact.id}`, { name: "x" }],
      ["DELETE", `/api/counterparties/${id}/contacts/${contact.id}`],
    ];
    for (const [method, url, payload] of routes) {
      const response = await call(null, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.body).not.toContain("강가람");
    }
    expect((await call(owner, "GET", `/api/counterparties/${id}`)).json().contactCount).toBe(1);
  });

  it("limits invitation previews per address", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 35; attempt++) statuses.push((await preview(`guess-${attempt}`)).statusCode);
    expect(statuses).toContain(429);
    expect(statuses.filter((status) => status !== 404 && status !== 429)).toEqual([]);
  });
});
