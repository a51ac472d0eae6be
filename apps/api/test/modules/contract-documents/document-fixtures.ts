// What the contract-document tests start from: a COMPLETED contract (both representatives hold certificates, the
// contractor signed, then the orderer), and the steps of a document through the API as the web client takes them —
// create, send, fetch the current revision, sign it in Node as the browser does (signBytes) and upload it. Also the
// outside validators (poppler's pdfsig with an NSS database trusting the platform root, and MuPDF's mutool) every
// signed PDF must pass.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect } from "vitest";
import { toPem } from "@pwp/pki/encoding";
import type {
  ChangeContent,
  ContractDocumentDetail,
  ContractDocumentInput,
  ContractDocumentList,
  InspectionContent,
  InvoiceContent,
  UnitPriceRow,
} from "@pwp/shared/contract-documents";
import type { ContractSide } from "@pwp/shared/contracts";
import { verifyPlatformPdf } from "../../../src/lib/pki/pdf-verification.ts";
import type { TestCertificate } from "../../support/certificates.ts";
import type { TestApp } from "../../support/test-app.ts";
import { caller, type Party, type PartyUser } from "../contracts/contract-fixtures.ts";
import { sentContract, signAndPost, signBytes, type SignOptions } from "../contracts/signing-fixtures.ts";

/** The terms draftBody gives every test contract (contract-fixtures.ts). */
export const CONTRACT_TERMS = { amount: 1_234_567_890, worksStartDate: "2027-01-04", worksEndDate: "2027-12-24" } as const;

export type CompletedContract = {
  orderer: Party;
  contractor: Party;
  contract: { id: string; contractNumber: string };
  ordererCertificate: TestCertificate;
  contractorCertificate: TestCertificate;
};

/** A contract both parties signed (the contractor first, as always): the one documents follow. */
export async function completedContract(testApp: TestApp): Promise<CompletedContract> {
  const sent = await sentContract(testApp);
  const { orderer, contractor, contract, ordererCertificate, contractorCertificate } = sent;
  const byContractor = await signAndPost(testApp, contractor.representative, contractorCertificate, contract.id, "CONTRACTOR");
  if (byContractor.response.statusCode !== 201) throw new Error(`contract, contractor's signature: ${byContractor.response.body}`);
  const byOrderer = await signAndPost(testApp, orderer.representative, ordererCertificate, contract.id, "ORDERER");
  if (byOrderer.response.statusCode !== 201 || byOrderer.response.json().status !== "COMPLETED") throw new Error(`contract, orderer's signature: ${byOrderer.response.body}`);
  return { orderer, contractor, contract: { id: contract.id, contractNumber: contract.contractNumber }, ordererCertificate, contractorCertificate };
}

// ---- content ---------------------------------------------------------------------------------------------------------

export function changeContent(overrides: Partial<ChangeContent> = {}): ChangeContent {
  return { amount: 1_300_000_000, worksStartDate: "2027-01-04", worksEndDate: "2028-02-29", reason: "설계변경: 지하주차장 추가", termsNote: "제5조 공사기간 변경", ...overrides };
}

/**
 * Rows adding up to `total` (at least 1,034): two whose product a float gets wrong (1.005 × 1,000 is 1,004.999…;
 * 0.29 × 100 is 28.999…) and the rest as one lump sum.
 */
export function unitPriceRows(total: number): UnitPriceRow[] {
  return [
    { item: "철근 가공조립", unit: "ton", quantity: "1.005", unitPrice: 1_000, amount: 1_005 },
    { item: "거푸집", unit: "m2", quantity: "0.29", unitPrice: 100, amount: 29 },
    { item: "일반 토공", unit: "식", quantity: "1", unitPrice: total - 1_034, amount: total - 1_034 },
  ];
}

export function inspectionRequest(overrides: Partial<InspectionContent> = {}): InspectionContent {
  return { inspectionKind: "PARTIAL", requestedDate: "2027-06-30", requestNote: "1차 기성검사 요청", ...overrides };
}

export function invoiceContent(overrides: Partial<InvoiceContent> = {}): InvoiceContent {
  return { grossAmount: 300_000_000, advanceDeduction: 50_000_000, invoiceDate: "2027-07-10", note: "1회 기성금 청구", ...overrides };
}

// ---- the API, step by step -------------------------------------------------------------------------------------------

export const documentUrl = (documentId: string) => `/api/contract-documents/${documentId}`;
export const documentsUrl = (contractId: string) => `/api/contracts/${contractId}/documents`;

function expectStatus(response: { statusCode: number; body: string }, status: number, what: string) {
  if (response.statusCode !== status) throw new Error(`${what}: ${response.statusCode} ${response.body}`);
}

export async function listDocuments(testApp: TestApp, user: PartyUser, contractId: string): Promise<ContractDocumentList> {
  const response = await caller(testApp)("GET", documentsUrl(contractId), user.auth);
  expectStatus(response, 200, "list documents");
  return response.json();
}

export async function getDocument(testApp: TestApp, user: PartyUser, documentId: string): Promise<ContractDocumentDetail> {
  const response = await caller(testApp)("GET", documentUrl(documentId), user.auth);
  expectStatus(response, 200, "get document");
  return response.json();
}

export async function createDocument(testApp: TestApp, user: PartyUser, contractId: string, input: ContractDocumentInput): Promise<ContractDocumentDetail> {
  const response = await caller(testApp)("POST", documentsUrl(contractId), user.auth, input);
  expectStatus(response, 201, `create ${input.kind}`);
  return response.json();
}

/** PUT with the document's current version. */
export async function updateDocument(testApp: TestApp, user: PartyUser, documentId: string, input: ContractDocumentInput): Promise<ContractDocumentDetail> {
  const { version } = await getDocument(testApp, user, documentId);
  const response = await caller(testApp)("PUT", documentUrl(documentId), user.auth, { ...input, version });
  expectStatus(response, 200, `update ${input.kind}`);
  return response.json();
}

/** Sends it with its current version. */
export async function sendDocument(testApp: TestApp, user: PartyUser, documentId: string): Promise<ContractDocumentDetail> {
  const { version } = await getDocument(testApp, user, documentId);
  const response = await caller(testApp)("POST", `${documentUrl(documentId)}/send`, user.auth, { version });
  expectStatus(response, 200, "send document");
  return response.json();
}

export async function documentPdf(testApp: TestApp, user: PartyUser, documentId: string, query = ""): Promise<Uint8Array> {
  const response = await caller(testApp)("GET", `${documentUrl(documentId)}/pdf${query}`, user.auth);
  expectStatus(response, 200, "document pdf");
  return new Uint8Array(response.rawPayload);
}

export function postDocumentSignature(testApp: TestApp, user: PartyUser, documentId: string, body: { edition: number; revision: number; signedPdf: Uint8Array }) {
  return caller(testApp)("POST", `${documentUrl(documentId)}/signatures`, user.auth, { ...body, signedPdf: Buffer.from(body.signedPdf).toString("base64") });
}

/** As the browser: the current revision, one PAdES B-T signature in `side`'s field (unless options say otherwise), uploaded. */
export async function signDocument(testApp: TestApp, user: PartyUser, certificate: TestCertificate, documentId: string, side: ContractSide, options: SignOptions = {}) {
  const detail = await getDocument(testApp, user, documentId);
  const base = await documentPdf(testApp, user, documentId);
  const signed = await signBytes(testApp, base, certificate, side, options);
  const response = await postDocumentSignature(testApp, user, documentId, { edition: detail.edition, revision: detail.currentRevision?.revision ?? 0, signedPdf: signed });
  return { response, signed };
}

/** signDocument by the side's representative, which must be accepted (201). */
export async function signAs(testApp: TestApp, fixture: CompletedContract, side: ContractSide, documentId: string): Promise<ContractDocumentDetail> {
  const [user, certificate] = side === "ORDERER" ? [fixture.orderer.representative, fixture.ordererCertificate] : [fixture.contractor.representative, fixture.contractorCertificate];
  const { response } = await signDocument(testApp, user, certificate, documentId, side);
  expectStatus(response, 201, `${side}'s signature`);
  return response.json();
}

/**
 * An inspection the contractor requested and the orderer passed, sent and signed (COMPLETED). `inspectedAmount` is
 * cumulative; a COMPLETION inspection must be given the contract's current amount.
 */
export async function passedInspection(testApp: TestApp, fixture: CompletedContract, inspectedAmount: number, request: Partial<InspectionContent> = {}) {
  const content = inspectionRequest(request);
  const requested = await createDocument(testApp, fixture.contractor.staff, fixture.contract.id, { kind: "INSPECTION", content });
  await updateDocument(testApp, fixture.orderer.staff, requested.id, {
    kind: "INSPECTION",
    content: { ...content, result: { inspectedOn: "2027-07-01", outcome: "PASSED", inspectedAmount } },
  });
  await sendDocument(testApp, fixture.orderer.staff, requested.id);
  return signAs(testApp, fixture, "ORDERER", requested.id);
}

// ---- the signed PDF, checked by the platform and by poppler -----------------------------------------------------------

/** The platform verifier's verdict on each signature: [fieldName, isValid, coversWholeDocument]. */
export async function platformVerdicts(testApp: TestApp, pdf: Uint8Array) {
  const { signatures } = await verifyPlatformPdf(testApp.prisma, testApp.app.pki, pdf, { now: new Date() });
  return signatures.map((signature) => [signature.fieldName, signature.isValid, signature.coversWholeDocument] as const);
}

const run = promisify(execFile);

/**
 * poppler's pdfsig against an NSS database trusting the platform root. pdfsig exits 0 even when a digest does not
 * match, so callers read the verdict of each signature ("Signature #n:" blocks) rather than the exit code.
 */
export async function openPdfsig(testApp: TestApp) {
  const dir = mkdtempSync(path.join(tmpdir(), "pwp-document-pdfsig-"));
  const nssDir = path.join(dir, "nss");
  mkdirSync(nssDir);
  writeFileSync(path.join(dir, "root.pem"), toPem(testApp.app.pki.root.certificateDer, "CERTIFICATE"));
  await run("certutil", ["-N", "--empty-password", "-d", `sql:${nssDir}`]);
  await run("certutil", ["-A", "-d", `sql:${nssDir}`, "-n", "root", "-t", "CT,C,C", "-i", path.join(dir, "root.pem")]);
  let count = 0;
  return {
    /** pdfsig's whole output (stdout and stderr, whatever the exit code) and its block per signature. */
    async check(pdf: Uint8Array): Promise<{ output: string; blocks: string[] }> {
      const file = path.join(dir, `document-${++count}.pdf`);
      writeFileSync(file, pdf);
      let output: string;
      try {
        const { stdout, stderr } = await run("pdfsig", ["-nssdir", `sql:${nssDir}`, file], { maxBuffer: 16 * 1024 * 1024 });
        output = `${stdout}\n${stderr}`;
      } catch (error) {
        const failed = error as { stdout?: string; stderr?: string };
        output = `${failed.stdout ?? ""}\n${failed.stderr ?? ""}`;
      }
      return { output, blocks: output.split(/^Signature #\d+:/m).slice(1) };
    },
    /** MuPDF's `mutool sign -v` (its verdicts go to either stream, whatever the exit code), one block per signature. */
    async mutool(pdf: Uint8Array): Promise<{ output: string; verdicts: string[] }> {
      const file = path.join(dir, `document-${++count}.pdf`);
      writeFileSync(file, pdf);
      let output: string;
      try {
        const { stdout, stderr } = await run("mutool", ["sign", "-v", file], { maxBuffer: 16 * 1024 * 1024 });
        output = `${stdout}\n${stderr}`;
      } catch (error) {
        const failed = error as { stdout?: string; stderr?: string };
        output = `${failed.stdout ?? ""}\n${failed.stderr ?? ""}`;
      }
      return { output, verdicts: output.split(/^Verifying signature \d+:/m).slice(1) };
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export type Pdfsig = Awaited<ReturnType<typeof openPdfsig>>;

/** The audit events written for a document, by action, oldest first. */
export async function auditActions(testApp: TestApp, documentId: string): Promise<string[]> {
  const events = await testApp.prisma.auditEvent.findMany({ where: { targetType: "ContractDocument", targetId: documentId }, orderBy: { id: "asc" }, select: { action: true } });
  return events.map((event) => event.action);
}

/**
 * Both verifiers find exactly these signatures, in this order, each valid and trusted, the last one over the whole
 * file (the earlier ones cover the revision they signed).
 */
export async function expectEverySignatureValid(testApp: TestApp, pdfsig: Pdfsig, pdf: Uint8Array, fieldNames: readonly string[]) {
  expect(await platformVerdicts(testApp, pdf)).toEqual(fieldNames.map((name, index) => [name, true, index === fieldNames.length - 1]));
  const { output, blocks } = await pdfsig.check(pdf);
  expect(blocks, output).toHaveLength(fieldNames.length);
  blocks.forEach((block, index) => {
    expect(block, output).toContain(`Signature Field Name: ${fieldNames[index]}`);
    expect(block, output).toContain("Signature is Valid.");
    expect(block, output).toContain("Certificate is Trusted.");
  });
  expect(blocks.at(-1), output).toContain("Total document signed");
  // MuPDF: every digest verifies, and nothing follows the last signature (earlier ones are "edited since signing" to
  // MuPDF 1.21 as soon as any increment follows them; contract-validators.test.ts checks each revision cut at its end).
  const mutool = await pdfsig.mutool(pdf);
  expect(mutool.verdicts, mutool.output).toHaveLength(fieldNames.length);
  for (const verdict of mutool.verdicts) expect(verdict, mutool.output).not.toMatch(/Digest error|not valid/i);
  expect(mutool.verdicts.at(-1), mutool.output).toContain("The document is unchanged since signing.");
}
