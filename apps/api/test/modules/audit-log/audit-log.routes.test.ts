// Ops read the audit log: filters, paging, CSV, and the chain check that finds an edited row; nobody else may.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditChainReport, AuditEventList } from "@pwp/shared/audit-log";
import { recordAuditEvent } from "../../../src/lib/audit.ts";
import { createUser } from "../../support/fixtures.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { bearer, signInMember, signInOps } from "../registration/registration-helpers.ts";

let testApp: TestApp;
let opsToken: string;
let memberToken: string;
let firm: { organizationId: string; userId: string; name: string };

beforeAll(async () => {
  testApp = await buildTestApp();
  opsToken = (await signInOps(testApp.app, testApp.prisma)).token;
  memberToken = (await signInMember(testApp.app, testApp.prisma)).token;
  const { organization, user } = await createUser(testApp.prisma, { kind: "CONTRACTOR" });
  firm = { organizationId: organization.id, userId: user.id, name: organization.nameLocal };
  const actor = { userId: user.id, organizationId: organization.id };
  for (let index = 0; index < 7; index += 1) {
    await recordAuditEvent(testApp.prisma, { action: index % 2 ? "contracts.signed" : "contracts.sent", actor, target: { type: "contract", id: `c-${index}` }, data: { index, 名前: "青葉建設, \"JV\"" } });
  }
});
afterAll(async () => {
  await testApp.close();
});

const list = async (query: string, token = opsToken) =>
  testApp.app.inject({ method: "GET", url: `/api/admin/audit-events${query}`, headers: bearer(token) });

describe("GET /api/admin/audit-events", () => {
  it("filters by organisation and action prefix, newest first, with names, paged by cursor", async () => {
    const first = await list(`?organizationId=${firm.organizationId}&action=contracts.&limit=4`);
    expect(first.statusCode).toBe(200);
    const page1 = first.json<AuditEventList>();
    expect(page1.events).toHaveLength(4);
    expect(page1.events.map((event) => event.data["index"])).toEqual([6, 5, 4, 3]);
    expect(page1.events[0]).toMatchObject({ actorOrganizationName: firm.name, actorUserName: "Test User", chain: firm.organizationId, chainSeq: 7 });
    const page2 = (await list(`?organizationId=${firm.organizationId}&action=contracts.&limit=4&cursor=${page1.nextCursor}`)).json<AuditEventList>();
    expect(page2.events.map((event) => event.data["index"])).toEqual([2, 1, 0]);
    expect(page2.nextCursor).toBeNull();

    const signedOnly = (await list(`?userId=${firm.userId}&action=contracts.signed`)).json<AuditEventList>();
    expect(signedOnly.events.map((event) => event.data["index"])).toEqual([5, 3, 1]);
    // Events about the organisation by someone else (ops suspending it, say) are found by the same filter.
    const ops = await createUser(testApp.prisma, { kind: "OPERATOR" });
    await recordAuditEvent(testApp.prisma, { action: "admin.organization_suspended", actor: { userId: ops.user.id, organizationId: ops.organization.id }, target: { type: "Organization", id: firm.organizationId } });
    const about = (await list(`?organizationId=${firm.organizationId}&action=admin.`)).json<AuditEventList>();
    expect(about.events.map((event) => event.actorOrganizationId)).toEqual([ops.organization.id]);
    const future = (await list(`?organizationId=${firm.organizationId}&from=2999-01-01T00:00:00Z`)).json<AuditEventList>();
    expect(future.events).toEqual([]);
  });

  it("names the field of a bad filter", async () => {
    const response = await list("?from=yesterday");
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields[0].field).toBe("querystring.from");
    expect((await list("?action=DROP TABLE")).json().error.fields[0].field).toBe("querystring.action");
  });

  it("is for ops only", async () => {
    expect((await list("", memberToken)).statusCode).toBe(403);
    expect((await testApp.app.inject({ method: "GET", url: "/api/admin/audit-events" })).statusCode).toBe(401);
    const verify = await testApp.app.inject({ method: "POST", url: "/api/admin/audit-chain/verification", headers: bearer(memberToken) });
    expect(verify.statusCode).toBe(403);
    const csv = await testApp.app.inject({ method: "GET", url: "/api/admin/audit-events/export", headers: bearer(memberToken) });
    expect(csv.statusCode).toBe(403);
  });
});

describe("GET /api/admin/audit-events/export", () => {
  it("exports the filtered events as CSV with a byte-order mark and quoted fields", async () => {
    const response = await testApp.app.inject({
      method: "GET",
      url: `/api/admin/audit-events/export?organizationId=${firm.organizationId}`,
      headers: bearer(opsToken),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/csv");
    expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="audit-log-.+\.csv"$/);
    expect(response.body.startsWith("\uFEFFid,occurredAt,action,")).toBe(true);
    const lines = response.body.trim().split("\n");
    // The firm's seven events and the one about it.
    expect(lines).toHaveLength(9);
    expect(lines.find((line) => line.includes('""index"":6'))).toContain(`"{""index"":6,""名前"":""青葉建設, \\""JV\\""""}"`);
  });
});

describe("POST /api/admin/audit-chain/verification", () => {
  it("reports every chain intact, then the edited row after someone changes it in the database", async () => {
    const verify = async () =>
      (await testApp.app.inject({ method: "POST", url: "/api/admin/audit-chain/verification", headers: bearer(opsToken) })).json<AuditChainReport>();
    const intact = await verify();
    expect(intact.brokenLinks).toEqual([]);
    expect(intact.events).toBeGreaterThanOrEqual(7);

    const target = await testApp.prisma.auditEvent.findUniqueOrThrow({ where: { chain_chainSeq: { chain: firm.organizationId, chainSeq: 4 } } });
    await testApp.prisma.$executeRaw`UPDATE "AuditEvent" SET "ipAddress" = '203.0.113.9' WHERE "id" = ${target.id}`;
    const broken = await verify();
    expect(broken.brokenLinks).toEqual([{ chain: firm.organizationId, chainSeq: 4, eventId: target.id.toString(), reason: "EDITED" }]);
  });
});
