import { createHash, randomBytes } from "node:crypto";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSelfSignedCa, issueCertificate, randomSerialNumberHex } from "@pwp/pki/ca";
import type { VerifiedPdfSignature } from "@pwp/pki/pades";
import { verifyPlatformPdf } from "../../../src/lib/pki/pdf-verification.ts";
import { SIGNATURE_FIELD_BY_SIDE } from "@pwp/shared/contracts";
import { refuseSignedPdf } from "../../../src/lib/pki/accept-signed-revision.ts";
import { checkAddedPdfSignature, isIncrementalUpdateOf, TIMESTAMP_MAX_SKEW_MS } from "../../../src/lib/pki/signed-pdf-checks.ts";
import { issueTestCertificate } from "../../support/certificates.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { caller, draftBody, fieldsOf, type PartyUser } from "./contract-fixtures.ts";
import { currentPdf, postSignature, sentContract, signAndPost, signBytes } from "./signing-fixtures.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// ---- the rules over what the verifier found (no PDF needed) -------------------------------------------------------

const NOW = new Date("2026-11-22T03:00:00Z");

function verified(overrides: Partial<VerifiedPdfSignature> = {}): VerifiedPdfSignature {
  return {
    fieldName: "ContractorSignature",
    subFilter: "ETSI.CAdES.detached",
    byteRange: [0, 100, 200, 50],
    contentsDer: new Uint8Array(),
    claimedSigningTime: null,
    signerName: null,
    reason: null,
    revisionLength: 250,
    signer: {
      der: new Uint8Array(),
      subjectDn: "CN=Signer",
      issuerDn: "CN=Issuing CA",
      serialNumberHex: "01",
      fingerprintSha256Hex: "ab".repeat(32),
      notBefore: new Date("2026-01-01T00:00:00Z"),
      notAfter: new Date("2027-01-01T00:00:00Z"),
    },
    chain: [],
    timestamp: { genTime: NOW, authority: "CN=Platform TSA", serialNumberHex: "0badcafe", isValid: true },
    coversWholeDocument: true,
    isValid: true,
    problems: [],
    ...overrides,
  };
}

function check(signatures: VerifiedPdfSignature[], previousCount = 0, side: "ORDERER" | "CONTRACTOR" = "CONTRACTOR", now = NOW) {
  return () =>
    checkAddedPdfSignature({
      signatures,
      previousCount,
      signedPdfLength: 250,
      now,
      expectedFieldName: SIGNATURE_FIELD_BY_SIDE[side],
      expectedFieldReason: "where your side signs",
      refuse: refuseSignedPdf,
    });
}

describe("the rules for an added signature", () => {
  it("accepts one new valid, time-stamped signature in the side's field over the whole file", () => {
    const accepted = check([verified()])();
    expect(accepted).toMatchObject({ signerFingerprintSha256: "ab".repeat(32), genTime: NOW, timestampSerialHex: "0badcafe" });
    const second = check([verified({ revisionLength: 120, coversWholeDocument: false }), verified({ fieldName: "OrdererSignature" })], 1, "ORDERER")();
    expect(second.signature.fieldName).toBe("OrdererSignature");
  });

  it.each([
    ["no new signature", [verified()], 1, /adds no signature/],
    ["two new signatures", [verified(), verified({ fieldName: "Other" })], 0, /adds 2 signatures/],
    ["the other side's field", [verified({ fieldName: "OrdererSignature" })], 0, /signs the field "OrdererSignature"/],
    ["content after the signature", [verified({ coversWholeDocument: false })], 0, /cover the whole document/],
    ["a shorter signed revision", [verified({ revisionLength: 200 })], 0, /cover the whole document/],
    ["no time-stamp", [verified({ timestamp: null })], 0, /without a time-stamp/],
    ["a bad time-stamp", [verified({ timestamp: { genTime: NOW, authority: "x", serialNumberHex: "1", isValid: false } })], 0, /time-stamp that does not verify/],
    ["an invalid signature", [verified({ isValid: false, problems: ["DIGEST_MISMATCH"] })], 0, /digest does not match/],
    ["a revoked certificate", [verified({ isValid: false, problems: ["REVOKED"] })], 0, /revoked certificate/],
    [
      "an old time-stamp",
      [verified({ timestamp: { genTime: new Date(NOW.getTime() - TIMESTAMP_MAX_SKEW_MS - 1000), authority: "x", serialNumberHex: "1", isValid: true } })],
      0,
      /more than 5 minutes from now/,
    ],
    [
      "a broken earlier signature",
      [verified({ isValid: false, problems: ["MODIFIED_AFTER_SIGNING"] }), verified({ fieldName: "OrdererSignature" })],
      1,
      /invalidates the earlier signature "ContractorSignature"/,
    ],
  ] as const)("refuses %s naming body.signedPdf", (_name, signatures, previousCount, message) => {
    const side = signatures.length === 2 && previousCount === 1 ? "ORDERER" : "CONTRACTOR";
    let error: unknown;
    try {
      check([...signatures], previousCount, side)();
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", fields: [{ field: "body.signedPdf" }] });
    expect((error as Error).message).toMatch(message);
  });

  it("recognises an incremental update by its unchanged prefix", () => {
    const previous = new Uint8Array([1, 2, 3]);
    expect(isIncrementalUpdateOf(previous, new Uint8Array([1, 2, 3, 4]))).toBe(true);
    expect(isIncrementalUpdateOf(previous, new Uint8Array([1, 2, 3]))).toBe(false);
    expect(isIncrementalUpdateOf(previous, new Uint8Array([1, 9, 3, 4]))).toBe(false);
    expect(isIncrementalUpdateOf(previous, new Uint8Array([1, 2]))).toBe(false);
  });
});

// ---- signing through the API ----------------------------------------------------------------------------------------

let testApp: TestApp;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  testApp = await buildTestApp();
  call = caller(testApp);
});
afterAll(() => testApp?.close());

async function delegate(representative: PartyUser, agent: PartyUser, scopes: ("CONTRACTS" | "GUARANTEES" | "BILLING")[]) {
  const row = await testApp.prisma.delegation.create({
    data: {
      organizationId: agent.organizationId,
      grantorId: representative.id,
      agentId: agent.id,
      scopes,
      validFrom: new Date(Date.now() - HOUR),
      validUntil: new Date(Date.now() + 30 * DAY),
    },
  });
  return row.id;
}

const countSignatures = (contractId: string) => testApp.prisma.contractSignature.count({ where: { contractId } });

describe("the whole flow", () => {
  it("create, send, return, revise, resend, the contractor signs, the orderer signs: completed, both signatures valid", async () => {
    const { orderer, contractor, contract, ordererCertificate, contractorCertificate } = await sentContract(testApp);
    const base = `/api/contracts/${contract.id}`;
    const returned = await call("POST", `${base}/return`, contractor.staff.auth, { version: 2, reason: "착공일을 1월 11일로 변경 요청" });
    expect(returned.statusCode).toBe(200);
    const edited = await call("PUT", base, orderer.staff.auth, {
      ...draftBody(contractor.organization.id, { worksStartDate: "2027-01-11" }),
      contractNumber: contract.contractNumber,
      version: 3,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const resent = await call("POST", `${base}/send`, orderer.staff.auth, { version: 4 });
    expect(resent.json()).toMatchObject({ status: "SENT", edition: 2, currentRevision: { revision: 0 } });
    const revision0 = await currentPdf(testApp, contractor.representative, contract.id);

    const before = Date.now();
    const { response: contractorSigned } = await signAndPost(testApp, contractor.representative, contractorCertificate, contract.id, "CONTRACTOR");
    expect(contractorSigned.statusCode, contractorSigned.body).toBe(201);
    const afterContractor = contractorSigned.json();
    expect(afterContractor).toMatchObject({ status: "SIGNED_BY_CONTRACTOR", awaitingSide: "ORDERER", edition: 2, version: 6, currentRevision: { edition: 2, revision: 1 } });
    expect(afterContractor.signatures).toHaveLength(1);
    expect(afterContractor.signatures[0]).toMatchObject({
      side: "CONTRACTOR",
      edition: 2,
      revision: 1,
      fieldName: "ContractorSignature",
      signer: { id: contractor.representative.id, name: contractor.representative.name },
      organizationName: contractor.organization.nameLocal,
      delegationId: null,
    });
    expect(afterContractor.signatures[0].certificateSubject).toContain(contractor.representative.name);
    expect(new Date(afterContractor.signatures[0].signedAt).getTime()).toBeGreaterThanOrEqual(before - 2000);
    const revision1 = await currentPdf(testApp, orderer.staff, contract.id);
    expect(isIncrementalUpdateOf(revision0, revision1)).toBe(true);
    expect((await call("GET", base, orderer.representative.auth)).json().allowedActions).toEqual(["RETURN", "SIGN", "CANCEL"]);
    expect((await call("GET", base, orderer.staff.auth)).json().allowedActions).toEqual(["RETURN", "CANCEL"]);

    const { response: ordererSigned } = await signAndPost(testApp, orderer.representative, ordererCertificate, contract.id, "ORDERER");
    expect(ordererSigned.statusCode, ordererSigned.body).toBe(201);
    const completed = ordererSigned.json();
    expect(completed).toMatchObject({ status: "COMPLETED", awaitingSide: null, allowedActions: [], currentRevision: { revision: 2 } });
    expect(completed.completedAt).not.toBeNull();
    expect(completed.signatures.map((s: { side: string; revision: number }) => `${s.side}:${s.revision}`)).toEqual(["CONTRACTOR:1", "ORDERER:2"]);

    // Both sides download the same signed PDF; the platform's verifier finds both signatures valid.
    const ordererCopy = await currentPdf(testApp, orderer.staff, contract.id);
    const contractorCopy = await currentPdf(testApp, contractor.staff, contract.id);
    expect(Buffer.from(ordererCopy).equals(Buffer.from(contractorCopy))).toBe(true);
    expect(createHash("sha256").update(ordererCopy).digest("hex")).toBe(completed.currentRevision.sha256);
    const { signatures } = await verifyPlatformPdf(testApp.prisma, testApp.app.pki, ordererCopy, { now: new Date() });
    expect(signatures.map((s) => [s.fieldName, s.isValid, s.coversWholeDocument])).toEqual([
      ["ContractorSignature", true, false],
      ["OrdererSignature", true, true],
    ]);

    const timeline = (await call("GET", `${base}/timeline`, contractor.staff.auth)).json();
    expect(timeline.events.map((e: { kind: string; edition: number }) => `${e.kind}:${e.edition}`)).toEqual([
      "CREATED:0",
      "SENT:1",
      "RETURNED:1",
      "SENT:2",
      "SIGNED:2",
      "SIGNED:2",
      "COMPLETED:2",
    ]);
    expect(timeline.events[4].actor).toMatchObject({ userId: contractor.representative.id, organizationName: contractor.organization.nameLocal });
    expect(timeline.events[5].actor).toMatchObject({ userId: orderer.representative.id, organizationName: orderer.organization.nameLocal });
    expect(await testApp.prisma.auditEvent.count({ where: { action: "contracts.signed", targetId: contract.id } })).toBe(2);

    for (const [user, lang] of [[orderer.staff, "ko"], [contractor.staff, "en"]] as const) {
      const report = await call("GET", `${base}/signature-report?lang=${lang}`, user.auth);
      expect(report.statusCode, report.body).toBe(200);
      expect(report.headers["content-type"]).toBe("application/pdf");
      expect(report.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    }
    const badLang = await call("GET", `${base}/signature-report?lang=fr`, orderer.staff.auth);
    expect(fieldsOf(badLang.json())).toEqual(["querystring.lang"]);

    // Nothing more can be signed.
    const again = await signAndPost(testApp, orderer.representative, ordererCertificate, contract.id, "ORDERER", { fieldName: "Extra" });
    expect(again.response.statusCode).toBe(409);
    expect(again.response.json().error.currentState).toBe("COMPLETED");
  });
});

describe("authority to sign", () => {
  it("refuses a staff member without a delegation (403), accepts one with a contracts delegation", async () => {
    const { contractor, contract } = await sentContract(testApp);
    const staffCertificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: contractor.staff.id });
    const refused = await signAndPost(testApp, contractor.staff, staffCertificate, contract.id, "CONTRACTOR");
    expect(refused.response.statusCode).toBe(403);
    expect(refused.response.json().error.code).toBe("FORBIDDEN");
    expect(refused.response.json().error.message).toMatch(/no authority to sign contracts/);

    const delegationId = await delegate(contractor.representative, contractor.staff, ["CONTRACTS"]);
    const accepted = await signAndPost(testApp, contractor.staff, staffCertificate, contract.id, "CONTRACTOR");
    expect(accepted.response.statusCode, accepted.response.body).toBe(201);
    expect(accepted.response.json().signatures[0]).toMatchObject({ signer: { id: contractor.staff.id }, delegationId });
    const stored = await testApp.prisma.contractSignature.findFirstOrThrow({ where: { contractId: contract.id } });
    expect(stored).toMatchObject({ delegationId, certificateId: staffCertificate.certificateId, signerUserId: contractor.staff.id });
  });

  it("refuses a delegation for guarantees only", async () => {
    const { contractor, contract } = await sentContract(testApp);
    const staffCertificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: contractor.staff.id });
    await delegate(contractor.representative, contractor.staff, ["GUARANTEES"]);
    const refused = await signAndPost(testApp, contractor.staff, staffCertificate, contract.id, "CONTRACTOR");
    expect(refused.response.statusCode).toBe(403);
    expect(await countSignatures(contract.id)).toBe(0);
  });
});

describe("certificates", () => {
  it("refuses an expired certificate", async () => {
    const { contractor, contract } = await sentContract(testApp);
    const expired = await issueTestCertificate(testApp.app, testApp.prisma, {
      userId: contractor.representative.id,
      notBefore: new Date(Date.now() - 400 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const { response } = await signAndPost(testApp, contractor.representative, expired, contract.id, "CONTRACTOR");
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())).toEqual(["body.signedPdf"]);
    expect(response.json().error.message).toMatch(/expired/);
  });

  it("refuses a certificate under a root the platform does not trust, and stores nothing", async () => {
    const { contractor, contract } = await sentContract(testApp);
    // An outside CA that issues a signing certificate naming the contractor's representative: well formed, not trusted.
    const algorithm = { name: "ECDSA", namedCurve: "P-256" } as const;
    const rootKeys = await crypto.subtle.generateKey(algorithm, false, ["sign", "verify"]);
    const signerKeys = await crypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
    const notBefore = new Date(Date.now() - DAY);
    const notAfter = new Date(Date.now() + 30 * DAY);
    const rootDer = await createSelfSignedCa({ subject: { commonName: "Untrusted Root CA" }, keyPair: rootKeys, serialNumberHex: randomSerialNumberHex(), notBefore, notAfter });
    const signerDer = await issueCertificate({
      issuerCertificateDer: rootDer,
      issuerPrivateKey: rootKeys.privateKey,
      subject: { commonName: contractor.representative.name },
      subjectPublicKeySpki: new Uint8Array(await crypto.subtle.exportKey("spki", signerKeys.publicKey)),
      serialNumberHex: randomSerialNumberHex(),
      notBefore,
      notAfter,
      profile: "SIGNER",
    });
    const outsider = { certificateId: "00000000-0000-4000-8000-000000000000", certificateDer: signerDer, keyPair: signerKeys };
    const { response } = await signAndPost(testApp, contractor.representative, outsider, contract.id, "CONTRACTOR");
    expect(response.statusCode, response.body).toBe(400);
    expect(fieldsOf(response.json())).toEqual(["body.signedPdf"]);
    expect(await countSignatures(contract.id)).toBe(0);
  });

  it("refuses a revoked certificate", async () => {
    const { contractor, contract, contractorCertificate } = await sentContract(testApp);
    const revokedAt = new Date(Date.now() - 60_000);
    await testApp.prisma.certificate.update({ where: { id: contractorCertificate.certificateId }, data: { revokedAt } });
    await testApp.app.pki.publishCrl(testApp.prisma, new Date());
    const { response } = await signAndPost(testApp, contractor.representative, contractorCertificate, contract.id, "CONTRACTOR");
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())).toEqual(["body.signedPdf"]);
    expect(response.json().error.message).toMatch(/revoked/);
  });

  it("refuses a signature made with someone else's certificate", async () => {
    const { contractor, contract } = await sentContract(testApp);
    const colleagueCertificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: contractor.staff.id });
    const { response } = await signAndPost(testApp, contractor.representative, colleagueCertificate, contract.id, "CONTRACTOR");
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/not made with one of your certificates/);
    expect(await countSignatures(contract.id)).toBe(0);
  });
});

describe("what is signed", () => {
  it("refuses a signature over the previous edition (409) and one whose bytes are not the current revision (400)", async () => {
    const { orderer, contractor, contract, contractorCertificate } = await sentContract(testApp);
    const edition1 = await currentPdf(testApp, contractor.representative, contract.id);
    const overEdition1 = await signBytes(testApp, edition1, contractorCertificate, "CONTRACTOR");
    await call("POST", `/api/contracts/${contract.id}/return`, contractor.staff.auth, { version: 2, reason: "수정 요청" });
    await call("POST", `/api/contracts/${contract.id}/send`, orderer.staff.auth, { version: 3 });

    const stale = await postSignature(testApp, contractor.representative, contract.id, { edition: 1, revision: 0, signedPdf: overEdition1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: "CONFLICT", currentState: "SENT" });
    expect(stale.json().error.message).toMatch(/signed over a different revision/);
    const relabelled = await postSignature(testApp, contractor.representative, contract.id, { edition: 2, revision: 0, signedPdf: overEdition1 });
    expect(relabelled.statusCode).toBe(400);
    expect(fieldsOf(relabelled.json())).toEqual(["body.signedPdf"]);
    expect(await countSignatures(contract.id)).toBe(0);
  });

  it("refuses the orderer's signature over the revision before the contractor's", async () => {
    const { orderer, contractor, contract, ordererCertificate } = await sentContract(testApp);
    const revision0 = await currentPdf(testApp, orderer.representative, contract.id);
    const { response } = await signAndPost(testApp, contractor.representative, (await issueTestCertificate(testApp.app, testApp.prisma, { userId: contractor.representative.id })), contract.id, "CONTRACTOR");
    expect(response.statusCode).toBe(201);
    const overRevision0 = await signBytes(testApp, revision0, ordererCertificate, "ORDERER");
    const stale = await postSignature(testApp, orderer.representative, contract.id, { edition: 1, revision: 0, signedPdf: overRevision0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/signed over a different revision/);
    const relabelled = await postSignature(testApp, orderer.representative, contract.id, { edition: 1, revision: 1, signedPdf: overRevision0 });
    expect(relabelled.statusCode).toBe(400);
  });

  it("refuses a signature without a time-stamp, an old time-stamp, the other side's field and the wrong order", async () => {
    const { orderer, contractor, contract, contractorCertificate, ordererCertificate } = await sentContract(testApp);
    const noTimestamp = await signAndPost(testApp, contractor.representative, contractorCertificate, contract.id, "CONTRACTOR", { isTimestamped: false });
    expect(noTimestamp.response.statusCode).toBe(400);
    expect(noTimestamp.response.json().error.message).toMatch(/without a time-stamp/);

    // A time-stamp far from the server's clock (here ahead of it; an old one is refused alike, see the rules above).
    const skewed = await signAndPost(testApp, contractor.representative, contractorCertificate, contract.id, "CONTRACTOR", { genTime: new Date(Date.now() + 10 * 60_000) });
    expect(skewed.response.statusCode).toBe(400);
    expect(skewed.response.json().error.message).toMatch(/more than 5 minutes from now/);

    const wrongField = await signAndPost(testApp, contractor.representative, contractorCertificate, contract.id, "CONTRACTOR", { fieldName: "OrdererSignature" });
    expect(wrongField.response.statusCode).toBe(400);
    expect(wrongField.response.json().error.message).toMatch(/OrdererSignature/);

    // The orderer signs second, never first.
    const tooEarly = await signAndPost(testApp, orderer.representative, ordererCertificate, contract.id, "ORDERER");
    expect(tooEarly.response.statusCode).toBe(409);
    expect(tooEarly.response.json().error.currentState).toBe("SENT");
    expect(await countSignatures(contract.id)).toBe(0);
  });

  it("refuses tampered bytes, bytes that are not the current revision, and text that is not base64", async () => {
    const { contractor, contract, contractorCertificate } = await sentContract(testApp);
    const base = await currentPdf(testApp, contractor.representative, contract.id);
    const signed = await signBytes(testApp, base, contractorCertificate, "CONTRACTOR", { signerName: "Tamper Target" });
    const text = Buffer.from(signed).toString("latin1");
    const at = text.indexOf("Tamper Target", base.byteLength);
    expect(at).toBeGreaterThan(0);
    const tampered = Buffer.from(signed);
    tampered[at] = "X".charCodeAt(0);
    const refused = await postSignature(testApp, contractor.representative, contract.id, { edition: 1, revision: 0, signedPdf: tampered });
    expect(refused.statusCode).toBe(400);
    expect(fieldsOf(refused.json())).toEqual(["body.signedPdf"]);

    const changedBase = Buffer.from(signed);
    changedBase[20] = changedBase[20] === 0x20 ? 0x0a : 0x20;
    const notAnIncrement = await postSignature(testApp, contractor.representative, contract.id, { edition: 1, revision: 0, signedPdf: changedBase });
    expect(notAnIncrement.statusCode).toBe(400);
    expect(notAnIncrement.json().error.message).toMatch(/current revision/);

    const notBase64 = await postSignature(testApp, contractor.representative, contract.id, { edition: 1, revision: 0, signedPdf: "%%%not base64%%%" });
    expect(fieldsOf(notBase64.json())).toEqual(["body.signedPdf"]);
    const missing = await call("POST", `/api/contracts/${contract.id}/signatures`, contractor.representative.auth, { edition: 1, revision: 0 });
    expect(fieldsOf(missing.json())).toEqual(["body.signedPdf"]);
    expect(await countSignatures(contract.id)).toBe(0);

    // The genuine one still goes through afterwards.
    expect((await postSignature(testApp, contractor.representative, contract.id, { edition: 1, revision: 0, signedPdf: signed })).statusCode).toBe(201);
  });
});

describe("size", () => {
  it("accepts a signed PDF far above the default request size (a contract with a 2 MiB annex)", async () => {
    const { orderer, contractor, contractorCertificate } = await sentContract(testApp);
    const annex = await PDFDocument.create();
    const page = annex.addPage([595, 842]);
    // A content stream holding one long comment: incompressible bytes that the contract PDF copies as they are.
    page.node.addContentStream(annex.context.register(annex.context.stream(`% ${randomBytes(1_600_000).toString("base64")}\n`)));
    const draft = await call("POST", "/api/contracts", orderer.staff.auth, draftBody(contractor.organization.id));
    const attached = await testApp.app.inject({
      method: "PUT",
      url: `/api/contracts/${draft.json().id}/annex?fileName=big.pdf&version=1`,
      headers: { authorization: orderer.staff.auth, "content-type": "application/pdf" },
      payload: Buffer.from(await annex.save()),
    });
    expect(attached.statusCode, attached.body).toBe(200);
    const sent = await call("POST", `/api/contracts/${draft.json().id}/send`, orderer.staff.auth, { version: 2 });
    expect(sent.json().currentRevision.size).toBeGreaterThan(2 * 1024 * 1024);
    const { response } = await signAndPost(testApp, contractor.representative, contractorCertificate, draft.json().id, "CONTRACTOR");
    expect(response.statusCode, response.body).toBe(201);
  });
});

describe("idempotency and races", () => {
  it("answers a replay of the same signed PDF with 200 and the same result, without a second signature", async () => {
    const { contractor, contract, contractorCertificate } = await sentContract(testApp);
    const { response, signed } = await signAndPost(testApp, contractor.representative, contractorCertificate, contract.id, "CONTRACTOR");
    expect(response.statusCode).toBe(201);
    const replay = await postSignature(testApp, contractor.representative, contract.id, { edition: 1, revision: 0, signedPdf: signed });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(response.json());
    expect(await countSignatures(contract.id)).toBe(1);
    expect(await testApp.prisma.contractRevision.count({ where: { contractId: contract.id } })).toBe(2);

    // The same bytes sent twice at once also leave one signature.
    const next = await sentContract(testApp);
    const base = await currentPdf(testApp, next.contractor.representative, next.contract.id);
    const once = await signBytes(testApp, base, next.contractorCertificate, "CONTRACTOR");
    const both = await Promise.all([1, 2].map(() => postSignature(testApp, next.contractor.representative, next.contract.id, { edition: 1, revision: 0, signedPdf: once })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(await countSignatures(next.contract.id)).toBe(1);
  });

  it("an earlier edition's signed bytes are no replay once the contract was returned and sent again", async () => {
    const { orderer, contractor, contract, contractorCertificate } = await sentContract(testApp);
    const { response, signed } = await signAndPost(testApp, contractor.representative, contractorCertificate, contract.id, "CONTRACTOR");
    expect(response.statusCode).toBe(201);
    const call = caller(testApp);
    const returned = await call("POST", `/api/contracts/${contract.id}/return`, orderer.staff.auth, { version: response.json().version, reason: "단가 재검토" });
    expect(returned.statusCode, returned.body).toBe(200);
    const resent = await call("POST", `/api/contracts/${contract.id}/send`, orderer.staff.auth, { version: returned.json().version });
    expect(resent.statusCode, resent.body).toBe(200);

    const stale = await postSignature(testApp, contractor.representative, contract.id, { edition: 1, revision: 0, signedPdf: signed });
    expect(stale.statusCode).toBe(409);
    const detail = (await call("GET", `/api/contracts/${contract.id}`, contractor.representative.auth)).json();
    expect(detail).toMatchObject({ edition: 2, status: "SENT", signatures: [] });
  });

  it("lets exactly one of two different signatures for the same step win; the other gets 409", async () => {
    const { contractor, contract, contractorCertificate } = await sentContract(testApp);
    const staffCertificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: contractor.staff.id });
    await delegate(contractor.representative, contractor.staff, ["CONTRACTS"]);
    const base = await currentPdf(testApp, contractor.representative, contract.id);
    const [byRepresentative, byAgent] = await Promise.all([
      signBytes(testApp, base, contractorCertificate, "CONTRACTOR"),
      signBytes(testApp, base, staffCertificate, "CONTRACTOR"),
    ]);
    const responses = await Promise.all([
      postSignature(testApp, contractor.representative, contract.id, { edition: 1, revision: 0, signedPdf: byRepresentative }),
      postSignature(testApp, contractor.staff, contract.id, { edition: 1, revision: 0, signedPdf: byAgent }),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const loser = responses.find((r) => r.statusCode === 409);
    expect(loser?.json().error.currentState).toBe("SIGNED_BY_CONTRACTOR");
    expect(await countSignatures(contract.id)).toBe(1);
    expect(await testApp.prisma.contractRevision.count({ where: { contractId: contract.id } })).toBe(2);
  });
});
