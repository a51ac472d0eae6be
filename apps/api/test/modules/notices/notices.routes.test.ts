// Notices reach the audience they were posted for during their period; maintenance windows pause signing (or the
// whole API but the exempt routes) until they end, announce themselves, and stop at once when ops cancel them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MaintenanceStatus, MaintenanceWindow, Notice, NoticeInput, NoticeList } from "@pwp/shared/notices";
import { createUser, TEST_PASSWORD } from "../../support/fixtures.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { bearer, signIn, signInMember, signInOps } from "../registration/registration-helpers.ts";

const MINUTE = 60_000;
let clock = new Date("2026-12-01T00:00:00.000Z");
let testApp: TestApp;
let opsToken: string;
let ordererToken: string;
let contractorToken: string;

beforeAll(async () => {
  testApp = await buildTestApp({}, { now: () => clock });
  opsToken = (await signInOps(testApp.app, testApp.prisma)).token;
  ordererToken = (await signInMember(testApp.app, testApp.prisma)).token;
  const contractor = await createUser(testApp.prisma, { kind: "CONTRACTOR", role: "REPRESENTATIVE" });
  contractorToken = (await signIn(testApp.app, contractor.user.email, TEST_PASSWORD)).token;
});
afterAll(async () => {
  await testApp.close();
});

const at = (offsetMinutes: number) => new Date(clock.getTime() + offsetMinutes * MINUTE).toISOString();
const text = (en: string, ko = "", ja = "") => ({ en, ko, ja });

function noticeInput(overrides: Partial<NoticeInput> = {}): NoticeInput {
  return { title: text("Title"), body: text("Body"), audience: "EVERYONE", startsAt: at(-1), endsAt: at(60), ...overrides };
}

async function post<T>(url: string, payload: unknown, token = opsToken) {
  const response = await testApp.app.inject({ method: "POST", url, headers: bearer(token), payload: payload as object });
  return { status: response.statusCode, body: response.json<T & { error?: { fields?: Array<{ field: string }>; message: string } }>() };
}

async function currentNoticeTitles(token?: string): Promise<string[]> {
  const response = await testApp.app.inject({ method: "GET", url: "/api/notices", ...(token ? { headers: bearer(token) } : {}) });
  expect(response.statusCode).toBe(200);
  return response.json<NoticeList>().notices.map((notice) => notice.title.en);
}

describe("notices", () => {
  it("shows each notice to its audience during its period, and not after it is withdrawn", async () => {
    const posted: Record<string, Notice> = {};
    for (const audience of ["EVERYONE", "SIGNED_IN", "ORDERER", "CONTRACTOR", "SURETY"] as const) {
      const created = await post<Notice>("/api/admin/notices", noticeInput({ audience, title: text(`for ${audience}`) }));
      expect(created.status).toBe(201);
      posted[audience] = created.body;
    }
    await post<Notice>("/api/admin/notices", noticeInput({ title: text("later"), startsAt: at(30), endsAt: at(90) }));

    expect(await currentNoticeTitles()).toEqual(["for EVERYONE"]);
    expect((await currentNoticeTitles(contractorToken)).sort()).toEqual(["for CONTRACTOR", "for EVERYONE", "for SIGNED_IN"]);
    expect((await currentNoticeTitles(ordererToken)).sort()).toEqual(["for EVERYONE", "for ORDERER", "for SIGNED_IN"]);

    const withdrawn = await post<Notice>(`/api/admin/notices/${posted["EVERYONE"]!.id}/withdrawal`, {});
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.withdrawnAt).not.toBeNull();
    expect(await currentNoticeTitles()).toEqual([]);
    expect((await post(`/api/admin/notices/${posted["EVERYONE"]!.id}/withdrawal`, {})).status).toBe(409);

    clock = new Date(clock.getTime() + 45 * MINUTE);
    expect(await currentNoticeTitles()).toEqual(["later"]);
    clock = new Date(clock.getTime() + 60 * MINUTE);
    expect(await currentNoticeTitles()).toEqual([]);
  });

  it("names the field of a bad notice, and is for ops only", async () => {
    const backwards = await post("/api/admin/notices", noticeInput({ startsAt: at(10), endsAt: at(5) }));
    expect(backwards.status).toBe(400);
    expect(backwards.body.error?.fields?.[0]?.field).toBe("body.endsAt");
    const untitled = await post("/api/admin/notices", noticeInput({ title: text(" ") }));
    expect(untitled.body.error?.fields?.[0]?.field).toBe("body.title");
    const badAudience = await post("/api/admin/notices", { ...noticeInput(), audience: "OPERATOR" });
    expect(badAudience.body.error?.fields?.[0]?.field).toBe("body.audience");
    expect((await post("/api/admin/notices", noticeInput(), contractorToken)).status).toBe(403);
    expect((await testApp.app.inject({ method: "GET", url: "/api/admin/notices" })).statusCode).toBe(401);
    const events = await testApp.prisma.auditEvent.count({ where: { action: { startsWith: "notices." } } });
    expect(events).toBe(7);
  });
});

describe("maintenance windows", () => {
  const tsaGarbage = () =>
    testApp.app.inject({ method: "POST", url: "/api/pki/tsa", headers: { "content-type": "application/timestamp-query" }, payload: Buffer.from("not a request") });
  const status = async () => (await testApp.app.inject({ method: "GET", url: "/api/maintenance" })).json<MaintenanceStatus>();

  it("refuses every signing step during a signing window, saying until when, and lets the rest through", async () => {
    const scheduled = await post<MaintenanceWindow>("/api/admin/maintenance-windows", { scope: "SIGNING", startsAt: at(10), endsAt: at(70), reason: "CA key ceremony" });
    expect(scheduled.status).toBe(201);
    expect((await status()).upcoming).toEqual([{ scope: "SIGNING", startsAt: at(10), endsAt: at(70) }]);
    // Announced at once, to everyone, in three languages.
    const announcement = (await testApp.app.inject({ method: "GET", url: "/api/notices" })).json<NoticeList>().notices[0]!;
    expect(announcement).toMatchObject({ maintenanceWindowId: scheduled.body.id, audience: "EVERYONE" });
    expect(announcement.body.ko).toContain("전자서명");
    expect(announcement.body.ja).toContain("電子署名");
    expect(announcement.body.en).toContain("CA key ceremony");
    expect((await tsaGarbage()).statusCode).toBe(200);

    clock = new Date(clock.getTime() + 15 * MINUTE);
    const endsAt = scheduled.body.endsAt;
    expect((await status()).signingPausedUntil).toBe(endsAt);
    const refused = await tsaGarbage();
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error).toMatchObject({ code: "SERVICE_UNAVAILABLE", retryAt: endsAt, message: `Signing is paused for maintenance until ${endsAt}.` });
    expect(Number(refused.headers["retry-after"])).toBe(55 * 60);
    const delegation = await post("/api/delegations", {}, ordererToken);
    expect(delegation.status).toBe(503);
    // Not a signing step: answered as usual.
    expect((await testApp.app.inject({ method: "GET", url: "/api/users", headers: bearer(ordererToken) })).statusCode).toBe(200);

    const cancelled = await post<MaintenanceWindow>(`/api/admin/maintenance-windows/${scheduled.body.id}/cancellation`, {});
    expect(cancelled.status).toBe(200);
    expect((await tsaGarbage()).statusCode).toBe(200);
    expect((await status()).signingPausedUntil).toBeNull();
    expect((await currentNoticeTitles()).includes(announcement.title.en)).toBe(false);
    expect((await post(`/api/admin/maintenance-windows/${scheduled.body.id}/cancellation`, {})).status).toBe(409);
  });

  it("answers 503 with Retry-After during a full window, except health, the lookup, sign-in and ops", async () => {
    const scheduled = await post<MaintenanceWindow>("/api/admin/maintenance-windows", { scope: "FULL", startsAt: at(0), endsAt: at(30) });
    expect(scheduled.status).toBe(201);
    const refused = await testApp.app.inject({ method: "GET", url: "/api/users", headers: bearer(ordererToken) });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers["retry-after"]).toBe(String(30 * 60));
    expect((await tsaGarbage()).statusCode).toBe(503);
    expect((await testApp.app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
    const lookup = await testApp.app.inject({ method: "POST", url: "/api/verify/guarantee", payload: {} });
    expect(lookup.statusCode).toBe(400);
    expect((await status()).systemPausedUntil).toBe(scheduled.body.endsAt);
    expect((await testApp.app.inject({ method: "GET", url: "/api/admin/maintenance-windows", headers: bearer(opsToken) })).statusCode).toBe(200);

    clock = new Date(clock.getTime() + 31 * MINUTE);
    expect((await testApp.app.inject({ method: "GET", url: "/api/users", headers: bearer(ordererToken) })).statusCode).toBe(200);
  });

  it("names the field of a bad window", async () => {
    const past = await post("/api/admin/maintenance-windows", { scope: "FULL", startsAt: at(-60), endsAt: at(-30) });
    expect(past.body.error?.fields?.[0]?.field).toBe("body.endsAt");
    const tooLong = await post("/api/admin/maintenance-windows", { scope: "FULL", startsAt: at(0), endsAt: at(15 * 24 * 60) });
    expect(tooLong.body.error?.fields?.[0]?.field).toBe("body.endsAt");
    const badScope = await post("/api/admin/maintenance-windows", { scope: "PARTIAL", startsAt: at(0), endsAt: at(10) });
    expect(badScope.body.error?.fields?.[0]?.field).toBe("body.scope");
    expect((await post("/api/admin/maintenance-windows", { scope: "FULL", startsAt: at(0), endsAt: at(10) }, ordererToken)).status).toBe(403);
  });
});

describe("exempt routes are configurable", () => {
  it("closes the lookup too when MAINTENANCE_EXEMPT_ROUTES leaves it out", async () => {
    const strict = await buildTestApp({ MAINTENANCE_EXEMPT_ROUTES: "/api/health" }, { now: () => clock });
    try {
      const ops = await signInOps(strict.app, strict.prisma);
      const scheduled = await strict.app.inject({
        method: "POST",
        url: "/api/admin/maintenance-windows",
        headers: bearer(ops.token),
        payload: { scope: "FULL", startsAt: at(0), endsAt: at(30) },
      });
      expect(scheduled.statusCode).toBe(201);
      expect((await strict.app.inject({ method: "POST", url: "/api/verify/guarantee", payload: {} })).statusCode).toBe(503);
      expect((await strict.app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
    } finally {
      await strict.close();
    }
  });
});
