// The audit log's hash chains: concurrent writers still form one unbroken chain per organisation, and the check finds
// the first broken link after a row is edited, removed, or its chain's tail is cut off.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "../../src/lib/audit.ts";
import { auditEventHash, sealUnhashedAuditEvents, verifyAuditChains } from "../../src/lib/audit-chain.ts";
import { createUser } from "../support/fixtures.ts";
import { buildTestApp, type TestApp } from "../support/test-app.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await buildTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function writeEvents(actor: { userId: string; organizationId: string }, count: number, action = "test.happened") {
  // Root-client calls run side by side: each takes the chain head's lock in a transaction of its own.
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      recordAuditEvent(testApp.prisma, { action, actor, target: { type: "thing", id: randomUUID() }, data: { index, nested: { b: 1, a: [1, "二"] } } }),
    ),
  );
}

describe("audit chains", () => {
  it("chains events written at the same time one after another, per acting organisation", async () => {
    const { organization, user } = await createUser(testApp.prisma);
    const actor = { userId: user.id, organizationId: organization.id };
    await writeEvents(actor, 25);
    const events = await testApp.prisma.auditEvent.findMany({ where: { chain: organization.id }, orderBy: { chainSeq: "asc" } });
    expect(events.map((event) => event.chainSeq)).toEqual(Array.from({ length: 25 }, (_, index) => index + 1));
    for (const [index, event] of events.entries()) {
      expect(event.prevHash).toBe(index === 0 ? "" : events[index - 1]!.hash);
    }
    const head = await testApp.prisma.auditChainHead.findUniqueOrThrow({ where: { chain: organization.id } });
    expect(head).toMatchObject({ seq: 25, hash: events[24]!.hash });
    expect((await verifyAuditChains(testApp.prisma)).brokenLinks).toEqual([]);
  });

  it("hashes the event's content independently of JSON key order", () => {
    const base = {
      chain: "c",
      chainSeq: 1,
      prevHash: "",
      occurredAt: new Date("2026-11-22T00:00:00.000Z"),
      action: "a",
      actorUserId: null,
      actorOrganizationId: null,
      targetType: null,
      targetId: null,
      ipAddress: null,
    };
    expect(auditEventHash({ ...base, data: { a: 1, b: 2 } })).toBe(auditEventHash({ ...base, data: { b: 2, a: 1 } }));
    expect(auditEventHash({ ...base, data: { a: 1 } })).not.toBe(auditEventHash({ ...base, data: { a: 2 } }));
    expect(auditEventHash({ ...base, data: {}, prevHash: "x" })).not.toBe(auditEventHash({ ...base, data: {} }));
  });

  it("reports the first broken link of an edited, a removed and a cut-off chain, and only those chains", async () => {
    const chains = await Promise.all(
      [0, 1, 2, 3].map(async () => {
        const { organization, user } = await createUser(testApp.prisma);
        await writeEvents({ userId: user.id, organizationId: organization.id }, 5);
        return organization.id;
      }),
    );
    const [edited, removed, cutOff, intact] = chains as [string, string, string, string];
    const eventAt = (chain: string, seq: number) =>
      testApp.prisma.auditEvent.findUniqueOrThrow({ where: { chain_chainSeq: { chain, chainSeq: seq } } });

    const editedEvent = await eventAt(edited, 3);
    await testApp.prisma.$executeRaw`UPDATE "AuditEvent" SET "data" = jsonb_set("data", '{index}', '99') WHERE "id" = ${editedEvent.id}`;
    await testApp.prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE "chain" = ${removed} AND "chainSeq" = 2`;
    await testApp.prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE "chain" = ${cutOff} AND "chainSeq" = 5`;

    const report = await verifyAuditChains(testApp.prisma);
    const byChain = new Map(report.brokenLinks.map((link) => [link.chain, link]));
    expect(byChain.get(edited)).toEqual({ chain: edited, chainSeq: 3, eventId: editedEvent.id.toString(), reason: "EDITED" });
    expect(byChain.get(removed)).toEqual({ chain: removed, chainSeq: 2, eventId: null, reason: "MISSING_EVENT" });
    expect(byChain.get(cutOff)).toEqual({ chain: cutOff, chainSeq: 5, eventId: null, reason: "MISSING_EVENT" });
    expect(byChain.has(intact)).toBe(false);

    // Recomputing an edited row's hash does not help: the next event's link names the old hash.
    const rehashed = await eventAt(edited, 3);
    const { id: _id, hash: _hash, ...content } = rehashed;
    const newHash = auditEventHash(content);
    await testApp.prisma.auditEvent.update({ where: { id: rehashed.id }, data: { hash: newHash } });
    const again = await verifyAuditChains(testApp.prisma);
    expect(again.brokenLinks.find((link) => link.chain === edited)).toMatchObject({ chainSeq: 4, reason: "PREVIOUS_HASH_MISMATCH" });

    // Leave the shared test database checkable for the other tests of this file.
    await testApp.prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE "chain" IN (${edited}, ${removed}, ${cutOff})`;
    await testApp.prisma.$executeRaw`DELETE FROM "AuditChainHead" WHERE "chain" IN (${edited}, ${removed}, ${cutOff})`;
  });

  it("seals events written before chaining, continuing the chain after them", async () => {
    const chain = randomUUID();
    for (const seq of [1, 2, 3]) {
      await testApp.prisma.$executeRaw`INSERT INTO "AuditEvent" ("action", "actorOrganizationId", "chain", "chainSeq", "data")
        VALUES ('legacy.event', ${chain}::uuid, ${chain}, ${seq}, ${JSON.stringify({ seq })}::jsonb)`;
    }
    await testApp.prisma.auditChainHead.create({ data: { chain, seq: 3, hash: "" } });
    expect((await verifyAuditChains(testApp.prisma)).brokenLinks).toEqual([{ chain, chainSeq: 1, eventId: expect.any(String), reason: "UNSEALED" }]);

    expect(await sealUnhashedAuditEvents(testApp.prisma)).toBe(3);
    await recordAuditEvent(testApp.prisma, { action: "after.sealing", actor: { userId: randomUUID(), organizationId: chain } });
    const report = await verifyAuditChains(testApp.prisma);
    expect(report.brokenLinks).toEqual([]);
    expect(await testApp.prisma.auditEvent.count({ where: { chain } })).toBe(4);
  });
});
