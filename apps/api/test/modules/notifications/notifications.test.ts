// Notifications end to end: a step writes the inbox rows and the outbox in its own transaction; the worker delivers
// the mail to a real SMTP server in the recipient's language; an SMTP outage and a server restart lose nothing and
// send nothing twice; preferences, per-case contacts, the local mailbox and the ops retry.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { NotificationList, OutboxList, OutboxMail } from "@pwp/shared/notifications";
import { buildApp } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { createSmtpSink, type SmtpSink } from "../../support/smtp-sink.ts";
import { openTestDatabase, type TestDatabase } from "../../support/test-database.ts";
import type { TestApp } from "../../support/test-app.ts";
import { caller, createParties, draftBody } from "../contracts/contract-fixtures.ts";
import { applicationBody, createApplication, createGuaranteeParties } from "../guarantees/guarantee-fixtures.ts";
import { bearer, signInOps } from "../registration/registration-helpers.ts";

let testDatabase: TestDatabase;
let sink: SmtpSink;
let dataDir: string;
let clock = new Date("2026-12-01T00:00:00.000Z");
const apps: FastifyInstance[] = [];

/** An app on this file's one database, as a server process would be: several may run one after another. */
async function startApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: "test",
    DATA_DIR: dataDir,
    JWT_SECRET: "test-secret-that-is-long-enough-for-hs256-0123456789",
    LOG_LEVEL: "silent",
    PUBLIC_URL: "https://pwp.example.test",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(sink.port),
    MAIL_FROM: "PWP <no-reply@pwp.example.test>",
    MAIL_WORKER_INTERVAL_MS: "0",
    ...env,
  });
  const app = await buildApp({ config, database: testDatabase.database, logger: false, now: () => clock });
  apps.push(app);
  return { app, config, prisma: testDatabase.database.prisma, close: () => app.close() };
}

beforeAll(async () => {
  testDatabase = await openTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), "pwp-notify-"));
  sink = await createSmtpSink();
  await sink.start();
});
afterEach(async () => {
  while (apps.length > 0) await apps.pop()!.close();
});
afterAll(async () => {
  await sink.dispose();
  await testDatabase.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

async function sendContract(testApp: TestApp, parties: Awaited<ReturnType<typeof createParties>>) {
  const call = caller(testApp);
  const created = await call("POST", "/api/contracts", parties.orderer.staff.auth, draftBody(parties.contractor.organization.id, { title: "한강교 <보수> 공사" }));
  const sent = await call("POST", `/api/contracts/${created.json().id}/send`, parties.orderer.staff.auth, { version: 1 });
  expect(sent.statusCode).toBe(200);
  return sent.json() as { id: string; contractNumber: string; version: number };
}

const mailsFor = async (eventKey: string) => testDatabase.database.prisma.outboxMail.findMany({ where: { eventKey }, orderBy: { recipient: "asc" } });

describe("a step that waits on someone", () => {
  it("writes inbox rows and mail in its transaction; the worker delivers the mail in the recipient's language", async () => {
    const testApp = await startApp();
    const parties = await createParties(testApp, "KR");
    const contract = await sendContract(testApp, parties);
    const eventKey = `contract:${contract.id}:sent:1`;

    const inbox = await caller(testApp)("GET", "/api/notifications", parties.contractor.representative.auth);
    const list = inbox.json<NotificationList>();
    expect(list.unreadCount).toBe(1);
    expect(list.notifications[0]).toMatchObject({ kind: "CONTRACT_SENT", link: `/contracts/${contract.id}`, params: { number: contract.contractNumber } });
    // Both contractor users, nobody on the orderer's side.
    const outbox = await mailsFor(eventKey);
    expect(outbox.map((mail) => mail.status)).toEqual(["PENDING", "PENDING"]);
    expect((await caller(testApp)("GET", "/api/notifications", parties.orderer.staff.auth)).json<NotificationList>().unreadCount).toBe(0);

    expect(await testApp.app.mailWorker.runOnce()).toBeGreaterThanOrEqual(2);
    const delivered = (await sink.messages()).filter((mail) => mail.text?.includes(contract.id));
    expect(delivered).toHaveLength(2);
    const [first] = delivered;
    expect(first!.subject).toBe(`검토·서명할 계약: ${contract.contractNumber}`);
    expect(first!.text).toContain(`https://pwp.example.test/contracts/${contract.id}`);
    expect(first!.text).toContain("한강교 <보수> 공사");
    expect(first!.html).toContain("한강교 &lt;보수&gt; 공사");
    expect(first!.html).not.toContain("<보수>");
    expect(first!.from?.text).toContain("no-reply@pwp.example.test");
    expect((await mailsFor(eventKey)).every((mail) => mail.status === "SENT" && mail.transport === "SMTP")).toBe(true);

    // Read it: the count drops; another user cannot read it (404).
    const id = list.notifications[0]!.id;
    expect((await caller(testApp)("POST", `/api/notifications/${id}/read`, parties.contractor.staff.auth)).statusCode).toBe(404);
    expect((await caller(testApp)("POST", `/api/notifications/${id}/read`, parties.contractor.representative.auth)).json().readAt).not.toBeNull();
    expect((await caller(testApp)("GET", "/api/notifications/unread-count", parties.contractor.representative.auth)).json()).toEqual({ unreadCount: 0 });
  });

  it("writes nothing when the step is refused", async () => {
    const testApp = await startApp();
    const parties = await createParties(testApp, "KR");
    const call = caller(testApp);
    const created = await call("POST", "/api/contracts", parties.orderer.staff.auth, draftBody(parties.contractor.organization.id));
    const stale = await call("POST", `/api/contracts/${created.json().id}/send`, parties.orderer.staff.auth, { version: 99 });
    expect(stale.statusCode).toBe(409);
    expect(await testDatabase.database.prisma.notification.count({ where: { eventKey: { startsWith: `contract:${created.json().id}` } } })).toBe(0);
    expect(await mailsFor(`contract:${created.json().id}:sent:1`)).toEqual([]);
  });
});

describe("delivery", () => {
  it("keeps mail through an SMTP outage and sends it once when the server is back, with backoff between tries", async () => {
    const testApp = await startApp();
    const parties = await createParties(testApp, "JP");
    await sink.kill();
    const contract = await sendContract(testApp, parties);
    const eventKey = `contract:${contract.id}:sent:1`;
    expect(await testApp.app.mailWorker.runOnce()).toBe(0);
    const failed = await mailsFor(eventKey);
    expect(failed.every((mail) => mail.status === "PENDING" && mail.attempts === 1 && mail.lastError)).toBe(true);
    expect(failed[0]!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(clock.getTime() + 30_000);

    await sink.start();
    // Not due yet: nothing is tried before the backoff ends.
    expect(await testApp.app.mailWorker.runOnce()).toBe(0);
    clock = new Date(clock.getTime() + 60_000);
    expect(await testApp.app.mailWorker.runOnce()).toBe(2);
    expect(await testApp.app.mailWorker.runOnce()).toBe(0);
    const delivered = (await sink.messages()).filter((mail) => mail.text?.includes(contract.id));
    expect(delivered).toHaveLength(2);
    expect(delivered[0]!.subject).toBe(`確認・署名が必要な契約：${contract.contractNumber}`);
    expect(new Set(delivered.map((mail) => mail.messageId)).size).toBe(2);
  });

  it("delivers after a server restart what the stopped server left in the outbox, each mail once", async () => {
    const first = await startApp();
    const parties = await createParties(first, "KR");
    await sink.kill();
    const contract = await sendContract(first, parties);
    await first.app.mailWorker.runOnce();
    await first.app.close();
    apps.splice(apps.indexOf(first.app), 1);
    await sink.start();

    clock = new Date(clock.getTime() + 3_600_000);
    const second = await startApp({ MAIL_WORKER_INTERVAL_MS: "50" });
    await second.app.ready();
    await expect.poll(async () => (await mailsFor(`contract:${contract.id}:sent:1`)).every((mail) => mail.status === "SENT"), { timeout: 10_000 }).toBe(true);
    const delivered = (await sink.messages()).filter((mail) => mail.text?.includes(contract.id));
    expect(delivered).toHaveLength(2);
  });

  it("gives up after the last attempt; ops send it again", async () => {
    const testApp = await startApp({ MAIL_MAX_ATTEMPTS: "1" });
    const parties = await createParties(testApp, "KR");
    await sink.kill();
    const contract = await sendContract(testApp, parties);
    await testApp.app.mailWorker.runOnce();
    const [failed] = await mailsFor(`contract:${contract.id}:sent:1`);
    expect(failed!.status).toBe("FAILED");
    await sink.start();

    const ops = await signInOps(testApp.app, testApp.prisma);
    const list = await testApp.app.inject({ method: "GET", url: "/api/admin/mail?status=FAILED", headers: bearer(ops.token) });
    expect(list.json<OutboxList>().mails.map((mail) => mail.id)).toContain(failed!.id);
    expect(list.json<OutboxList>().smtpConfigured).toBe(true);
    const searched = await testApp.app.inject({ method: "GET", url: `/api/admin/mail?q=${encodeURIComponent(failed!.recipient.toUpperCase())}`, headers: bearer(ops.token) });
    expect(searched.json<OutboxList>().mails.map((mail) => mail.recipient)).toEqual([failed!.recipient]);
    const retried = await testApp.app.inject({ method: "POST", url: `/api/admin/mail/${failed!.id}/retry`, headers: bearer(ops.token) });
    expect(retried.json<OutboxMail>().status).toBe("PENDING");
    expect((await testApp.app.inject({ method: "POST", url: `/api/admin/mail/${failed!.id}/retry`, headers: bearer(ops.token) })).statusCode).toBe(409);
    await testApp.app.mailWorker.runOnce();
    expect((await testDatabase.database.prisma.outboxMail.findUniqueOrThrow({ where: { id: failed!.id } })).status).toBe("SENT");
    expect(await testDatabase.database.prisma.auditEvent.count({ where: { action: "mail.retried", targetId: failed!.id } })).toBe(1);

    expect((await testApp.app.inject({ method: "GET", url: "/api/admin/mail", headers: { authorization: parties.orderer.representative.auth } })).statusCode).toBe(403);
  });

  it("keeps mail in the local mailbox when no SMTP server is configured", async () => {
    const testApp = await startApp({ SMTP_HOST: "" });
    const parties = await createParties(testApp, "KR");
    const contract = await sendContract(testApp, parties);
    await testApp.app.mailWorker.runOnce();
    const mails = await mailsFor(`contract:${contract.id}:sent:1`);
    expect(mails.every((mail) => mail.status === "SENT" && mail.transport === "MAILBOX")).toBe(true);
    const ops = await signInOps(testApp.app, testApp.prisma);
    const opened = await testApp.app.inject({ method: "GET", url: `/api/admin/mail/${mails[0]!.id}`, headers: bearer(ops.token) });
    expect(opened.json<OutboxMail>()).toMatchObject({ transport: "MAILBOX", subject: `검토·서명할 계약: ${contract.contractNumber}` });
    expect(opened.json<OutboxMail>().html).toContain("<!doctype html>");
  });
});

describe("who gets mail", () => {
  it("follows each user's preference (the inbox always gets it) and adds a guarantee's case contacts", async () => {
    const testApp = await startApp();
    const parties = await createGuaranteeParties(testApp, "JP");
    const call = caller(testApp);
    const saved = await call("PUT", "/api/me/notification-preferences", parties.surety.staff.auth, { preferences: [{ kind: "GUARANTEE_SUBMITTED", email: false }] });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().preferences).toContainEqual({ kind: "GUARANTEE_SUBMITTED", email: false });
    const duplicate = await call("PUT", "/api/me/notification-preferences", parties.surety.staff.auth, {
      preferences: [{ kind: "GUARANTEE_SUBMITTED", email: false }, { kind: "GUARANTEE_SUBMITTED", email: true }],
    });
    expect(duplicate.json().error.fields[0].field).toBe("body.preferences.1.kind");

    const application = await createApplication(
      testApp,
      parties.contractor.staff,
      applicationBody(parties.surety.organization.id, { notificationEmail: "keiri@aoba.example.jp", contacts: [{ name: "工事部 田中", email: "tanaka@aoba.example.jp" }] }),
    );
    const submitted = await call("POST", `/api/guarantees/${application.id}/submit`, parties.contractor.representative.auth, { version: application.version });
    expect(submitted.statusCode).toBe(200);
    const submittedMails = await mailsFor(`guarantee:${application.id}:submitted:${application.version}`);
    const staffEmail = (await testDatabase.database.prisma.user.findUniqueOrThrow({ where: { id: parties.surety.staff.id } })).email;
    expect(submittedMails.map((mail) => mail.recipient)).not.toContain(staffEmail);
    expect(submittedMails).toHaveLength(1);
    expect((await call("GET", "/api/notifications", parties.surety.staff.auth)).json<NotificationList>().notifications[0]?.kind).toBe("GUARANTEE_SUBMITTED");

    const correction = await call("POST", `/api/guarantees/${application.id}/request-correction`, parties.surety.representative.auth, {
      version: submitted.json().version,
      reason: "保証期間を確認してください",
    });
    expect(correction.statusCode).toBe(200);
    const correctionMails = await mailsFor(`guarantee:${application.id}:correction_requested:${submitted.json().version}`);
    expect(correctionMails.map((mail) => mail.recipient)).toEqual(expect.arrayContaining(["keiri@aoba.example.jp", "tanaka@aoba.example.jp"]));
    expect(correctionMails.find((mail) => mail.recipient === "tanaka@aoba.example.jp")).toMatchObject({ locale: "ja", subject: "保証申込の訂正依頼" });
    expect(correctionMails.find((mail) => mail.recipient === "tanaka@aoba.example.jp")!.text).toContain("保証期間を確認してください");
  });

  it("adds the contract's contacts of the side it waits on", async () => {
    const testApp = await startApp();
    const parties = await createParties(testApp, "KR");
    const call = caller(testApp);
    const contacts = [
      { side: "ORDERER" as const, name: "김담당", email: "kim@orderer.example.kr" },
      { side: "CONTRACTOR" as const, name: "이현장", email: "lee@site.example.kr" },
    ];
    const created = await call("POST", "/api/contracts", parties.orderer.staff.auth, draftBody(parties.contractor.organization.id, { contacts }));
    expect((await call("POST", `/api/contracts/${created.json().id}/send`, parties.orderer.staff.auth, { version: 1 })).statusCode).toBe(200);
    const recipients = (await mailsFor(`contract:${created.json().id}:sent:1`)).map((mail) => mail.recipient);
    expect(recipients).toContain("lee@site.example.kr");
    expect(recipients).not.toContain("kim@orderer.example.kr");
  });

  it("writes mail in the language the user chose", async () => {
    const testApp = await startApp();
    const parties = await createParties(testApp, "KR");
    expect((await caller(testApp)("PUT", "/api/me/locale", parties.contractor.representative.auth, { locale: "en" })).statusCode).toBe(200);
    expect((await caller(testApp)("PUT", "/api/me/locale", parties.contractor.representative.auth, { locale: "fr" })).json().error.fields[0].field).toBe("body.locale");
    const contract = await sendContract(testApp, parties);
    const email = (await testDatabase.database.prisma.user.findUniqueOrThrow({ where: { id: parties.contractor.representative.id } })).email;
    const [mail] = (await mailsFor(`contract:${contract.id}:sent:1`)).filter((row) => row.recipient === email);
    expect(mail).toMatchObject({ locale: "en", subject: `Contract to review and sign: ${contract.contractNumber}` });
  });
});
