// Issue 6, signing: the whole flow from a contract to an issued guarantee with its key, then every signed version
// (change, correction, partial and whole release, cancellation), re-keying, and each refusal of a signature the
// platform must not accept. Everything is signed in Node as the browser signs (guarantee-fixtures.ts).
import { AUTH_KEY_PATTERN, GUARANTEE_NUMBER_PATTERN, type GuaranteeDetail } from "@pwp/shared/guarantees";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthKeys } from "../../../src/lib/guarantee-auth-keys.ts";
import { issueTestCertificate } from "../../support/certificates.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { addPartyUser } from "../contracts/contract-fixtures.ts";
import {
  applicationBody,
  authKeyOf,
  caller,
  createApplication,
  createGuaranteeParties,
  fieldsOf,
  issuedGuarantee,
  postSignature,
  prepareAndSign,
  prepareVersion,
  sentContract,
  signatureBody,
  submittedApplication,
  TEST_FEE,
} from "./guarantee-fixtures.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let testApp: TestApp;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  testApp = await buildTestApp();
  call = caller(testApp);
});
afterAll(() => testApp?.close());

/** Every key the tests saw: none may appear in any audit row or list/detail response. */
const seenKeys = new Set<string>();

async function detailOf(auth: string, guaranteeId: string): Promise<GuaranteeDetail> {
  const response = await call("GET", `/api/guarantees/${guaranteeId}`, auth);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe("the whole flow", () => {
  it("apply from a contract, submit, correction, resubmit, issue with a fee statement: ISSUED with a number and a key", async () => {
    const { orderer, contractor, surety } = await createGuaranteeParties(testApp);
    const contract = await sentContract(testApp, orderer, contractor);

    // The contractor's staff drafts from the contract: the orderer and works details come from it.
    const created = await createApplication(
      testApp,
      contractor.staff,
      applicationBody(surety.organization.id, { contractId: contract.id, contractAmount: contract.amount, guaranteeAmount: 123_456_789, worksTitle: "ignored" }),
    );
    expect(created).toMatchObject({ status: "DRAFT", contractId: contract.id, worksTitle: contract.title, orderer: { id: orderer.organization.id }, currency: "KRW", currentVersion: 0 });
    expect(created.allowedActions).toEqual(["EDIT", "DELETE"]); // staff: no authority to send

    // Sending needs authority in the guarantees scope: the staff member has none, the representative has.
    const byStaff = await call("POST", `/api/guarantees/${created.id}/submit`, contractor.staff.auth, { version: created.version });
    expect(byStaff.statusCode, byStaff.body).toBe(403);
    const submitted = await call("POST", `/api/guarantees/${created.id}/submit`, contractor.representative.auth, { version: created.version });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe("SUBMITTED");

    // The surety asks for a correction.
    const queue = await call("GET", "/api/guarantees?awaitingMe=true", surety.staff.auth);
    expect(queue.json().items.map((item: { id: string }) => item.id)).toContain(created.id);
    const correction = await call("POST", `/api/guarantees/${created.id}/request-correction`, surety.staff.auth, {
      version: submitted.json().version,
      reason: "보증기간 종료일을 준공 후 1개월로 해 주십시오.",
    });
    expect(correction.statusCode, correction.body).toBe(200);
    expect(correction.json().status).toBe("CORRECTION_REQUESTED");

    // The contractor edits and sends again.
    const edited = await call("PUT", `/api/guarantees/${created.id}`, contractor.staff.auth, {
      ...applicationBody(surety.organization.id, { contractId: contract.id, contractAmount: contract.amount, guaranteeAmount: 123_456_789, guaranteeEndDate: "2028-01-24" }),
      version: correction.json().version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const resubmitted = await call("POST", `/api/guarantees/${created.id}/submit`, contractor.representative.auth, { version: edited.json().version });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(resubmitted.json().events.map((event: { kind: string }) => event.kind)).toEqual(["CREATED", "SUBMITTED", "CORRECTION_REQUESTED", "UPDATED", "RESUBMITTED"]);

    // The surety prepares the issue with a fee statement, and its representative signs both PDFs and the JSON.
    const certificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: surety.representative.id });
    const prepared = await prepareVersion(testApp, surety.representative, created.id, {
      action: "ISSUE",
      version: resubmitted.json().version,
      fee: { baseAmount: 123_456_789, rateBasisPoints: 35, feeAmount: 432_098 },
    });
    expect(prepared).toMatchObject({ number: 1, kind: "ISSUE" });
    expect(prepared.guaranteeNumber).toMatch(new RegExp(GUARANTEE_NUMBER_PATTERN));
    expect(prepared.feeStatementPdfSha256).toMatch(/^[0-9a-f]{64}$/);
    const document = JSON.parse(prepared.canonicalJson);
    expect(Object.keys(document)).toEqual([
      "type", "guaranteeNumber", "versionNumber", "versionKind", "kind", "language", "contractor", "jvMembers", "orderer", "worksTitle", "currency",
      "contractAmount", "contractDate", "worksStartDate", "worksEndDate", "guaranteeAmount", "guaranteeStartDate", "guaranteeEndDate", "depositBank",
      "surety", "issuedOn", "reason",
    ]);
    expect(document).toMatchObject({ guaranteeEndDate: "2028-01-24", language: "ko", orderer: { name: orderer.organization.nameLocal }, surety: { name: surety.organization.nameLocal } });
    expect(prepared.canonicalJson).not.toMatch(/\s"|":\s|,\s/);

    // The prepared version: the surety sees it, the contractor does not (neither in the detail nor as a PDF).
    expect((await detailOf(surety.staff.auth, created.id)).preparedVersion).toEqual(prepared);
    expect((await detailOf(contractor.staff.auth, created.id)).preparedVersion).toBeNull();
    expect((await call("GET", `/api/guarantees/${created.id}/versions/1/certificate.pdf`, contractor.staff.auth)).statusCode).toBe(404);

    const { body } = await signatureBody(testApp, surety.representative, created.id, prepared, certificate);
    const signed = await postSignature(testApp, surety.representative, created.id, 1, body);
    expect(signed.statusCode, signed.body).toBe(201);
    const issued = signed.json() as GuaranteeDetail;
    expect(issued).toMatchObject({ status: "ISSUED", displayStatus: "VALID", currentVersion: 1, guaranteeNumber: prepared.guaranteeNumber, preparedVersion: null });
    expect(issued.issuedAt).not.toBeNull();
    expect(issued.versions).toHaveLength(1);
    expect(issued.versions[0]).toMatchObject({ number: 1, kind: "ISSUE", changes: [], hasFeeStatement: true, signer: { name: surety.representative.name } });
    expect(issued.allowedActions).toEqual(expect.arrayContaining(["CHANGE", "CORRECT", "CANCEL", "RELEASE", "REKEY"]));
    expect(issued.events.at(-1)).toMatchObject({ kind: "ISSUED", versionNumber: 1 });

    // The version as stored: the signed bytes, signer, time-stamp time and the verification report.
    const row = await testApp.prisma.guaranteeVersion.findFirstOrThrow({ where: { guaranteeId: created.id, number: 1 } });
    expect(row.certificateId).toBe(certificate.certificateId);
    expect(row.signedAt).not.toBeNull();
    expect((row.verification as { certificatePdf: { signatures: { isValid: boolean }[] } }).certificatePdf.signatures.map((s) => s.isValid)).toEqual([true]);

    // Both parties read the signed PDFs (with an ETag); the key is theirs to see.
    const pdf = await call("GET", `/api/guarantees/${created.id}/versions/1/certificate.pdf`, contractor.staff.auth);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(Buffer.from(pdf.rawPayload).equals(Buffer.from(body.signedCertificatePdf, "base64"))).toBe(true);
    const etag = pdf.headers.etag as string;
    const notModified = await testApp.app.inject({ method: "GET", url: `/api/guarantees/${created.id}/versions/1/certificate.pdf`, headers: { authorization: contractor.staff.auth, "if-none-match": etag } });
    expect(notModified.statusCode).toBe(304);
    expect((await call("GET", `/api/guarantees/${created.id}/versions/1/fee-statement.pdf`, contractor.staff.auth)).statusCode).toBe(200);

    const keyResponse = await call("GET", `/api/guarantees/${created.id}/auth-key`, contractor.staff.auth);
    expect(keyResponse.statusCode, keyResponse.body).toBe(200);
    expect(keyResponse.headers["cache-control"]).toBe("no-store");
    const { authKey, guaranteeNumber } = keyResponse.json();
    expect(guaranteeNumber).toBe(prepared.guaranteeNumber);
    expect(authKey).toMatch(new RegExp(AUTH_KEY_PATTERN));
    expect(await authKeyOf(testApp, surety.staff, created.id)).toBe(authKey);
    seenKeys.add(authKey);

    // The stored HMAC verifies the key and nothing else.
    const keys = createAuthKeys(testApp.config.pkiMasterKey);
    const stored = await testApp.prisma.guarantee.findUniqueOrThrow({ where: { id: created.id }, select: { id: true, authKeyHash: true, authKeyCiphertext: true } });
    expect(stored.authKeyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(stored.authKeyCiphertext ?? []).toString("latin1")).not.toContain(authKey);
    expect(keys.verifyAuthKey(stored, authKey)).toBe(true);
    expect(keys.verifyAuthKey(stored, `${authKey.slice(0, 4)}-${authKey.slice(4, 8)} ${authKey.slice(8)}`)).toBe(true);
    expect(keys.verifyAuthKey(stored, `${authKey.slice(0, -1)}${authKey.endsWith("A") ? "B" : "A"}`)).toBe(false);
    expect(keys.verifyAuthKey({ ...stored, id: contract.id }, authKey)).toBe(false);

    // Viewing it is audited; the audit row holds no key.
    const views = await testApp.prisma.auditEvent.findMany({ where: { action: "guarantee.auth_key.viewed", targetId: created.id } });
    expect(views.length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it("replay of the same body: 200 and still one version; a second different signature of the same version: 409", async () => {
    const parties = await createGuaranteeParties(testApp);
    const submitted = await submittedApplication(testApp, parties);
    const certificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: parties.surety.representative.id });
    const prepared = await prepareVersion(testApp, parties.surety.representative, submitted.id, { action: "ISSUE", version: submitted.version, fee: TEST_FEE });
    const { body } = await signatureBody(testApp, parties.surety.representative, submitted.id, prepared, certificate);
    // A second, different signature over the same prepared bytes (ECDSA signatures differ each time).
    const other = await signatureBody(testApp, parties.surety.representative, submitted.id, prepared, certificate);
    const response = await postSignature(testApp, parties.surety.representative, submitted.id, prepared.number, body);
    expect(response.statusCode, response.body).toBe(201);
    const replay = await postSignature(testApp, parties.surety.representative, submitted.id, prepared.number, body);
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json()).toEqual(response.json());
    expect(await testApp.prisma.guaranteeVersion.count({ where: { guaranteeId: submitted.id } })).toBe(1);
    const again = await postSignature(testApp, parties.surety.representative, submitted.id, prepared.number, other.body);
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error.currentState).toBe("ISSUED");
  }, 60_000);

  it("two signatures of one prepared version race: one wins (201), the other gets 409", async () => {
    const parties = await createGuaranteeParties(testApp);
    const submitted = await submittedApplication(testApp, parties);
    const certificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: parties.surety.representative.id });
    const prepared = await prepareVersion(testApp, parties.surety.representative, submitted.id, { action: "ISSUE", version: submitted.version, fee: TEST_FEE });
    const first = await signatureBody(testApp, parties.surety.representative, submitted.id, prepared, certificate);
    const second = await signatureBody(testApp, parties.surety.representative, submitted.id, prepared, certificate);
    const responses = await Promise.all([first, second].map(({ body }) => postSignature(testApp, parties.surety.representative, submitted.id, 1, body)));
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409]);
    expect(await testApp.prisma.guaranteeVersion.count({ where: { guaranteeId: submitted.id, signedAt: { not: null } } })).toBe(1);
    expect(await testApp.prisma.guaranteeEvent.count({ where: { guaranteeId: submitted.id, kind: "ISSUED" } })).toBe(1);
  }, 60_000);
});

describe("signatures the platform refuses", () => {
  let parties: Awaited<ReturnType<typeof createGuaranteeParties>>;
  let guaranteeId: string;
  let prepared: Awaited<ReturnType<typeof prepareVersion>>;
  let certificate: Awaited<ReturnType<typeof issueTestCertificate>>;
  beforeAll(async () => {
    parties = await createGuaranteeParties(testApp);
    const submitted = await submittedApplication(testApp, parties);
    guaranteeId = submitted.id;
    certificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: parties.surety.representative.id });
    prepared = await prepareVersion(testApp, parties.surety.representative, guaranteeId, {
      action: "ISSUE",
      version: submitted.version,
      fee: { baseAmount: 123_456_789, rateBasisPoints: 35, feeAmount: 432_098 },
    });
  }, 60_000);

  async function expectRefused(body: unknown, status: number, field?: string, user = parties.surety.representative) {
    const response = await postSignature(testApp, user, guaranteeId, prepared.number, body);
    expect(response.statusCode, response.body).toBe(status);
    if (field) expect(fieldsOf(response.json())).toEqual([field]);
    return response;
  }

  it("a surety user without authority in the guarantees scope: 403", async () => {
    const staffCertificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: parties.surety.staff.id });
    const { body } = await signatureBody(testApp, parties.surety.staff, guaranteeId, prepared, staffCertificate);
    await expectRefused(body, 403, undefined, parties.surety.staff);
    // With a guarantees delegation from the representative the same user may sign (checked, not accepted here).
    const contractsOnly = await testApp.prisma.delegation.create({
      data: { organizationId: parties.surety.organization.id, grantorId: parties.surety.representative.id, agentId: parties.surety.staff.id, scopes: ["CONTRACTS"], validFrom: new Date(Date.now() - HOUR), validUntil: new Date(Date.now() + DAY) },
    });
    await expectRefused(body, 403, undefined, parties.surety.staff);
    await testApp.prisma.delegation.delete({ where: { id: contractsOnly.id } });
  }, 60_000);

  it("someone else's certificate: 400 naming body.signedData", async () => {
    const colleague = await issueTestCertificate(testApp.app, testApp.prisma, { userId: parties.surety.staff.id });
    const { body } = await signatureBody(testApp, parties.surety.representative, guaranteeId, prepared, colleague);
    await expectRefused(body, 400, "body.signedData");
  }, 60_000);

  it("a CMS over a different JSON: 400 naming body.signedData", async () => {
    const other = prepared.canonicalJson.replace(/"guaranteeAmount":\d+/, '"guaranteeAmount":1');
    const { body } = await signatureBody(testApp, parties.surety.representative, guaranteeId, prepared, certificate, { json: other });
    await expectRefused(body, 400, "body.signedData");
  }, 60_000);

  it("a certificate PDF not starting with the prepared bytes: 400 naming body.signedCertificatePdf", async () => {
    const original = new Uint8Array((await call("GET", `/api/guarantees/${guaranteeId}/versions/1/certificate.pdf`, parties.surety.staff.auth)).rawPayload);
    const changed = new Uint8Array(original);
    const at = Buffer.from(changed).indexOf("/Producer");
    changed[at + 12] = (changed[at + 12] ?? 0) ^ 1;
    const { body } = await signatureBody(testApp, parties.surety.representative, guaranteeId, prepared, certificate, { certificatePdfBase: changed });
    await expectRefused(body, 400, "body.signedCertificatePdf");
  }, 60_000);

  it("PDFs without a time-stamp, or with an old one: 400 naming body.signedCertificatePdf", async () => {
    const { body } = await signatureBody(testApp, parties.surety.representative, guaranteeId, prepared, certificate, { isTimestamped: false });
    const response = await expectRefused(body, 400, "body.signedCertificatePdf");
    expect(response.json().error.message).toContain("time-stamp");
    const old = await signatureBody(testApp, parties.surety.representative, guaranteeId, prepared, certificate, { genTime: new Date(Date.now() - 20 * 60_000) });
    await expectRefused(old.body, 400, "body.signedCertificatePdf");
  }, 60_000);

  it("the PDFs signed with another of the caller's certificates than the JSON: 400", async () => {
    const second = await issueTestCertificate(testApp.app, testApp.prisma, { userId: parties.surety.representative.id });
    const { body } = await signatureBody(testApp, parties.surety.representative, guaranteeId, prepared, certificate, { pdfCertificate: second });
    await expectRefused(body, 400, "body.signedCertificatePdf");
  }, 60_000);

  it("the fee statement left out, or not base64: 400 naming body.signedFeeStatementPdf", async () => {
    const { body } = await signatureBody(testApp, parties.surety.representative, guaranteeId, prepared, certificate, { isFeeStatementLeftOut: true });
    await expectRefused(body, 400, "body.signedFeeStatementPdf");
    await expectRefused({ ...body, signedFeeStatementPdf: "%%%%" }, 400, "body.signedFeeStatementPdf");
  }, 60_000);

  it("a version number that is not prepared: 409; nothing was accepted", async () => {
    const { body } = await signatureBody(testApp, parties.surety.representative, guaranteeId, prepared, certificate);
    const response = await postSignature(testApp, parties.surety.representative, guaranteeId, 2, body);
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().error.currentState).toBe("SUBMITTED");
    const detail = await detailOf(parties.surety.staff.auth, guaranteeId);
    expect(detail).toMatchObject({ status: "SUBMITTED", currentVersion: 0, versions: [] });
  }, 60_000);
});

describe("versions after the issue", () => {
  it("CHANGE of the amount → version 2 with its change; CORRECT; partial then whole RELEASE; history lists them all", async () => {
    const { guarantee, surety, contractor, suretyCertificate } = await issuedGuarantee(testApp);
    const rep = surety.representative;
    seenKeys.add(await authKeyOf(testApp, contractor.staff, guarantee.id));

    const unchanged = await call("POST", `/api/guarantees/${guarantee.id}/versions/prepare`, rep.auth, {
      action: "CHANGE",
      version: guarantee.version,
      reason: "변경 없음",
      amendment: { guaranteeAmount: guarantee.guaranteeAmount },
    });
    expect(unchanged.statusCode).toBe(400);
    expect(fieldsOf(unchanged.json())).toEqual(["body.amendment"]);
    const noReason = await call("POST", `/api/guarantees/${guarantee.id}/versions/prepare`, rep.auth, { action: "CHANGE", version: guarantee.version, amendment: { guaranteeAmount: 1 } });
    expect(fieldsOf(noReason.json())).toEqual(["body.reason"]);
    const tooMuch = await call("POST", `/api/guarantees/${guarantee.id}/versions/prepare`, rep.auth, {
      action: "CHANGE",
      version: guarantee.version,
      reason: "증액",
      amendment: { guaranteeAmount: guarantee.contractAmount + 1 },
    });
    expect(fieldsOf(tooMuch.json())).toEqual(["body.amendment.guaranteeAmount"]);

    const newAmount = guarantee.guaranteeAmount + 10_000_000;
    const changed = await prepareAndSign(testApp, rep, suretyCertificate, guarantee.id, {
      action: "CHANGE",
      version: guarantee.version,
      reason: "계약금액 변경에 따른 보증금액 증액",
      amendment: { guaranteeAmount: newAmount },
    });
    expect(changed.response.statusCode, changed.response.body).toBe(201);
    const v2 = changed.response.json() as GuaranteeDetail;
    expect(v2).toMatchObject({ status: "ISSUED", displayStatus: "CHANGED", currentVersion: 2, guaranteeAmount: newAmount });
    expect(v2.versions.map((version) => version.kind)).toEqual(["ISSUE", "CHANGE"]);
    expect(v2.versions[1]?.changes).toEqual([{ field: "guaranteeAmount", before: String(guarantee.guaranteeAmount), after: String(newAmount) }]);
    expect(v2.versions[1]?.reason).toBe("계약금액 변경에 따른 보증금액 증액");
    expect(JSON.parse(changed.prepared.canonicalJson)).toMatchObject({ versionNumber: 2, versionKind: "CHANGE", guaranteeAmount: newAmount, guaranteeNumber: guarantee.guaranteeNumber });
    // The key stays the same across versions.
    seenKeys.add(await authKeyOf(testApp, contractor.staff, guarantee.id));
    expect(await authKeyOf(testApp, contractor.staff, guarantee.id)).toBe(await authKeyOf(testApp, surety.staff, guarantee.id));

    const corrected = await prepareAndSign(testApp, rep, suretyCertificate, guarantee.id, {
      action: "CORRECT",
      version: v2.version,
      reason: "공사명 오기 정정",
      amendment: { worksTitle: `${guarantee.worksTitle} (1공구)`, guaranteeEndDate: "2028-03-31" },
    });
    expect(corrected.response.statusCode, corrected.response.body).toBe(201);
    const v3 = corrected.response.json() as GuaranteeDetail;
    expect(v3.versions[2]).toMatchObject({ kind: "CORRECTION", changes: [{ field: "guaranteeEndDate" }, { field: "worksTitle" }] });
    expect(v3.worksTitle).toBe(`${guarantee.worksTitle} (1공구)`);

    const higher = await call("POST", `/api/guarantees/${guarantee.id}/versions/prepare`, rep.auth, { action: "RELEASE", version: v3.version, reason: "일부 해제", amendment: { guaranteeAmount: newAmount } });
    expect(fieldsOf(higher.json())).toEqual(["body.amendment.guaranteeAmount"]);
    const otherField = await call("POST", `/api/guarantees/${guarantee.id}/versions/prepare`, rep.auth, { action: "RELEASE", version: v3.version, reason: "일부 해제", amendment: { worksTitle: "x" } });
    expect(fieldsOf(otherField.json())).toEqual(["body.amendment.worksTitle"]);

    const partial = await prepareAndSign(testApp, rep, suretyCertificate, guarantee.id, { action: "RELEASE", version: v3.version, reason: "기성 50% 일부 해제", amendment: { guaranteeAmount: Math.floor(newAmount / 2) } });
    expect(partial.response.statusCode, partial.response.body).toBe(201);
    expect(partial.response.json()).toMatchObject({ status: "ISSUED", currentVersion: 4, guaranteeAmount: Math.floor(newAmount / 2) });

    const whole = await prepareAndSign(testApp, rep, suretyCertificate, guarantee.id, { action: "RELEASE", version: partial.response.json().version, reason: "준공에 따른 전부 해제" });
    expect(whole.response.statusCode, whole.response.body).toBe(201);
    const released = whole.response.json() as GuaranteeDetail;
    expect(released).toMatchObject({ status: "RELEASED", displayStatus: "RELEASED", currentVersion: 5 });
    expect(released.versions.map((version) => version.kind)).toEqual(["ISSUE", "CHANGE", "CORRECTION", "RELEASE", "RELEASE"]);
    expect(released.versions[4]?.changes).toEqual([]);
    expect(released.events.filter((event) => event.versionNumber !== null).map((event) => event.kind)).toEqual(["ISSUED", "CHANGED", "CORRECTED", "RELEASED", "RELEASED"]);
    expect(released.allowedActions).toEqual([]);

    // Nothing more can be signed on a released guarantee.
    const after = await call("POST", `/api/guarantees/${guarantee.id}/versions/prepare`, rep.auth, { action: "CHANGE", version: released.version, reason: "x", amendment: { guaranteeAmount: 1 } });
    expect(after.statusCode).toBe(409);
    expect(after.json().error.currentState).toBe("RELEASED");

    // The contractor sees the same history.
    const seen = await detailOf(contractor.staff.auth, guarantee.id);
    expect(seen.versions).toHaveLength(5);
    for (const version of seen.versions) expect(new Date(version.reachedPlatformAt).getTime()).toBeGreaterThanOrEqual(new Date(version.signedAt ?? 0).getTime() - 5 * 60_000);
  }, 240_000);

  it("CANCEL → CANCELLED; the contractor cannot prepare versions (403); a refused application cannot be issued (409)", async () => {
    const { guarantee, surety, contractor, suretyCertificate } = await issuedGuarantee(testApp);
    const cancelled = await prepareAndSign(testApp, surety.representative, suretyCertificate, guarantee.id, { action: "CANCEL", version: guarantee.version, reason: "계약 해지" });
    expect(cancelled.response.statusCode, cancelled.response.body).toBe(201);
    expect(cancelled.response.json()).toMatchObject({ status: "CANCELLED", displayStatus: "CANCELLED" });
    const byContractor = await call("POST", `/api/guarantees/${guarantee.id}/versions/prepare`, contractor.representative.auth, { action: "CANCEL", version: 1, reason: "x" });
    expect(byContractor.statusCode).toBe(403);

    const parties = await createGuaranteeParties(testApp);
    const submitted = await submittedApplication(testApp, parties);
    const refused = await call("POST", `/api/guarantees/${submitted.id}/refuse`, parties.surety.staff.auth, { version: submitted.version, reason: "신용등급 미달" });
    expect(refused.json().status).toBe("REFUSED");
    const issue = await call("POST", `/api/guarantees/${submitted.id}/versions/prepare`, parties.surety.representative.auth, { action: "ISSUE", version: refused.json().version, fee: TEST_FEE });
    expect(issue.statusCode).toBe(409);
    expect(issue.json().error.currentState).toBe("REFUSED");
  }, 120_000);

  it("a prepared issue is void once the application goes back for correction", async () => {
    const parties = await createGuaranteeParties(testApp);
    const submitted = await submittedApplication(testApp, parties);
    const certificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: parties.surety.representative.id });
    const prepared = await prepareVersion(testApp, parties.surety.representative, submitted.id, { action: "ISSUE", version: submitted.version, fee: TEST_FEE });
    const { body } = await signatureBody(testApp, parties.surety.representative, submitted.id, prepared, certificate);
    const detail = await detailOf(parties.surety.staff.auth, submitted.id);
    const back = await call("POST", `/api/guarantees/${submitted.id}/request-correction`, parties.surety.staff.auth, { version: detail.version, reason: "서류 보완" });
    expect(back.statusCode).toBe(200);
    expect(back.json().preparedVersion).toBeNull();
    const late = await postSignature(testApp, parties.surety.representative, submitted.id, 1, body);
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json().error.currentState).toBe("CORRECTION_REQUESTED");
  }, 60_000);
});

describe("the authentication key", () => {
  it("REKEY: a new key, the old one stops verifying; only the two parties read it", async () => {
    const { guarantee, surety, contractor, orderer } = await issuedGuarantee(testApp);
    const keys = createAuthKeys(testApp.config.pkiMasterKey);
    const oldKey = await authKeyOf(testApp, contractor.staff, guarantee.id);
    seenKeys.add(oldKey);
    const byContractor = await call("POST", `/api/guarantees/${guarantee.id}/rekey`, contractor.representative.auth, { version: guarantee.version });
    expect(byContractor.statusCode).toBe(403);
    const stale = await call("POST", `/api/guarantees/${guarantee.id}/rekey`, surety.staff.auth, { version: guarantee.version + 5 });
    expect(stale.statusCode).toBe(409);
    const rekeyed = await call("POST", `/api/guarantees/${guarantee.id}/rekey`, surety.staff.auth, { version: guarantee.version });
    expect(rekeyed.statusCode, rekeyed.body).toBe(200);
    expect(rekeyed.json().events.at(-1).kind).toBe("REKEYED");
    const newKey = await authKeyOf(testApp, surety.staff, guarantee.id);
    seenKeys.add(newKey);
    expect(newKey).not.toBe(oldKey);
    const stored = await testApp.prisma.guarantee.findUniqueOrThrow({ where: { id: guarantee.id }, select: { id: true, authKeyHash: true } });
    expect(keys.verifyAuthKey(stored, oldKey)).toBe(false);
    expect(keys.verifyAuthKey(stored, newKey)).toBe(true);

    // The orderer and other organisations do not get the key.
    expect((await call("GET", `/api/guarantees/${guarantee.id}/auth-key`, orderer.staff.auth)).statusCode).toBe(403);
    const stranger = await createGuaranteeParties(testApp);
    expect((await call("GET", `/api/guarantees/${guarantee.id}/auth-key`, stranger.contractor.staff.auth)).statusCode).toBe(404);
    expect((await call("GET", `/api/guarantees/${guarantee.id}/auth-key`, stranger.surety.staff.auth)).statusCode).toBe(404);
  }, 120_000);

  it("a guarantee not yet issued has no key (409)", async () => {
    const parties = await createGuaranteeParties(testApp);
    const submitted = await submittedApplication(testApp, parties);
    const response = await call("GET", `/api/guarantees/${submitted.id}/auth-key`, parties.contractor.staff.auth);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.currentState).toBe("SUBMITTED");
  }, 60_000);

  it("the key notice: both parties; the orderer of the linked contract only after the contractor submits it", async () => {
    const { guarantee, surety, contractor, orderer, contract } = await issuedGuarantee(testApp);
    const notice = await call("GET", `/api/guarantees/${guarantee.id}/key-notice.pdf`, contractor.staff.auth);
    expect(notice.statusCode, notice.body).toBe(200);
    expect(notice.headers["content-type"]).toBe("application/pdf");
    expect(notice.headers["cache-control"]).toBe("no-store");
    expect(Buffer.from(notice.rawPayload).subarray(0, 5).toString()).toBe("%PDF-");
    expect((await call("GET", `/api/guarantees/${guarantee.id}/key-notice.pdf`, surety.staff.auth)).statusCode).toBe(200);
    expect((await call("GET", `/api/guarantees/${guarantee.id}/key-notice.pdf`, orderer.staff.auth)).statusCode).toBe(404);

    const bySurety = await call("POST", `/api/guarantees/${guarantee.id}/submit-key-notice`, surety.staff.auth, { version: guarantee.version });
    expect(bySurety.statusCode).toBe(403);
    const submitted = await call("POST", `/api/guarantees/${guarantee.id}/submit-key-notice`, contractor.staff.auth, { version: guarantee.version });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().keyNoticeSubmittedAt).not.toBeNull();
    expect(submitted.json().events.at(-1).kind).toBe("KEY_NOTICE_SUBMITTED");

    expect((await call("GET", `/api/guarantees/${guarantee.id}/key-notice.pdf`, orderer.staff.auth)).statusCode).toBe(200);
    // The orderer reads the notice only: the guarantee itself stays out of its reach (the lookup shows it with the key).
    expect((await call("GET", `/api/guarantees/${guarantee.id}`, orderer.staff.auth)).statusCode).toBe(403);
    const otherOrderer = await createGuaranteeParties(testApp);
    expect((await call("GET", `/api/guarantees/${guarantee.id}/key-notice.pdf`, otherOrderer.orderer.staff.auth)).statusCode).toBe(404);

    // The contract shows the submitted notice to both its parties.
    const contractDetail = await call("GET", `/api/contracts/${contract.id}`, orderer.staff.auth);
    expect(contractDetail.json().guaranteeKeyNotices).toEqual([
      { guaranteeId: guarantee.id, kind: "CONTRACT_PERFORMANCE", guaranteeNumber: guarantee.guaranteeNumber, submittedAt: submitted.json().keyNoticeSubmittedAt },
    ]);

    // A standalone guarantee has no contract to submit to.
    const standalone = await createGuaranteeParties(testApp);
    const application = await submittedApplication(testApp, standalone);
    const certificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: standalone.surety.representative.id });
    const issued = await prepareAndSign(testApp, standalone.surety.representative, certificate, application.id, { action: "ISSUE", version: application.version, fee: TEST_FEE });
    expect(issued.response.json().allowedActions).not.toContain("SUBMIT_KEY_NOTICE");
    const refused = await call("POST", `/api/guarantees/${application.id}/submit-key-notice`, standalone.contractor.staff.auth, { version: issued.response.json().version });
    expect(refused.statusCode).toBe(409);
  }, 120_000);

  it("the key never appears in list or detail responses, nor in any audit row", async () => {
    const { guarantee, contractor, surety } = await issuedGuarantee(testApp);
    seenKeys.add(await authKeyOf(testApp, contractor.staff, guarantee.id));
    const responses = [
      await call("GET", "/api/guarantees", contractor.staff.auth),
      await call("GET", "/api/guarantees", surety.staff.auth),
      await call("GET", `/api/guarantees/${guarantee.id}`, contractor.staff.auth),
      await call("GET", `/api/guarantees/${guarantee.id}`, surety.staff.auth),
    ];
    const audit = JSON.stringify(await testApp.prisma.auditEvent.findMany({ select: { action: true, data: true } }));
    expect(seenKeys.size).toBeGreaterThanOrEqual(4);
    for (const key of seenKeys) {
      for (const response of responses) expect(response.body).not.toContain(key);
      expect(audit).not.toContain(key);
    }
  }, 60_000);
});

describe("a staff member with a guarantees delegation", () => {
  it("may sign for the surety", async () => {
    const parties = await createGuaranteeParties(testApp);
    const agent = await addPartyUser(testApp, parties.surety.organization, "STAFF");
    await testApp.prisma.delegation.create({
      data: { organizationId: parties.surety.organization.id, grantorId: parties.surety.representative.id, agentId: agent.id, scopes: ["GUARANTEES"], validFrom: new Date(Date.now() - HOUR), validUntil: new Date(Date.now() + DAY) },
    });
    const submitted = await submittedApplication(testApp, parties);
    const certificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: agent.id });
    const { response } = await prepareAndSign(testApp, agent, certificate, submitted.id, { action: "ISSUE", version: submitted.version, fee: TEST_FEE });
    expect(response.statusCode, response.body).toBe(201);
    const row = await testApp.prisma.guaranteeVersion.findFirstOrThrow({ where: { guaranteeId: submitted.id }, select: { delegationId: true, signerUserId: true } });
    expect(row.signerUserId).toBe(agent.id);
    expect(row.delegationId).not.toBeNull();
  }, 60_000);
});
