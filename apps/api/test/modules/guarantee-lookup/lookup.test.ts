// Issue 7, the public lookup: a real guarantee issued and signed as the surety's browser signs it, looked up by
// number and key. Success with the stored signature status, one 404 for every wrong pair, input normalisation, the
// per-number lockout at the 6th attempt and its release (the app's clock moved), the per-address limit and a forged
// X-Forwarded-For, failed-attempt alerts, the view log, the PDF download, and the revocation re-check after a newer CRL.
import type { GuaranteeLookupLog, GuaranteeLookupResult } from "@pwp/shared/guarantee-lookup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { authKeyOf, caller, downloadPdf, issuedGuarantee, prepareAndSign } from "../guarantees/guarantee-fixtures.ts";
import { lookupCaller, nextAddress, randomGuaranteeNumber, wrongKeyFor } from "./lookup-fixtures.ts";

const MINUTE_MS = 60_000;
let offsetMs = 0;
let testApp: TestApp;
let post: ReturnType<typeof lookupCaller>;
let issued: Awaited<ReturnType<typeof issuedGuarantee>>;
let guaranteeNumber: string;
let authKey: string;

beforeAll(async () => {
  testApp = await buildTestApp({}, { now: () => new Date(Date.now() + offsetMs) });
  post = lookupCaller(testApp);
  issued = await issuedGuarantee(testApp);
  guaranteeNumber = issued.guarantee.guaranteeNumber as string;
  authKey = await authKeyOf(testApp, issued.contractor.staff, issued.guarantee.id);
});
afterAll(() => testApp?.close());

async function lookupLog(guaranteeId: string, auth: string): Promise<GuaranteeLookupLog> {
  const response = await caller(testApp)("GET", `/api/guarantees/${guaranteeId}/lookups`, auth);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe("a successful lookup", () => {
  it("returns the certificate as signed, its signature status from the stored verification, and logs the view", async () => {
    const ip = nextAddress();
    const response = await post("", { guaranteeNumber, authKey }, { ip });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    const result = response.json() as GuaranteeLookupResult;
    expect(result).toMatchObject({ guaranteeNumber, kind: "CONTRACT_PERFORMANCE", currency: "KRW", displayStatus: "VALID", acceptance: null, ordererActions: null });
    expect(result.versions).toHaveLength(1);
    const [version] = result.versions;
    expect(version?.document).toEqual(JSON.parse(issued.prepared.canonicalJson));
    expect(version).toMatchObject({ number: 1, kind: "ISSUE", changes: [], reason: "" });
    expect(version?.signature).toMatchObject({
      isValid: true,
      problems: [],
      isRevoked: false,
      isDataSignatureValid: true,
      suretyOrganizationName: issued.surety.organization.nameLocal,
      timestamp: { isValid: true },
    });
    expect(version?.signature.trustedRoot).toEqual(expect.stringContaining("CN="));
    expect(version?.signature.signerSubject).toEqual(expect.stringContaining("CN="));

    const views = await testApp.prisma.guaranteeView.findMany({ where: { guaranteeId: issued.guarantee.id, ipAddress: ip } });
    expect(views).toEqual([expect.objectContaining({ versionNumber: 1, viewerUserId: null, viewerOrganizationId: null })]);
    const log = await lookupLog(issued.guarantee.id, issued.contractor.staff.auth);
    expect(log.views).toContainEqual(expect.objectContaining({ ipAddress: ip, versionNumber: 1, viewerOrganizationName: null }));
  });

  it("takes the number without its hyphen, full-width digits and letters, and the key as printed (4-4-4-2) or spaced", async () => {
    const toFullWidth = (text: string) => text.replace(/[0-9A-Za-z]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0));
    const grouped = authKey.match(/.{1,4}/g)?.join("-") ?? authKey;
    for (const [number, key] of [
      [guaranteeNumber.replace("-", ""), grouped],
      [toFullWidth(guaranteeNumber).replace("-", "－"), toFullWidth(authKey)],
      [` ${guaranteeNumber} `, grouped.replaceAll("-", " ")],
    ] as const) {
      const response = await post("", { guaranteeNumber: number, authKey: key }, { ip: nextAddress() });
      expect(response.statusCode, `${number} / ${key}: ${response.body}`).toBe(200);
    }
  });

  it("40 lookups at once are all answered and every one of them is in the view log (written in groups)", async () => {
    const ip = nextAddress();
    const responses = await Promise.all(Array.from({ length: 40 }, () => post("", { guaranteeNumber, authKey }, { ip })));
    expect(responses.map((response) => response.statusCode)).toEqual(Array.from({ length: 40 }, () => 200));
    expect(await testApp.prisma.guaranteeView.count({ where: { guaranteeId: issued.guarantee.id, ipAddress: ip } })).toBe(40);
  });

  it("a version the surety signs after a lookup is in the next lookup (what is kept in memory is per version)", async () => {
    const other = await issuedGuarantee(testApp, { parties: issued });
    const number = other.guarantee.guaranteeNumber as string;
    const key = await authKeyOf(testApp, other.contractor.staff, other.guarantee.id);
    const before = (await post("", { guaranteeNumber: number, authKey: key }, { ip: nextAddress() })).json() as GuaranteeLookupResult;
    expect(before.versions.map((version) => version.number)).toEqual([1]);

    const changed = await prepareAndSign(testApp, other.surety.representative, other.suretyCertificate, other.guarantee.id, {
      action: "CHANGE",
      version: other.guarantee.version,
      reason: "계약금액 변경에 따른 보증금액 증액",
      amendment: { guaranteeAmount: other.guarantee.guaranteeAmount + 1_000_000 },
    });
    expect(changed.response.statusCode, changed.response.body).toBe(201);
    const after = (await post("", { guaranteeNumber: number, authKey: key }, { ip: nextAddress() })).json() as GuaranteeLookupResult;
    expect(after.displayStatus).toBe("CHANGED");
    expect(after.versions.map((version) => [version.number, version.kind])).toEqual([
      [2, "CHANGE"],
      [1, "ISSUE"],
    ]);
    expect(after.versions[0]?.document.guaranteeAmount).toBe(other.guarantee.guaranteeAmount + 1_000_000);
  });
});

describe("wrong credentials", () => {
  it("a wrong key, an unknown number and a malformed number get the same 404 with the same body", async () => {
    const wrongKey = await post("", { guaranteeNumber, authKey: wrongKeyFor(authKey) }, { ip: nextAddress() });
    const wrongNumber = await post("", { guaranteeNumber: randomGuaranteeNumber(), authKey }, { ip: nextAddress() });
    const malformed = await post("", { guaranteeNumber: "12-34", authKey: "x" }, { ip: nextAddress() });
    const lowerCase = await post("", { guaranteeNumber, authKey: authKey.toLowerCase() === authKey ? authKey.toUpperCase() : authKey.toLowerCase() }, { ip: nextAddress() });
    for (const response of [wrongKey, wrongNumber, malformed, lowerCase]) {
      expect(response.statusCode).toBe(404);
      expect(response.body).toBe(wrongKey.body);
    }
    expect(wrongKey.json().error.code).toBe("NOT_FOUND");
  });

  it("a failed attempt on an existing guarantee is an alert for its contractor and surety (with the address), not for others", async () => {
    const ip = nextAddress();
    await post("", { guaranteeNumber, authKey: wrongKeyFor(authKey) }, { ip });
    for (const party of [issued.contractor.staff, issued.surety.staff]) {
      expect((await lookupLog(issued.guarantee.id, party.auth)).failedAttempts).toContainEqual({ at: expect.any(String), ipAddress: ip });
    }
    const log = await caller(testApp)("GET", `/api/guarantees/${issued.guarantee.id}/lookups`, issued.orderer.staff.auth);
    expect(log.statusCode).toBe(403);
    expect((await caller(testApp)("GET", `/api/guarantees/${issued.guarantee.id}/lookups`)).statusCode).toBe(401);
  });

  it("an empty or oversized field is a 400 naming it (and counts nothing)", async () => {
    const ip = nextAddress();
    const response = await post("", { guaranteeNumber: "", authKey: "x".repeat(61) }, { ip });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.map((field: { field: string }) => field.field)).toEqual(expect.arrayContaining(["body.guaranteeNumber"]));
    expect(await testApp.prisma.guaranteeLookupCounter.findFirst({ where: { scope: "ADDRESS", subject: ip } })).toBeNull();
  });
});

describe("brute-force protection", () => {
  it("after 5 failures the number is locked for everyone: the 6th attempt gets 429 even with the right key, until the lock ends", async () => {
    const victim = await issuedGuarantee(testApp);
    const number = victim.guarantee.guaranteeNumber as string;
    const key = await authKeyOf(testApp, victim.contractor.staff, victim.guarantee.id);
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await post("", { guaranteeNumber: number, authKey: wrongKeyFor(key) }, { ip: nextAddress() });
      expect(response.statusCode, `attempt ${attempt}`).toBe(404);
    }
    const locked = await post("", { guaranteeNumber: number.replace("-", ""), authKey: key }, { ip: nextAddress() });
    expect(locked.statusCode).toBe(429);
    const error = locked.json().error;
    expect(error.code).toBe("RATE_LIMITED");
    const retryAt = new Date(error.retryAt);
    expect(Math.abs(retryAt.getTime() - (Date.now() + offsetMs + 15 * MINUTE_MS))).toBeLessThan(MINUTE_MS);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(14 * 60);
    expect(Number(locked.headers["retry-after"])).toBeLessThanOrEqual(15 * 60);
    expect(error.message).toContain("(UTC+9)");
    // Other guarantees are not affected.
    expect((await post("", { guaranteeNumber, authKey }, { ip: nextAddress() })).statusCode).toBe(200);

    offsetMs += 15 * MINUTE_MS + 1000;
    const released = await post("", { guaranteeNumber: number, authKey: key }, { ip: nextAddress() });
    expect(released.statusCode, released.body).toBe(200);
    // A fresh window: one more failure does not lock it again.
    expect((await post("", { guaranteeNumber: number, authKey: wrongKeyFor(key) }, { ip: nextAddress() })).statusCode).toBe(404);
    expect((await post("", { guaranteeNumber: number, authKey: key }, { ip: nextAddress() })).statusCode).toBe(200);
  });

  it("an unknown number locks the same way, so the lockout tells nothing about which numbers exist", async () => {
    const number = randomGuaranteeNumber();
    const statuses = [];
    for (let attempt = 1; attempt <= 6; attempt++) statuses.push((await post("", { guaranteeNumber: number, authKey }, { ip: nextAddress() })).statusCode);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
  });

  it("failures in an earlier window do not add up: the window starts again after 15 minutes", async () => {
    const number = randomGuaranteeNumber();
    for (let attempt = 1; attempt <= 4; attempt++) await post("", { guaranteeNumber: number, authKey }, { ip: nextAddress() });
    offsetMs += 15 * MINUTE_MS + 1000;
    for (let attempt = 1; attempt <= 4; attempt++) expect((await post("", { guaranteeNumber: number, authKey }, { ip: nextAddress() })).statusCode).toBe(404);
    expect(await testApp.prisma.guaranteeLookupCounter.findUnique({ where: { scope_subject: { scope: "NUMBER", subject: number } } })).toMatchObject({ failures: 4, lockedUntil: null });
  });

  it("a client address is limited to 20 failures across numbers; other addresses go on", async () => {
    const ip = nextAddress();
    for (let attempt = 1; attempt <= 20; attempt++) {
      expect((await post("", { guaranteeNumber: randomGuaranteeNumber(), authKey }, { ip })).statusCode, `attempt ${attempt}`).toBe(404);
    }
    const blocked = await post("", { guaranteeNumber, authKey }, { ip });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.message).toContain("network address");
    expect((await post("", { guaranteeNumber, authKey }, { ip: nextAddress() })).statusCode).toBe(200);
  });

  it("a forged X-Forwarded-For does not change the counted address without TRUST_PROXY", async () => {
    const ip = nextAddress();
    for (let attempt = 1; attempt <= 20; attempt++) {
      const response = await post("", { guaranteeNumber: randomGuaranteeNumber(), authKey }, { ip, headers: { "x-forwarded-for": `203.0.113.${attempt}`, "x-real-ip": `203.0.113.${attempt}` } });
      expect(response.statusCode).toBe(404);
    }
    const forged = await post("", { guaranteeNumber, authKey }, { ip, headers: { "x-forwarded-for": "203.0.113.250" } });
    expect(forged.statusCode).toBe(429);
    expect(await testApp.prisma.guaranteeLookupCounter.count({ where: { scope: "ADDRESS", subject: { startsWith: "203.0.113." } } })).toBe(0);
  });

  it("a success resets nothing: the failures before it still count towards the lock", async () => {
    const victim = await issuedGuarantee(testApp, { parties: { orderer: issued.orderer, contractor: issued.contractor, surety: issued.surety } });
    const number = victim.guarantee.guaranteeNumber as string;
    const key = await authKeyOf(testApp, victim.contractor.staff, victim.guarantee.id);
    const statuses = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      statuses.push((await post("", { guaranteeNumber: number, authKey: wrongKeyFor(key) }, { ip: nextAddress() })).statusCode);
      if (attempt < 5) statuses.push((await post("", { guaranteeNumber: number, authKey: key }, { ip: nextAddress() })).statusCode);
    }
    statuses.push((await post("", { guaranteeNumber: number, authKey: key }, { ip: nextAddress() })).statusCode);
    expect(statuses).toEqual([404, 200, 404, 200, 404, 200, 404, 200, 404, 429]);
  });
});

describe("the certificate PDF", () => {
  it("returns the signed PDF of the current version (or the one asked for), not cached, and logs the download", async () => {
    const ip = nextAddress();
    const response = await post("/certificate.pdf", { guaranteeNumber, authKey }, { ip });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.headers["content-disposition"]).toContain(`${guaranteeNumber}_v1.pdf`);
    const signed = await downloadPdf(testApp, issued.contractor.staff, issued.guarantee.id, 1, "certificate.pdf");
    expect(Buffer.from(response.rawPayload).equals(Buffer.from(signed))).toBe(true);
    expect(await testApp.prisma.guaranteeView.count({ where: { guaranteeId: issued.guarantee.id, ipAddress: ip } })).toBe(1);

    const explicit = await post("/certificate.pdf", { guaranteeNumber, authKey, versionNumber: 1 }, { ip });
    expect(explicit.statusCode).toBe(200);
    const missing = await post("/certificate.pdf", { guaranteeNumber, authKey, versionNumber: 9 }, { ip });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.fields).toEqual([expect.objectContaining({ field: "body.versionNumber" })]);
  });

  it("with a wrong key: the same 404 as the lookup, counted against the same limits", async () => {
    const ip = nextAddress();
    const response = await post("/certificate.pdf", { guaranteeNumber, authKey: wrongKeyFor(authKey) }, { ip });
    expect(response.statusCode).toBe(404);
    expect(response.body).toBe((await post("", { guaranteeNumber, authKey: wrongKeyFor(authKey) }, { ip })).body);
    expect(await testApp.prisma.guaranteeLookupCounter.findUnique({ where: { scope_subject: { scope: "ADDRESS", subject: ip } } })).toMatchObject({ failures: 2 });
  });
});

describe("revocation, re-checked when the CRL changes", () => {
  it("stores the check with the CRL number once; a newer CRL listing the signer as revoked before it signed turns the signature invalid", async () => {
    const target = await issuedGuarantee(testApp, { parties: { orderer: issued.orderer, contractor: issued.contractor, surety: issued.surety } });
    const number = target.guarantee.guaranteeNumber as string;
    const key = await authKeyOf(testApp, target.contractor.staff, target.guarantee.id);
    const versionWhere = { guaranteeId_number: { guaranteeId: target.guarantee.id, number: 1 } };

    const first = (await post("", { guaranteeNumber: number, authKey: key }, { ip: nextAddress() })).json() as GuaranteeLookupResult;
    expect(first.versions[0]?.signature).toMatchObject({ isValid: true, isRevoked: false });
    const checked = await testApp.prisma.guaranteeVersion.findUniqueOrThrow({ where: versionWhere, select: { verifiedCrlNumber: true, verification: true } });
    expect(checked.verifiedCrlNumber).not.toBeNull();

    // No new CRL: the next view reads the stored check as it is.
    offsetMs += MINUTE_MS;
    await post("", { guaranteeNumber: number, authKey: key }, { ip: nextAddress() });
    const unchanged = await testApp.prisma.guaranteeVersion.findUniqueOrThrow({ where: versionWhere, select: { verifiedCrlNumber: true, verification: true } });
    expect(unchanged).toEqual(checked);

    // Revoked with an effective time before the signature (a key compromise dated back), published in a new CRL.
    const version = await testApp.prisma.guaranteeVersion.findUniqueOrThrow({ where: versionWhere, select: { signedAt: true, certificateId: true } });
    const signedAt = version.signedAt as Date;
    await testApp.prisma.$transaction(async (tx) => {
      await tx.certificate.update({ where: { id: version.certificateId as string }, data: { revokedAt: new Date(signedAt.getTime() - MINUTE_MS), revocationReason: "keyCompromise" } });
      await testApp.app.pki.publishCrl(tx, testApp.app.now());
    });
    const after = (await post("", { guaranteeNumber: number, authKey: key }, { ip: nextAddress() })).json() as GuaranteeLookupResult;
    expect(after.versions[0]?.signature).toMatchObject({ isValid: false, isRevoked: true, problems: expect.arrayContaining(["REVOKED"]) });
    const rechecked = await testApp.prisma.guaranteeVersion.findUniqueOrThrow({ where: versionWhere, select: { verifiedCrlNumber: true } });
    expect(rechecked.verifiedCrlNumber).toBeGreaterThan(checked.verifiedCrlNumber as bigint);
  });

  it("a revocation after the time-stamped signature leaves it valid (and says when the certificate was revoked)", async () => {
    const target = await issuedGuarantee(testApp, { parties: { orderer: issued.orderer, contractor: issued.contractor, surety: issued.surety } });
    const number = target.guarantee.guaranteeNumber as string;
    const key = await authKeyOf(testApp, target.contractor.staff, target.guarantee.id);
    offsetMs += MINUTE_MS;
    await testApp.prisma.$transaction(async (tx) => {
      await tx.certificate.update({ where: { id: target.suretyCertificate.certificateId }, data: { revokedAt: testApp.app.now(), revocationReason: "superseded" } });
      await testApp.app.pki.publishCrl(tx, testApp.app.now());
    });
    const result = (await post("", { guaranteeNumber: number, authKey: key }, { ip: nextAddress() })).json() as GuaranteeLookupResult;
    expect(result.versions[0]?.signature).toMatchObject({ isValid: true, isRevoked: false });
    const stored = await testApp.prisma.guaranteeVersion.findFirstOrThrow({ where: { guaranteeId: target.guarantee.id, number: 1 }, select: { verification: true } });
    expect((stored.verification as { revocation?: { revokedAt: string | null } }).revocation?.revokedAt).toEqual(expect.any(String));
  });
});
