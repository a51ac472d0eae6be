// Inspections (検査) and invoices (請求) end to end: the contractor requests an inspection, the orderer records its
// result, sends it and signs it alone; after a passed one the contractor invoices what was inspected, signs, and the
// orderer's signature is the receipt. The contract's standing follows: inspected, invoiced, received, invoiceable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueTestCertificate } from "../../support/certificates.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { caller, fieldsOf } from "../contracts/contract-fixtures.ts";
import {
  auditActions,
  completedContract,
  CONTRACT_TERMS,
  createDocument,
  documentPdf,
  documentsUrl,
  documentUrl,
  expectEverySignatureValid,
  getDocument,
  inspectionRequest,
  invoiceContent,
  listDocuments,
  openPdfsig,
  passedInspection,
  sendDocument,
  signAs,
  signDocument,
  updateDocument,
  type CompletedContract,
  type Pdfsig,
} from "./document-fixtures.ts";

const HOUR = 3_600_000;

let testApp: TestApp;
let call: ReturnType<typeof caller>;
let fixture: CompletedContract;
let pdfsig: Pdfsig;

beforeAll(async () => {
  testApp = await buildTestApp();
  call = caller(testApp);
  fixture = await completedContract(testApp);
  pdfsig = await openPdfsig(testApp);
}, 120_000);

afterAll(async () => {
  pdfsig?.close();
  await testApp?.close();
});

const standingOf = async () => (await listDocuments(testApp, fixture.orderer.staff, fixture.contract.id)).standing;

// The tests below run in order on one contract: the inspection, then the invoices it allows, then the completion.
describe("an inspection", () => {
  it("is not invoiced before one has passed (409)", async () => {
    const response = await call("POST", documentsUrl(fixture.contract.id), fixture.contractor.staff.auth, { kind: "INVOICE", content: invoiceContent() });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe("CONFLICT");
    expect((await listDocuments(testApp, fixture.contractor.staff, fixture.contract.id)).canCreate).not.toContain("INVOICE");
  });

  it("is requested by the contractor; the orderer records the result, sends it and signs it alone", async () => {
    const { orderer, contractor, contract } = fixture;
    const request = inspectionRequest();

    // The result is the orderer's to write, not part of the request.
    const withResult = await call("POST", documentsUrl(contract.id), contractor.staff.auth, {
      kind: "INSPECTION",
      content: { ...request, result: { inspectedOn: "2027-07-01", outcome: "PASSED", inspectedAmount: 1 } },
    });
    expect(withResult.statusCode).toBe(400);
    expect(fieldsOf(withResult.json())).toEqual(["body.content.result"]);

    const requested = await createDocument(testApp, contractor.staff, contract.id, { kind: "INSPECTION", content: request });
    // The orderer sees the request (it is the one to write the result); the contractor may only withdraw it.
    expect(requested).toMatchObject({ kind: "INSPECTION", status: "DRAFT", amount: null, awaitingSide: "ORDERER", allowedActions: ["DELETE"] });
    expect(await getDocument(testApp, orderer.staff, requested.id)).toMatchObject({ status: "DRAFT", allowedActions: ["EDIT", "SEND"], content: request });
    const contractorEdit = await call("PUT", documentUrl(requested.id), contractor.staff.auth, { kind: "INSPECTION", content: request, version: 1 });
    expect(contractorEdit.statusCode).toBe(409);

    const noResult = await call("POST", `${documentUrl(requested.id)}/send`, orderer.staff.auth, { version: 1 });
    expect(noResult.statusCode).toBe(400);
    expect(fieldsOf(noResult.json())).toEqual(["body.content.result"]);

    const put = (content: object) => call("PUT", documentUrl(requested.id), orderer.staff.auth, { kind: "INSPECTION", content, version: 1 });
    const failedWithoutFindings = await put({ ...request, result: { inspectedOn: "2027-07-01", outcome: "FAILED", inspectedAmount: 0 } });
    expect(failedWithoutFindings.statusCode).toBe(400);
    expect(fieldsOf(failedWithoutFindings.json())).toEqual(["body.content.result.findings"]);
    const blankFindings = await put({ ...request, result: { inspectedOn: "2027-07-01", outcome: "FAILED", findings: " ", inspectedAmount: 0 } });
    expect(fieldsOf(blankFindings.json())).toEqual(["body.content.result.findings"]);

    // The request's fields stay the contractor's.
    const rewritten = await put({ ...request, requestedDate: "2027-07-15", requestNote: "변경", result: { inspectedOn: "2027-07-01", outcome: "PASSED", inspectedAmount: 600_000_000 } });
    expect(rewritten.statusCode).toBe(400);
    expect(fieldsOf(rewritten.json()).sort()).toEqual(["body.content.requestNote", "body.content.requestedDate"]);
    const otherKind = await put({ ...request, inspectionKind: "COMPLETION", result: { inspectedOn: "2027-07-01", outcome: "FAILED", findings: "x", inspectedAmount: 0 } });
    expect(fieldsOf(otherKind.json())).toEqual(["body.content.inspectionKind"]);

    const tooMuch = await put({ ...request, result: { inspectedOn: "2027-07-01", outcome: "PASSED", inspectedAmount: CONTRACT_TERMS.amount + 1 } });
    expect(fieldsOf(tooMuch.json())).toEqual(["body.content.result.inspectedAmount"]);

    const result = { inspectedOn: "2027-07-01", outcome: "PASSED" as const, inspectedAmount: 600_000_000 };
    const recorded = await put({ ...request, result });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({ status: "DRAFT", amount: 600_000_000, version: 2, content: { ...request, result } });

    const sent = await sendDocument(testApp, orderer.staff, requested.id);
    expect(sent).toMatchObject({ status: "SENT", awaitingSide: "ORDERER", edition: 1 });
    // Nobody returns it: its only signer is its author. The contractor has nothing to do.
    expect((await getDocument(testApp, contractor.representative, requested.id)).allowedActions).toEqual([]);
    expect((await getDocument(testApp, orderer.representative, requested.id)).allowedActions).toEqual(["SIGN", "CANCEL"]);
    // Not signed yet, it counts for nothing.
    expect((await standingOf()).inspected).toBe(0);

    // A contracts-only delegation is no authority over inspections and invoices (BILLING).
    const agentCertificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: orderer.staff.id });
    await testApp.prisma.delegation.create({
      data: { organizationId: orderer.organization.id, grantorId: orderer.representative.id, agentId: orderer.staff.id, scopes: ["CONTRACTS"], validFrom: new Date(Date.now() - HOUR), validUntil: new Date(Date.now() + 24 * HOUR) },
    });
    const noBilling = await signDocument(testApp, orderer.staff, agentCertificate, requested.id, "ORDERER");
    expect(noBilling.response.statusCode).toBe(403);
    expect(noBilling.response.json().error.message).toMatch(/no authority to sign inspections and invoices/);

    const completed = await signAs(testApp, fixture, "ORDERER", requested.id);
    expect(completed).toMatchObject({ status: "COMPLETED", signatures: [{ position: 0, side: "ORDERER", fieldName: "OrdererSignature" }], currentRevision: { revision: 1 } });
    await expectEverySignatureValid(testApp, pdfsig, await documentPdf(testApp, contractor.staff, requested.id), ["OrdererSignature"]);

    expect(await standingOf()).toMatchObject({ inspected: 600_000_000, invoiced: 0, received: 0, invoiceable: 600_000_000 });
    expect((await listDocuments(testApp, contractor.staff, contract.id)).canCreate).toEqual(["UNIT_PRICES", "INSPECTION", "INVOICE"]);
    expect(await auditActions(testApp, requested.id)).toEqual(["contract_documents.created", "contract_documents.updated", "contract_documents.sent", "contract_documents.signed"]);
    // The other party hears of each step, linked to the document; the orderer, who acted, is not told of its own steps.
    const told = await testApp.prisma.notification.findMany({ where: { eventKey: { startsWith: `document:${requested.id}:` } }, select: { userId: true, kind: true, link: true, params: true } });
    expect(new Set(told.map((notification) => notification.userId))).toEqual(new Set([contractor.representative.id, contractor.staff.id]));
    expect(new Set(told.map((notification) => notification.kind))).toEqual(new Set(["CONTRACT_DOCUMENT_SENT", "CONTRACT_DOCUMENT_SIGNED"]));
    expect(told[0]).toMatchObject({ link: `/contracts/${contract.id}/documents/${requested.id}`, params: { documentKind: "INSPECTION", contract: contract.contractNumber } });
  });
});

describe("an invoice", () => {
  it("claims at most what was inspected; the contractor signs it, the orderer signs its receipt", async () => {
    const { orderer, contractor, contract } = fixture;
    const post = (content: object) => call("POST", documentsUrl(contract.id), contractor.staff.auth, { kind: "INVOICE", content });
    const tooMuch = await post(invoiceContent({ grossAmount: 600_000_001 }));
    expect(tooMuch.statusCode).toBe(400);
    expect(fieldsOf(tooMuch.json())).toEqual(["body.content.grossAmount"]);
    const deductionTooLarge = await post(invoiceContent({ grossAmount: 100, advanceDeduction: 101 }));
    expect(deductionTooLarge.statusCode).toBe(400);
    expect(fieldsOf(deductionTooLarge.json())).toEqual(["body.content.advanceDeduction"]);
    expect(await testApp.prisma.contractDocument.count({ where: { contractId: contract.id, kind: "INVOICE" } })).toBe(0);

    const content = invoiceContent({ grossAmount: 400_000_000, advanceDeduction: 50_000_000 });
    const draft = await createDocument(testApp, contractor.staff, contract.id, { kind: "INVOICE", content });
    expect(draft).toMatchObject({ kind: "INVOICE", number: 1, status: "DRAFT", amount: 350_000_000 });
    // A draft claims nothing yet, but counts against what may still be invoiced (one invoice open at a time).
    expect(await standingOf()).toMatchObject({ invoiced: 0, received: 0, invoiceable: 200_000_000 });
    // Editing it is checked against what is invoiceable without itself.
    const edited = await updateDocument(testApp, contractor.staff, draft.id, { kind: "INVOICE", content: { ...content, grossAmount: 600_000_000 } });
    expect(edited.amount).toBe(550_000_000);
    await updateDocument(testApp, contractor.staff, draft.id, { kind: "INVOICE", content });
    // Its writer sees its own edits on the contract's timeline; the orderer sees the invoice once it is sent.
    type Step = { kind: string; document: { id: string } | null };
    const edits = async (auth: string) =>
      ((await call("GET", `/api/contracts/${contract.id}/timeline`, auth)).json().events as Step[]).filter((event) => event.document?.id === draft.id).map((event) => event.kind);
    expect(await edits(contractor.staff.auth)).toEqual(["CREATED", "UPDATED", "UPDATED"]);
    expect(await edits(orderer.staff.auth)).toEqual([]);

    await sendDocument(testApp, contractor.staff, draft.id);
    expect(await standingOf()).toMatchObject({ invoiced: 350_000_000, received: 0, invoiceable: 200_000_000 });
    await signAs(testApp, fixture, "CONTRACTOR", draft.id);
    expect((await getDocument(testApp, orderer.representative, draft.id)).allowedActions).toEqual(["RETURN", "SIGN"]);
    const received = await signAs(testApp, fixture, "ORDERER", draft.id);
    expect(received).toMatchObject({ status: "COMPLETED", amount: 350_000_000 });
    expect(received.signatures.map((signature) => signature.fieldName)).toEqual(["ContractorSignature", "OrdererSignature"]);
    await expectEverySignatureValid(testApp, pdfsig, await documentPdf(testApp, orderer.staff, draft.id), ["ContractorSignature", "OrdererSignature"]);
    expect(await standingOf()).toMatchObject({ inspected: 600_000_000, invoiced: 350_000_000, received: 350_000_000, invoiceable: 200_000_000 });
    expect((await auditActions(testApp, draft.id)).filter((action) => action === "contract_documents.signed")).toHaveLength(2);
  });

  it("a second invoice can only claim what is left", async () => {
    const { contractor, contract } = fixture;
    const over = await call("POST", documentsUrl(contract.id), contractor.staff.auth, { kind: "INVOICE", content: invoiceContent({ grossAmount: 200_000_001, advanceDeduction: 0 }) });
    expect(over.statusCode).toBe(400);
    expect(fieldsOf(over.json())).toEqual(["body.content.grossAmount"]);
    expect(over.json().error.message).toContain("200,000,000 of the inspected 600,000,000 is not invoiced yet");
    const rest = await createDocument(testApp, contractor.staff, contract.id, { kind: "INVOICE", content: invoiceContent({ grossAmount: 200_000_000, advanceDeduction: 0 }) });
    expect(rest).toMatchObject({ number: 2, amount: 200_000_000 });
    await sendDocument(testApp, contractor.staff, rest.id);
    expect(await standingOf()).toMatchObject({ invoiced: 550_000_000, received: 350_000_000, invoiceable: 0 });
    // Cancelled, it claims nothing again.
    const cancelled = await call("POST", `${documentUrl(rest.id)}/cancel`, contractor.staff.auth, { version: (await getDocument(testApp, contractor.staff, rest.id)).version, reason: "금액 정정" });
    expect(cancelled.json()).toMatchObject({ status: "CANCELLED" });
    expect(await standingOf()).toMatchObject({ invoiced: 350_000_000, received: 350_000_000, invoiceable: 200_000_000 });
  });
});

describe("a completion inspection", () => {
  it("must pass at the whole current amount; inspected amounts are cumulative", async () => {
    const { orderer, contractor, contract } = fixture;
    const request = inspectionRequest({ inspectionKind: "COMPLETION", requestedDate: "2027-12-24", requestNote: "준공검사 요청" });
    const requested = await createDocument(testApp, contractor.staff, contract.id, { kind: "INSPECTION", content: request });
    const put = (result: object) => call("PUT", documentUrl(requested.id), orderer.staff.auth, { kind: "INSPECTION", content: { ...request, result }, version: 1 });
    const partOfIt = await put({ inspectedOn: "2027-12-26", outcome: "PASSED", inspectedAmount: CONTRACT_TERMS.amount - 1 });
    expect(partOfIt.statusCode).toBe(400);
    expect(fieldsOf(partOfIt.json())).toEqual(["body.content.result.inspectedAmount"]);
    // A failed completion inspection records what was found, whatever the amount.
    const failed = await put({ inspectedOn: "2027-12-26", outcome: "FAILED", findings: "옥상 방수 보완", inspectedAmount: 600_000_000 });
    expect(failed.statusCode, failed.body).toBe(200);
    const deleted = await call("DELETE", documentUrl(requested.id), contractor.staff.auth, { version: failed.json().version });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(await auditActions(testApp, requested.id)).toEqual(["contract_documents.created", "contract_documents.updated", "contract_documents.deleted"]);

    const completed = await passedInspection(testApp, fixture, CONTRACT_TERMS.amount, request);
    // The deleted draft's number is free again, as a contract draft's is.
    expect(completed).toMatchObject({ status: "COMPLETED", amount: CONTRACT_TERMS.amount, number: 2 });
    expect(await standingOf()).toMatchObject({ inspected: CONTRACT_TERMS.amount, invoiced: 350_000_000, received: 350_000_000, invoiceable: CONTRACT_TERMS.amount - 400_000_000 });

    // Cumulative: a later passed partial inspection cannot report less than was already inspected.
    const later = await createDocument(testApp, contractor.staff, contract.id, { kind: "INSPECTION", content: inspectionRequest() });
    const less = await call("PUT", documentUrl(later.id), orderer.staff.auth, {
      kind: "INSPECTION",
      content: { ...inspectionRequest(), result: { inspectedOn: "2027-12-30", outcome: "PASSED", inspectedAmount: 600_000_000 } },
      version: 1,
    });
    expect(fieldsOf(less.json())).toEqual(["body.content.result.inspectedAmount"]);
  });
});
