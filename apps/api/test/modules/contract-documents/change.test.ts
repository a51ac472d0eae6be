// A change contract (変更契約/변경계약) end to end with real signatures: the orderer drafts it unseen, sends it, the
// contractor signs, the orderer signs, and its terms become the contract's current terms — for the standing, the
// timeline and the unit prices that must add up to the new amount. Then what a change must say.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { caller, fieldsOf } from "../contracts/contract-fixtures.ts";
import {
  auditActions,
  changeContent,
  completedContract,
  CONTRACT_TERMS,
  createDocument,
  documentPdf,
  documentsUrl,
  documentUrl,
  expectEverySignatureValid,
  getDocument,
  listDocuments,
  openPdfsig,
  sendDocument,
  signAs,
  unitPriceRows,
  type CompletedContract,
  type Pdfsig,
} from "./document-fixtures.ts";

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

type TimelineEvent = { kind: string; edition: number; actor: { userId: string }; document: { id: string; kind: string; number: number } | null };

async function timelineOf(auth: string, contractId: string): Promise<TimelineEvent[]> {
  const response = await call("GET", `/api/contracts/${contractId}/timeline`, auth);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().events;
}

describe("a change contract", () => {
  it("is drafted by the orderer unseen, signed by the contractor then the orderer, and becomes the contract's terms", async () => {
    const { orderer, contractor, contract } = fixture;
    const before = await listDocuments(testApp, orderer.staff, contract.id);
    expect(before.standing).toMatchObject({ current: { ...CONTRACT_TERMS, changeNumber: null }, inspected: 0, invoiced: 0, received: 0, invoiceable: 0 });
    expect(before.canCreate).toEqual(["CHANGE"]);
    expect((await listDocuments(testApp, contractor.staff, contract.id)).canCreate).toEqual(["UNIT_PRICES", "INSPECTION"]);

    const content = changeContent();
    const draft = await createDocument(testApp, orderer.staff, contract.id, { kind: "CHANGE", content });
    expect(draft).toMatchObject({
      contractId: contract.id,
      contractNumber: contract.contractNumber,
      kind: "CHANGE",
      number: 1,
      status: "DRAFT",
      amount: content.amount,
      currency: "KRW",
      country: "KR",
      content,
      mySide: "ORDERER",
      awaitingSide: "ORDERER",
      version: 1,
      edition: 0,
      currentRevision: null,
      signatures: [],
      signatureField: null,
      allowedActions: ["EDIT", "DELETE", "SEND"],
      sentAt: null,
    });
    expect((await call("GET", `${documentUrl(draft.id)}/pdf`, orderer.staff.auth)).statusCode).toBe(404);

    // The contractor does not see the orderer's draft: not by its id, not in the list.
    expect((await call("GET", documentUrl(draft.id), contractor.staff.auth)).statusCode).toBe(404);
    expect((await call("GET", `${documentUrl(draft.id)}/pdf`, contractor.staff.auth)).statusCode).toBe(404);
    expect((await listDocuments(testApp, contractor.staff, contract.id)).documents).toEqual([]);

    const sent = await sendDocument(testApp, orderer.staff, draft.id);
    expect(sent).toMatchObject({ status: "SENT", edition: 1, version: 2, awaitingSide: "CONTRACTOR", currentRevision: { edition: 1, revision: 0 }, allowedActions: ["CANCEL"] });
    expect(sent.sentAt).not.toBeNull();
    const revision0 = await documentPdf(testApp, contractor.staff, draft.id);
    expect(Buffer.from(revision0.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(createHash("sha256").update(revision0).digest("hex")).toBe(sent.currentRevision?.sha256);

    const seenByContractor = await listDocuments(testApp, contractor.staff, contract.id);
    expect(seenByContractor.documents).toMatchObject([{ id: draft.id, kind: "CHANGE", number: 1, status: "SENT", amount: content.amount, awaitingSide: "CONTRACTOR" }]);
    // Only a signer with authority is offered SIGN; anyone of the side may return it.
    expect(await getDocument(testApp, contractor.representative, draft.id)).toMatchObject({ mySide: "CONTRACTOR", allowedActions: ["RETURN", "SIGN"], signatureField: "ContractorSignature" });
    expect((await getDocument(testApp, contractor.staff, draft.id)).allowedActions).toEqual(["RETURN"]);

    // A unit-price table written now, against the amount before the change (sent after it completes, below).
    const unitPrices = await createDocument(testApp, contractor.staff, contract.id, { kind: "UNIT_PRICES", content: { rows: unitPriceRows(CONTRACT_TERMS.amount) } });

    const afterContractor = await signAs(testApp, fixture, "CONTRACTOR", draft.id);
    expect(afterContractor).toMatchObject({ status: "SENT", awaitingSide: "ORDERER", edition: 1, currentRevision: { edition: 1, revision: 1 } });
    expect(afterContractor.signatures).toMatchObject([
      { position: 0, side: "CONTRACTOR", fieldName: "ContractorSignature", signer: { id: contractor.representative.id }, organizationName: contractor.organization.nameLocal, delegationId: null },
    ]);
    expect((await getDocument(testApp, orderer.representative, draft.id)).allowedActions).toEqual(["SIGN", "CANCEL"]);

    const completed = await signAs(testApp, fixture, "ORDERER", draft.id);
    expect(completed).toMatchObject({ status: "COMPLETED", awaitingSide: null, allowedActions: [], currentRevision: { edition: 1, revision: 2 } });
    expect(completed.completedAt).not.toBeNull();
    expect(completed.signatures.map((signature) => `${signature.position}:${signature.side}:${signature.signer.id}`)).toEqual([
      `0:CONTRACTOR:${contractor.representative.id}`,
      `1:ORDERER:${orderer.representative.id}`,
    ]);

    // Its terms are now the contract's, for both parties.
    for (const user of [orderer.staff, contractor.staff]) {
      const after = await listDocuments(testApp, user, contract.id);
      expect(after.standing.current).toEqual({ amount: content.amount, worksStartDate: content.worksStartDate, worksEndDate: content.worksEndDate, changeNumber: 1 });
    }
    expect((await listDocuments(testApp, orderer.staff, contract.id)).canCreate).toEqual(["CHANGE"]);

    // Both sides download the same signed PDF; the platform and pdfsig find both signatures valid.
    const ordererCopy = await documentPdf(testApp, orderer.staff, draft.id);
    const contractorCopy = await documentPdf(testApp, contractor.staff, draft.id);
    expect(Buffer.from(ordererCopy).equals(Buffer.from(contractorCopy))).toBe(true);
    expect(createHash("sha256").update(ordererCopy).digest("hex")).toBe(completed.currentRevision?.sha256);
    expect(Buffer.from(ordererCopy.subarray(0, revision0.byteLength)).equals(Buffer.from(revision0))).toBe(true);
    await expectEverySignatureValid(testApp, pdfsig, ordererCopy, ["ContractorSignature", "OrdererSignature"]);
    // Earlier revisions stay downloadable.
    expect(Buffer.from(await documentPdf(testApp, contractor.staff, draft.id, "?edition=1&revision=0")).equals(Buffer.from(revision0))).toBe(true);

    // The contract's timeline carries the document's steps; the contractor does not see its drafting.
    const ordererTimeline = await timelineOf(orderer.staff.auth, contract.id);
    const documentSteps = (events: TimelineEvent[]) => events.filter((event) => event.document?.id === draft.id).map((event) => `${event.kind}:${event.edition}`);
    expect(documentSteps(ordererTimeline)).toEqual(["CREATED:0", "SENT:1", "SIGNED:1", "SIGNED:1", "COMPLETED:1"]);
    expect(ordererTimeline.filter((event) => event.document?.id === draft.id).every((event) => event.document?.kind === "CHANGE" && event.document.number === 1)).toBe(true);
    expect(ordererTimeline.filter((event) => event.document === null).map((event) => event.kind)).toEqual(["CREATED", "SENT", "SIGNED", "SIGNED", "COMPLETED"]);
    expect(documentSteps(await timelineOf(contractor.staff.auth, contract.id))).toEqual(["SENT:1", "SIGNED:1", "SIGNED:1", "COMPLETED:1"]);
    const signedEvents = ordererTimeline.filter((event) => event.document?.id === draft.id && event.kind === "SIGNED");
    expect(signedEvents.map((event) => event.actor.userId)).toEqual([contractor.representative.id, orderer.representative.id]);

    expect(await auditActions(testApp, draft.id)).toEqual(["contract_documents.created", "contract_documents.sent", "contract_documents.signed", "contract_documents.signed"]);
    const signedAudit = await testApp.prisma.auditEvent.findFirstOrThrow({ where: { targetId: draft.id, action: "contract_documents.signed" }, orderBy: { id: "desc" } });
    expect(signedAudit).toMatchObject({ actorUserId: orderer.representative.id, actorOrganizationId: orderer.organization.id, data: { side: "ORDERER", status: "COMPLETED", edition: 1, revision: 2 } });

    // The unit prices written before the change no longer add up: sending them is refused, naming the rows.
    const refused = await call("POST", `${documentUrl(unitPrices.id)}/send`, contractor.staff.auth, { version: unitPrices.version });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(fieldsOf(refused.json())).toEqual(["body.content.rows"]);
    expect(refused.json().error.message).toContain("1,300,000,000");
    const deleted = await call("DELETE", documentUrl(unitPrices.id), contractor.staff.auth, { version: unitPrices.version });
    expect(deleted.statusCode, deleted.body).toBe(204);
  });

  it("after a completed change, unit prices must add up to the new amount", async () => {
    const { contractor, contract } = fixture;
    const { standing } = await listDocuments(testApp, contractor.staff, contract.id);
    expect(standing.current.amount).toBe(1_300_000_000);
    const old = await call("POST", documentsUrl(contract.id), contractor.staff.auth, { kind: "UNIT_PRICES", content: { rows: unitPriceRows(CONTRACT_TERMS.amount) } });
    expect(old.statusCode).toBe(400);
    expect(fieldsOf(old.json())).toEqual(["body.content.rows"]);
    expect(old.json().error.message).toMatch(/add up to 1,234,567,890; they must add up to the contract amount 1,300,000,000/);
    const created = await createDocument(testApp, contractor.staff, contract.id, { kind: "UNIT_PRICES", content: { rows: unitPriceRows(1_300_000_000) } });
    expect(created).toMatchObject({ status: "DRAFT", amount: 1_300_000_000 });
    expect((await sendDocument(testApp, contractor.staff, created.id)).status).toBe("SENT");
  });
});

describe("what a change must say", () => {
  it("refuses a change that changes nothing, naming body.content", async () => {
    const { orderer, contract } = fixture;
    const { current } = (await listDocuments(testApp, orderer.staff, contract.id)).standing;
    const same = { amount: current.amount, worksStartDate: current.worksStartDate, worksEndDate: current.worksEndDate, reason: "변경 없음" };
    for (const termsNote of [undefined, "   "]) {
      const response = await call("POST", documentsUrl(contract.id), orderer.staff.auth, { kind: "CHANGE", content: { ...same, ...(termsNote === undefined ? {} : { termsNote }) } });
      expect(response.statusCode, response.body).toBe(400);
      expect(fieldsOf(response.json())).toEqual(["body.content"]);
    }
    // The same amount and period with other changed terms described is a change.
    const termsOnly = await createDocument(testApp, orderer.staff, contract.id, { kind: "CHANGE", content: { ...same, termsNote: "제12조 지체상금률 변경" } });
    expect(termsOnly.amount).toBe(current.amount);

    // The rules hold on an edit too.
    const edited = await call("PUT", documentUrl(termsOnly.id), orderer.staff.auth, { kind: "CHANGE", content: same, version: termsOnly.version });
    expect(edited.statusCode).toBe(400);
    expect(fieldsOf(edited.json())).toEqual(["body.content"]);
    expect((await call("DELETE", documentUrl(termsOnly.id), orderer.staff.auth, { version: termsOnly.version })).statusCode).toBe(204);
  });

  it("refuses works that end before they start, naming body.content.worksEndDate", async () => {
    const { orderer, contract } = fixture;
    const response = await call("POST", documentsUrl(contract.id), orderer.staff.auth, { kind: "CHANGE", content: changeContent({ worksStartDate: "2027-05-01", worksEndDate: "2027-04-30" }) });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())).toEqual(["body.content.worksEndDate"]);
    // The same day is a one-day period.
    const oneDay = await createDocument(testApp, orderer.staff, contract.id, { kind: "CHANGE", content: changeContent({ worksStartDate: "2027-05-01", worksEndDate: "2027-05-01" }) });
    const edited = await call("PUT", documentUrl(oneDay.id), orderer.staff.auth, {
      kind: "CHANGE",
      content: changeContent({ worksStartDate: "2027-05-02", worksEndDate: "2027-05-01" }),
      version: oneDay.version,
    });
    expect(fieldsOf(edited.json())).toEqual(["body.content.worksEndDate"]);
    expect((await call("DELETE", documentUrl(oneDay.id), orderer.staff.auth, { version: oneDay.version })).statusCode).toBe(204);
  });
});
