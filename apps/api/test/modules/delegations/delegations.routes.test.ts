import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DelegationScope } from "@pwp/shared/enums";
import { findSigningAuthority } from "../../../src/lib/signing-authority.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { addUser, createOrganizationWithRepresentative, fieldsOf, type OrgUser } from "../users/org-fixtures.ts";
import { certificateOf, signedGrantBody, signedRevokeBody } from "./signing-fixtures.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await buildTestApp();
});
afterAll(() => testApp?.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();

function call(method: "GET" | "POST", url: string, auth?: string, payload?: unknown) {
  return testApp.app.inject({
    method,
    url,
    ...(auth ? { headers: { authorization: auth } } : {}),
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}

/** One end for every default period, so a sub-delegation's default lies within its parent's. */
const DEFAULT_UNTIL = inFuture(30 * DAY);

/** A grant signed by the grantor with their own certificate, naming the parent as the web does. */
async function delegate(grantor: OrgUser, agent: OrgUser, scopes: DelegationScope[], validFrom = inFuture(0), validUntil = DEFAULT_UNTIL) {
  return call("POST", "/api/delegations", grantor.auth, await signedGrantBody(testApp, grantor, { agentId: agent.id, scopes, validFrom, validUntil }));
}

/** A revocation signed by the revoker with their own certificate. */
async function revoke(revoker: OrgUser, delegationId: string, reason: string) {
  return call("POST", `/api/delegations/${delegationId}/revoke`, revoker.auth, await signedRevokeBody(testApp, revoker, delegationId, reason));
}

async function delegateOk(grantor: OrgUser, agent: OrgUser, scopes: DelegationScope[], validFrom?: string, validUntil?: string) {
  const response = await delegate(grantor, agent, scopes, validFrom, validUntil);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** An organisation with its representative, an agent (代理人), a sub-agent (復代理人), a third in line and a bystander. */
async function createChainOrganization() {
  const { organization, representative } = await createOrganizationWithRepresentative(testApp);
  const agent = await addUser(testApp, organization.id, "MANAGER");
  const subAgent = await addUser(testApp, organization.id, "STAFF");
  const third = await addUser(testApp, organization.id, "STAFF");
  const bystander = await addUser(testApp, organization.id, "STAFF");
  return { organization, representative, agent, subAgent, third, bystander };
}

describe("granting", () => {
  it("lets the representative grant a root delegation, recorded with an audit event", async () => {
    const { representative, agent } = await createChainOrganization();
    const validUntil = inFuture(30 * DAY);
    const response = await delegate(representative, agent, ["BILLING", "CONTRACTS"], inFuture(0), validUntil);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      grantor: { id: representative.id },
      agent: { id: agent.id },
      scopes: ["CONTRACTS", "BILLING"],
      validUntil,
      parentId: null,
      revokedAt: null,
      revokedReason: null,
      state: "ACTIVE",
    });
    const audit = await testApp.prisma.auditEvent.findFirst({ where: { action: "delegations.granted", targetId: body.id } });
    expect(audit?.actorUserId).toBe(representative.id);
  });

  it("records a start slightly in the past as now, and refuses one further back", async () => {
    const { representative, agent } = await createChainOrganization();
    const before = Date.now();
    const recent = await delegateOk(representative, agent, ["CONTRACTS"], new Date(before - 60_000).toISOString());
    expect(new Date(recent.validFrom).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const backdated = await delegate(representative, agent, ["CONTRACTS"], new Date(before - HOUR).toISOString());
    expect(backdated.statusCode).toBe(400);
    expect(fieldsOf(backdated.json())).toEqual(["body.validFrom"]);
  });

  it.each([
    [{ scopes: [] }, "body.scopes"],
    [{ scopes: ["CONTRACTS", "CONTRACTS"] }, "body.scopes"],
    [{ scopes: ["PAYROLL"] }, "body.scopes.0"],
    [{ validUntil: "tomorrow" }, "body.validUntil"],
    [{ validFrom: inFuture(2 * DAY), validUntil: inFuture(DAY) }, "body.validUntil"],
    [{ agentId: "not-a-uuid" }, "body.agentId"],
    [{ extra: true }, "body.extra"],
  ])("refuses %j naming %s", async (override, field) => {
    const { representative, agent } = await createChainOrganization();
    const signed = await signedGrantBody(testApp, representative, { agentId: agent.id, scopes: ["CONTRACTS"], validFrom: inFuture(0), validUntil: inFuture(DAY) });
    const payload = { ...signed, ...override };
    const response = await call("POST", "/api/delegations", representative.auth, payload);
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())).toContain(field);
  });

  it("refuses an agent who is oneself, the representative, inactive or outside the organisation, naming body.agentId", async () => {
    const { organization, representative, agent } = await createChainOrganization();
    const inactive = await addUser(testApp, organization.id, "STAFF", false);
    const outsider = (await createOrganizationWithRepresentative(testApp)).representative;
    const outsiderStaff = await addUser(testApp, outsider.organizationId);
    await delegateOk(representative, agent, ["CONTRACTS"]);
    for (const [grantor, target] of [
      [representative, representative],
      [agent, agent],
      [agent, representative],
      [representative, inactive],
      [representative, outsiderStaff],
    ] as const) {
      const response = await delegate(grantor, target, ["CONTRACTS"]);
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json())).toEqual(["body.agentId"]);
      expect(response.body).not.toContain(outsiderStaff.email);
    }
  });

  it("refuses a user who holds no delegation", async () => {
    const { agent, bystander } = await createChainOrganization();
    const response = await delegate(agent, bystander, ["CONTRACTS"]);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toMatch(/representative/);
  });
});

describe("sub-delegation (復代理)", () => {
  it("is allowed within a held delegation, which becomes the parent", async () => {
    const { representative, agent, subAgent } = await createChainOrganization();
    const root = await delegateOk(representative, agent, ["CONTRACTS", "GUARANTEES"], inFuture(0), inFuture(30 * DAY));
    const sub = await delegateOk(agent, subAgent, ["GUARANTEES"], inFuture(DAY), inFuture(10 * DAY));
    expect(sub).toMatchObject({ parentId: root.id, grantor: { id: agent.id }, agent: { id: subAgent.id }, state: "SCHEDULED" });
  });

  it("is refused beyond the held scopes, naming the scope", async () => {
    const { representative, agent, subAgent } = await createChainOrganization();
    await delegateOk(representative, agent, ["CONTRACTS"]);
    const response = await delegate(agent, subAgent, ["CONTRACTS", "BILLING"]);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toContain("BILLING");
    expect(response.json().error.message).not.toContain("CONTRACTS,");
    expect(fieldsOf(response.json())).toEqual(["body.scopes"]);
  });

  it("is refused beyond the held period, at either end", async () => {
    const { representative, agent, subAgent } = await createChainOrganization();
    await delegateOk(representative, agent, ["CONTRACTS"], inFuture(DAY), inFuture(10 * DAY));
    const tooLong = await delegate(agent, subAgent, ["CONTRACTS"], inFuture(2 * DAY), inFuture(11 * DAY));
    expect(tooLong.statusCode).toBe(403);
    expect(fieldsOf(tooLong.json())).toEqual(["body.validUntil"]);
    expect(tooLong.json().error.message).toMatch(/ends at/);
    const tooEarly = await delegate(agent, subAgent, ["CONTRACTS"], inFuture(0), inFuture(5 * DAY));
    expect(tooEarly.statusCode).toBe(403);
    expect(fieldsOf(tooEarly.json())).toEqual(["body.validFrom"]);
  });

  it("is refused when no single held delegation covers every requested scope", async () => {
    const { representative, agent, subAgent } = await createChainOrganization();
    await delegateOk(representative, agent, ["CONTRACTS"]);
    await delegateOk(representative, agent, ["BILLING"]);
    const response = await delegate(agent, subAgent, ["CONTRACTS", "BILLING"]);
    expect(response.statusCode).toBe(403);
    expect(fieldsOf(response.json())).toEqual(["body.scopes"]);
    expect((await delegate(agent, subAgent, ["BILLING"])).statusCode).toBe(201);
  });

  it("is refused from a revoked or expired delegation, and back up the chain", async () => {
    const { representative, agent, subAgent } = await createChainOrganization();
    const root = await delegateOk(representative, agent, ["CONTRACTS"]);
    await delegateOk(agent, subAgent, ["CONTRACTS"]);
    const back = await delegate(subAgent, agent, ["CONTRACTS"]);
    expect(back.statusCode).toBe(400);
    expect(fieldsOf(back.json())).toEqual(["body.agentId"]);

    await testApp.prisma.delegation.update({ where: { id: root.id }, data: { validUntil: new Date(Date.now() - 1000) } });
    expect((await delegate(agent, subAgent, ["CONTRACTS"])).statusCode).toBe(403);
  });
});

describe("revoking", () => {
  it("revokes a chain two deep in one transaction, with one audit event listing every id", async () => {
    const { organization, representative, agent, subAgent, third, bystander } = await createChainOrganization();
    const root = await delegateOk(representative, agent, ["CONTRACTS", "BILLING"]);
    const sub = await delegateOk(agent, subAgent, ["CONTRACTS", "BILLING"]);
    const subSub = await delegateOk(subAgent, third, ["BILLING"]);
    const unrelated = await delegateOk(representative, bystander, ["CONTRACTS"]);
    expect(subSub.parentId).toBe(sub.id);

    const response = await revoke(representative, root.id, "  Left the project  ");
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.delegation).toMatchObject({ id: root.id, state: "REVOKED", revokedReason: "Left the project" });
    expect(body.revokedIds).toEqual([root.id, sub.id, subSub.id]);

    const rows = await testApp.prisma.delegation.findMany({ where: { organizationId: organization.id } });
    for (const row of rows) {
      if (row.id === unrelated.id) expect(row.revokedAt).toBeNull();
      else expect(row).toMatchObject({ revokedById: representative.id, revokedReason: "Left the project" });
    }
    const events = await testApp.prisma.auditEvent.findMany({ where: { action: "delegations.revoked", targetId: root.id } });
    expect(events).toHaveLength(1);
    const { certificateId } = await certificateOf(testApp, representative);
    expect(events[0]!.data).toEqual({ reason: "Left the project", revokedIds: [root.id, sub.id, subSub.id], statementId: expect.any(String), certificateId });

    const again = await revoke(representative, root.id, "again");
    expect(again.statusCode).toBe(409);
    const list = (await call("GET", "/api/delegations", bystander.auth)).json().delegations;
    expect(list.map((d: { id: string; state: string }) => [d.id, d.state])).toEqual([
      [root.id, "REVOKED"],
      [sub.id, "REVOKED"],
      [subSub.id, "REVOKED"],
      [unrelated.id, "ACTIVE"],
    ]);
  });

  it("is allowed for the grantor and any grantor up the chain, not for the agent or a bystander", async () => {
    const { representative, agent, subAgent, third, bystander } = await createChainOrganization();
    await delegateOk(representative, agent, ["GUARANTEES"]);
    const sub = await delegateOk(agent, subAgent, ["GUARANTEES"]);
    const subSub = await delegateOk(subAgent, third, ["GUARANTEES"]);

    for (const refused of [third, bystander]) {
      const response = await revoke(refused, subSub.id, "no");
      expect(response.statusCode).toBe(403);
    }
    // The agent of `sub` granted nothing above `sub`, so it may not revoke its own delegation.
    expect((await revoke(subAgent, sub.id, "no")).statusCode).toBe(403);
    // `agent` granted `sub`, from which `subSub` hangs: a grantor up the chain.
    const byUpChain = await revoke(agent, subSub.id, "Reorganised");
    expect(byUpChain.statusCode).toBe(200);
    expect(byUpChain.json().revokedIds).toEqual([subSub.id]);
    const byGrantor = await revoke(agent, sub.id, "Reorganised");
    expect(byGrantor.statusCode).toBe(200);
    expect(byGrantor.json().revokedIds).toEqual([sub.id]);
  });

  it("names the reason field when it is missing or blank", async () => {
    const { representative, agent } = await createChainOrganization();
    const root = await delegateOk(representative, agent, ["CONTRACTS"]);
    const { reason: _reason, ...withoutReason } = await signedRevokeBody(testApp, representative, root.id, "x");
    for (const payload of [withoutReason, { ...withoutReason, reason: "   " }]) {
      const response = await call("POST", `/api/delegations/${root.id}/revoke`, representative.auth, payload);
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json())).toEqual(["body.reason"]);
    }
  });
});

describe("authority", () => {
  it("GET /api/me/authority: the representative in their own right, an agent by delegation, nothing after revocation", async () => {
    const { representative, agent, subAgent, bystander } = await createChainOrganization();
    const rep = (await call("GET", "/api/me/authority", representative.auth)).json();
    expect(rep).toEqual({
      isRepresentative: true,
      scopes: [
        { scope: "CONTRACTS", delegationId: null, validUntil: null },
        { scope: "GUARANTEES", delegationId: null, validUntil: null },
        { scope: "BILLING", delegationId: null, validUntil: null },
      ],
      heldDelegations: [],
    });
    const validUntil = inFuture(20 * DAY);
    const root = await delegateOk(representative, agent, ["CONTRACTS", "BILLING"], inFuture(0), validUntil);
    const scheduled = await delegateOk(agent, subAgent, ["CONTRACTS"], inFuture(DAY), inFuture(2 * DAY));
    expect((await call("GET", "/api/me/authority", agent.auth)).json()).toEqual({
      isRepresentative: false,
      scopes: [
        { scope: "CONTRACTS", delegationId: root.id, validUntil },
        { scope: "BILLING", delegationId: root.id, validUntil },
      ],
      heldDelegations: [{ id: root.id, scopes: ["CONTRACTS", "BILLING"], validFrom: root.validFrom, validUntil }],
    });
    // A scheduled delegation gives nothing yet, but can already be passed on.
    expect((await call("GET", "/api/me/authority", subAgent.auth)).json()).toMatchObject({
      scopes: [],
      heldDelegations: [{ id: scheduled.id, scopes: ["CONTRACTS"] }],
    });
    expect(scheduled.state).toBe("SCHEDULED");
    expect((await call("GET", "/api/me/authority", bystander.auth)).json()).toEqual({ isRepresentative: false, scopes: [], heldDelegations: [] });

    expect((await revoke(representative, root.id, "done")).statusCode).toBe(200);
    expect((await call("GET", "/api/me/authority", agent.auth)).json()).toMatchObject({ scopes: [], heldDelegations: [] });
  });

  it("findSigningAuthority answers for a moment: the chain then, not revocations made later, never before creation", async () => {
    const { organization, representative, agent, subAgent } = await createChainOrganization();
    const root = await delegateOk(representative, agent, ["CONTRACTS"]);
    const sub = await delegateOk(agent, subAgent, ["CONTRACTS"]);
    const signedAt = new Date(Date.now() + 1000);
    const query = { userId: subAgent.id, organizationId: organization.id, scope: "CONTRACTS" as const, at: signedAt };

    const grant = await findSigningAuthority(testApp.prisma, query);
    expect(grant).toMatchObject({ kind: "DELEGATION", delegationId: sub.id, chain: [{ id: root.id }, { id: sub.id }] });
    expect(await findSigningAuthority(testApp.prisma, { ...query, scope: "BILLING" })).toBeNull();
    expect(await findSigningAuthority(testApp.prisma, { ...query, at: new Date(Date.now() - HOUR) })).toBeNull();
    expect(await findSigningAuthority(testApp.prisma, { ...query, organizationId: (await createOrganizationWithRepresentative(testApp)).organization.id })).toBeNull();
    expect(await findSigningAuthority(testApp.prisma, { ...query, userId: representative.id })).toEqual({ kind: "REPRESENTATIVE", userId: representative.id });

    await testApp.prisma.delegation.update({ where: { id: root.id }, data: { revokedAt: new Date(signedAt.getTime() + HOUR) } });
    expect(await findSigningAuthority(testApp.prisma, query)).toMatchObject({ delegationId: sub.id });
    expect(await findSigningAuthority(testApp.prisma, { ...query, at: new Date(signedAt.getTime() + 2 * HOUR) })).toBeNull();
  });
});

describe("listing and access", () => {
  it("lists the organisation's delegations with their state, pages, and shows nothing of other organisations", async () => {
    const { representative, agent, subAgent } = await createChainOrganization();
    const first = await delegateOk(representative, agent, ["CONTRACTS"]);
    const second = await delegateOk(representative, subAgent, ["BILLING"], inFuture(DAY), inFuture(2 * DAY));
    const expired = await delegateOk(representative, subAgent, ["GUARANTEES"]);
    await testApp.prisma.delegation.update({ where: { id: expired.id }, data: { validUntil: new Date(Date.now() - 1000) } });
    const other = await createChainOrganization();
    await delegateOk(other.representative, other.agent, ["CONTRACTS"]);

    const page1 = (await call("GET", "/api/delegations?limit=2", agent.auth)).json();
    expect(page1.delegations.map((d: { id: string; state: string }) => [d.id, d.state])).toEqual([
      [first.id, "ACTIVE"],
      [second.id, "SCHEDULED"],
    ]);
    const page2 = (await call("GET", `/api/delegations?limit=2&cursor=${page1.nextCursor}`, agent.auth)).json();
    expect(page2).toMatchObject({ delegations: [{ id: expired.id, state: "EXPIRED" }], nextCursor: null });

    const otherList = await call("GET", "/api/delegations", other.agent.auth);
    expect(otherList.json().delegations).toHaveLength(1);
    expect(otherList.body).not.toContain(first.id);
    expect(otherList.body).not.toContain(agent.id);
  });

  it("needs a session on every route, and hides another organisation's delegations behind a 404", async () => {
    const { representative, agent } = await createChainOrganization();
    const root = await delegateOk(representative, agent, ["CONTRACTS"]);
    expect((await call("GET", "/api/delegations")).statusCode).toBe(401);
    expect((await call("POST", "/api/delegations", undefined, { agentId: agent.id, scopes: ["CONTRACTS"], validFrom: inFuture(0), validUntil: inFuture(DAY) })).statusCode).toBe(401);
    expect((await call("POST", `/api/delegations/${root.id}/revoke`, undefined, { reason: "x" })).statusCode).toBe(401);
    expect((await call("GET", "/api/me/authority")).statusCode).toBe(401);

    const other = await createOrganizationWithRepresentative(testApp);
    const crossRevoke = await revoke(other.representative, root.id, "x");
    expect(crossRevoke.statusCode).toBe(404);
    expect(crossRevoke.body).not.toContain(agent.id);
    const crossGrant = await delegate(other.representative, agent, ["CONTRACTS"], inFuture(0), inFuture(DAY));
    expect(crossGrant.statusCode).toBe(400);
    expect(crossGrant.body).not.toContain(agent.email);
    expect((await testApp.prisma.delegation.findUniqueOrThrow({ where: { id: root.id } })).revokedAt).toBeNull();

    const pending = await createOrganizationWithRepresentative(testApp, "PENDING");
    expect((await call("GET", "/api/delegations", pending.representative.auth)).statusCode).toBe(403);
  });

  it("refuses an access token that outlived its user's deactivation", async () => {
    const { organization, representative, agent, subAgent } = await createChainOrganization();
    await delegateOk(representative, agent, ["CONTRACTS"]);
    await testApp.prisma.user.update({ where: { id: agent.id }, data: { isActive: false } });
    expect((await delegate(agent, subAgent, ["CONTRACTS"])).statusCode).toBe(403);
    expect(organization.id).toBeTruthy();
  });
});
