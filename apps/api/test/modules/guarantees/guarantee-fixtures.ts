// Parties and applications for the guarantees tests, and signing a prepared version in Node as the browser does:
// a detached CMS over the canonical JSON's UTF-8 bytes and a PAdES B-T signature (platform TSA) on each PDF, all with
// the surety signer's key.
import { createSignedData } from "@pwp/pki/cms";
import { signPdf } from "@pwp/pki/pades";
import type { Country } from "@pwp/shared/enums";
import type { CreateGuaranteeBody, GuaranteeDetail, PrepareGuaranteeVersionBody, PreparedGuaranteeVersion } from "@pwp/shared/guarantees";
import { stampWithPlatformTsa } from "../../../src/lib/pki/platform-tsa.ts";
import { issueTestCertificate, type TestCertificate } from "../../support/certificates.ts";
import type { TestApp } from "../../support/test-app.ts";
import { addCounterparty, caller, createParty, draftBody, type Party, type PartyUser } from "../contracts/contract-fixtures.ts";

export { caller, fieldsOf, type Party, type PartyUser } from "../contracts/contract-fixtures.ts";

export const SURETY_SIGNATURE_FIELD = "SuretySignature";

/** A fee statement for an issue that does not test the fee itself (every issue delivers one). */
export const TEST_FEE = { baseAmount: 123_456_789, rateBasisPoints: 35, feeAmount: 432_098 } as const;

export async function createGuaranteeParties(testApp: TestApp, country: Country = "KR") {
  const orderer = await createParty(testApp, "ORDERER", country);
  const contractor = await createParty(testApp, "CONTRACTOR", country);
  const surety = await createParty(testApp, "SURETY", country);
  await addCounterparty(testApp, orderer, contractor);
  return { orderer, contractor, surety };
}

/** A contract the orderer sent to the contractor (so the contractor can apply from it). */
export async function sentContract(testApp: TestApp, orderer: Party, contractor: Party, requiredGuarantees: CreateGuaranteeBody["kind"][] = ["CONTRACT_PERFORMANCE"]) {
  const call = caller(testApp);
  const created = await call("POST", "/api/contracts", orderer.staff.auth, draftBody(contractor.organization.id, { requiredGuarantees }));
  if (created.statusCode !== 201) throw new Error(`create contract: ${created.body}`);
  const sent = await call("POST", `/api/contracts/${created.json().id}/send`, orderer.staff.auth, { version: 1 });
  if (sent.statusCode !== 200) throw new Error(`send contract: ${sent.body}`);
  return sent.json() as { id: string; amount: number; title: string; version: number; contractNumber: string };
}

/** A valid standalone application (no contract, orderer not on the platform). */
export function applicationBody(suretyOrganizationId: string, overrides: Partial<CreateGuaranteeBody> = {}): CreateGuaranteeBody {
  return {
    suretyOrganizationId,
    kind: "CONTRACT_PERFORMANCE",
    contractId: null,
    ordererOrganizationId: null,
    ordererName: "한누리시 교육청",
    worksTitle: "한누리초등학교 증축공사",
    contractAmount: 1_234_567_890,
    contractDate: "2026-12-28",
    worksStartDate: "2027-01-04",
    worksEndDate: "2027-12-24",
    guaranteeAmount: 123_456_789,
    guaranteeStartDate: "2027-01-04",
    guaranteeEndDate: "2028-02-29",
    targetAmountThisYear: null,
    depositBankName: "",
    depositBranchName: "",
    usesReDeposit: false,
    feePaymentMethod: "LUMP_SUM",
    feeBilledTo: "본사 관리부",
    delivery: "ELECTRONIC",
    wantsPaperFeeStatement: false,
    destinationBranch: "서울지점",
    notificationEmail: "guarantee@example.test",
    contacts: [{ name: "이현장", department: "공무부", phone: "010-0000-0000", email: "lee@example.test" }],
    message: "",
    ...overrides,
  };
}

export async function createApplication(testApp: TestApp, contractor: PartyUser, body: CreateGuaranteeBody): Promise<GuaranteeDetail> {
  const response = await caller(testApp)("POST", "/api/guarantees", contractor.auth, body);
  if (response.statusCode !== 201) throw new Error(`create guarantee: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** A standalone application sent to the surety by the contractor's representative. */
export async function submittedApplication(testApp: TestApp, parties: { contractor: Party; surety: Party }, overrides: Partial<CreateGuaranteeBody> = {}) {
  const created = await createApplication(testApp, parties.contractor.staff, applicationBody(parties.surety.organization.id, overrides));
  const submitted = await caller(testApp)("POST", `/api/guarantees/${created.id}/submit`, parties.contractor.representative.auth, { version: created.version });
  if (submitted.statusCode !== 200) throw new Error(`submit: ${submitted.statusCode} ${submitted.body}`);
  return submitted.json() as GuaranteeDetail;
}

export async function prepareVersion(testApp: TestApp, user: PartyUser, guaranteeId: string, body: PrepareGuaranteeVersionBody): Promise<PreparedGuaranteeVersion> {
  const response = await caller(testApp)("POST", `/api/guarantees/${guaranteeId}/versions/prepare`, user.auth, body);
  if (response.statusCode !== 201) throw new Error(`prepare: ${response.statusCode} ${response.body}`);
  return response.json();
}

export async function downloadPdf(testApp: TestApp, user: PartyUser, guaranteeId: string, number: number, which: "certificate.pdf" | "fee-statement.pdf") {
  const response = await caller(testApp)("GET", `/api/guarantees/${guaranteeId}/versions/${number}/${which}`, user.auth);
  if (response.statusCode !== 200) throw new Error(`GET ${which}: ${response.statusCode} ${response.body}`);
  return new Uint8Array(response.rawPayload);
}

export type SignOptions = {
  /** Signs this text instead of the prepared canonical JSON. */
  json?: string;
  /** Signs the PDFs with this certificate (and key) instead. */
  pdfCertificate?: TestCertificate;
  /** Signs this instead of the prepared certificate PDF. */
  certificatePdfBase?: Uint8Array;
  isTimestamped?: boolean;
  genTime?: Date;
  /** Leaves the fee statement out even when the version has one. */
  isFeeStatementLeftOut?: boolean;
};

export async function signPdfBytes(testApp: TestApp, base: Uint8Array, certificate: TestCertificate, options: SignOptions = {}): Promise<Uint8Array> {
  const { app } = testApp;
  return signPdf(base, {
    fieldName: SURETY_SIGNATURE_FIELD,
    signerName: "보증 담당",
    reason: "전자보증서 발급",
    privateKey: certificate.keyPair.privateKey,
    certificateDer: certificate.certificateDer,
    chainDer: [app.pki.issuing.certificateDer],
    ...(options.isTimestamped === false
      ? {}
      : { requestTimestamp: async (signatureValue: Uint8Array) => (await stampWithPlatformTsa(app.pki, signatureValue, options.genTime ?? app.now())).tokenDer }),
  });
}

export async function signJson(testApp: TestApp, json: string, certificate: TestCertificate): Promise<Uint8Array> {
  return createSignedData({
    content: new TextEncoder().encode(json),
    signerCertificateDer: certificate.certificateDer,
    certificatesDer: [testApp.app.pki.issuing.certificateDer],
    privateKey: certificate.keyPair.privateKey,
  });
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** The sign body for a prepared version, as the browser builds it. */
export async function signatureBody(testApp: TestApp, user: PartyUser, guaranteeId: string, prepared: PreparedGuaranteeVersion, certificate: TestCertificate, options: SignOptions = {}) {
  const certificatePdf = options.certificatePdfBase ?? (await downloadPdf(testApp, user, guaranteeId, prepared.number, "certificate.pdf"));
  const pdfCertificate = options.pdfCertificate ?? certificate;
  const signedData = await signJson(testApp, options.json ?? prepared.canonicalJson, certificate);
  const signedCertificatePdf = await signPdfBytes(testApp, certificatePdf, pdfCertificate, options);
  const body: { signedData: string; signedCertificatePdf: string; signedFeeStatementPdf?: string } = {
    signedData: base64(signedData),
    signedCertificatePdf: base64(signedCertificatePdf),
  };
  if (prepared.feeStatementPdfSha256 && !options.isFeeStatementLeftOut) {
    const fee = await downloadPdf(testApp, user, guaranteeId, prepared.number, "fee-statement.pdf");
    body.signedFeeStatementPdf = base64(await signPdfBytes(testApp, fee, pdfCertificate, options));
  }
  return { body, signedData, signedCertificatePdf };
}

export function postSignature(testApp: TestApp, user: PartyUser, guaranteeId: string, number: number, body: unknown) {
  return caller(testApp)("POST", `/api/guarantees/${guaranteeId}/versions/${number}/sign`, user.auth, body);
}

/** Prepares and signs a version as `user`; returns the response and the prepared version. */
export async function prepareAndSign(
  testApp: TestApp,
  user: PartyUser,
  certificate: TestCertificate,
  guaranteeId: string,
  prepare: PrepareGuaranteeVersionBody,
  options: SignOptions = {},
) {
  const prepared = await prepareVersion(testApp, user, guaranteeId, prepare);
  const { body } = await signatureBody(testApp, user, guaranteeId, prepared, certificate, options);
  return { prepared, body, response: await postSignature(testApp, user, guaranteeId, prepared.number, body) };
}

/** Parties, a surety representative with a certificate, and an application from a sent contract, issued with a fee statement. */
export async function issuedGuarantee(testApp: TestApp, options: { country?: Country; parties?: Awaited<ReturnType<typeof createGuaranteeParties>> } = {}) {
  const parties = options.parties ?? (await createGuaranteeParties(testApp, options.country));
  const contract = await sentContract(testApp, parties.orderer, parties.contractor);
  const created = await createApplication(
    testApp,
    parties.contractor.staff,
    applicationBody(parties.surety.organization.id, { contractId: contract.id, contractAmount: contract.amount, guaranteeAmount: Math.floor(contract.amount / 10) }),
  );
  const submitted = await caller(testApp)("POST", `/api/guarantees/${created.id}/submit`, parties.contractor.representative.auth, { version: created.version });
  if (submitted.statusCode !== 200) throw new Error(`submit: ${submitted.body}`);
  const suretyCertificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: parties.surety.representative.id });
  const { response, prepared } = await prepareAndSign(testApp, parties.surety.representative, suretyCertificate, created.id, {
    action: "ISSUE",
    version: submitted.json().version,
    fee: { baseAmount: Math.floor(contract.amount / 10), rateBasisPoints: 35, feeAmount: Math.floor(contract.amount / 10 / 10_000) * 35 },
  });
  if (response.statusCode !== 201) throw new Error(`issue: ${response.statusCode} ${response.body}`);
  return { ...parties, contract, suretyCertificate, prepared, guarantee: response.json() as GuaranteeDetail };
}

export async function authKeyOf(testApp: TestApp, user: PartyUser, guaranteeId: string): Promise<string> {
  const response = await caller(testApp)("GET", `/api/guarantees/${guaranteeId}/auth-key`, user.auth);
  if (response.statusCode !== 200) throw new Error(`auth-key: ${response.statusCode} ${response.body}`);
  return response.json().authKey;
}
