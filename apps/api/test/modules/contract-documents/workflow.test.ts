// The one workflow every document kind goes through: who starts which kind and when, returning and sending again as a
// new edition, cancelling and deleting, the optimistic lock, and the signature checks (order, field, authority,
// replays and races) — as for a contract (docs/decisions/006 and 010).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueTestCertificate } from "../../support/certificates.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { addPartyUser, caller, createParties, draftBody, fieldsOf, type PartyUser } from "../contracts/contract-fixtures.ts";
import { sentContract, signBytes } from "../contracts/signing-fixtures.ts";
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
  inspectionRequest,
  invoiceContent,
  listDocuments,
  openPdfsig,
  postDocumentSignature,
  sendDocument,
  signAs,
  signDocument,
  unitPriceRows,
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

async function cancel(user: PartyUser, documentId: string) {
  const { version } = await getDocument(testApp, user, documentId);
  const response = await call("POST", `${documentUrl(documentId)}/cancel`, user.auth, { version, reason: "테스트 정리" });
  expect(response.statusCode, response.body).toBe(200);
}

async function remove(user: PartyUser, documentId: string) {
  const { version } = await getDocument(testApp, user, documentId);
  const response = await call("DELETE", documentUrl(documentId), user.auth, { version });
  expect(response.statusCode, response.body).toBe(204);
}

const countSignatures = (documentId: string) => testApp.prisma.contractDocumentSignature.count({ where: { documentId } });

describe("who starts what, and when", () => {
  it("lets only the kind's creator side start it (403 otherwise)", async () => {
    const { orderer, contractor, contract } = fixture;
    const refusals = [
      [contractor.representative, { kind: "CHANGE", content: changeContent() }],
      [orderer.representative, { kind: "UNIT_PRICES", content: { rows: unitPriceRows(CONTRACT_TERMS.amount) } }],
      [orderer.representative, { kind: "INSPECTION", content: inspectionRequest() }],
      [orderer.representative, { kind: "INVOICE", content: invoiceContent() }],
    ] as const;
    for (const [user, body] of refusals) {
      const response = await call("POST", documentsUrl(contract.id), user.auth, body);
      expect(response.statusCode, `${body.kind}: ${response.body}`).toBe(403);
      expect(response.json().error.code).toBe("FORBIDDEN");
    }
    expect(await testApp.prisma.contractDocument.count({ where: { contractId: contract.id } })).toBe(0);
  });

  it("keeps one document of a kind open at a time (409)", async () => {
    const { orderer, contractor, contract } = fixture;
    const first = await createDocument(testApp, orderer.staff, contract.id, { kind: "CHANGE", content: changeContent() });
    const whileDraft = await call("POST", documentsUrl(contract.id), orderer.staff.auth, { kind: "CHANGE", content: changeContent({ amount: 1_400_000_000 }) });
    expect(whileDraft.statusCode).toBe(409);
    expect(whileDraft.json().error).toMatchObject({ code: "CONFLICT", currentState: "DRAFT" });
    expect((await listDocuments(testApp, orderer.staff, contract.id)).canCreate).toEqual([]);

    await sendDocument(testApp, orderer.staff, first.id);
    const whileSent = await call("POST", documentsUrl(contract.id), orderer.staff.auth, { kind: "CHANGE", content: changeContent({ amount: 1_400_000_000 }) });
    expect(whileSent.json().error).toMatchObject({ code: "CONFLICT", currentState: "SENT" });

    // Other kinds are not held up by it; once it is cancelled another change may start.
    const inspection = await createDocument(testApp, contractor.staff, contract.id, { kind: "INSPECTION", content: inspectionRequest() });
    const secondInspection = await call("POST", documentsUrl(contract.id), contractor.staff.auth, { kind: "INSPECTION", content: inspectionRequest() });
    expect(secondInspection.statusCode).toBe(409);
    await cancel(orderer.staff, first.id);
    const next = await createDocument(testApp, orderer.staff, contract.id, { kind: "CHANGE", content: changeContent({ amount: 1_400_000_000 }) });
    expect(next.number).toBe(2);
    await remove(orderer.staff, next.id);
    await remove(contractor.staff, inspection.id);

    // Two started at once: one is created, the other is refused.
    const both = await Promise.all([1, 2].map(() => call("POST", documentsUrl(contract.id), contractor.staff.auth, { kind: "INSPECTION", content: inspectionRequest() })));
    expect(both.map((response) => response.statusCode).sort()).toEqual([201, 409]);
    expect(await testApp.prisma.contractDocument.count({ where: { contractId: contract.id, kind: "INSPECTION" } })).toBe(1);
    await remove(contractor.staff, both.find((response) => response.statusCode === 201)?.json().id);
  });

  it("starts documents only on a completed contract (409)", async () => {
    const sent = await sentContract(testApp);
    const onSent = await call("POST", documentsUrl(sent.contract.id), sent.orderer.staff.auth, { kind: "CHANGE", content: changeContent() });
    expect(onSent.statusCode).toBe(409);
    expect(onSent.json().error).toMatchObject({ code: "CONFLICT", currentState: "SENT" });
    const byContractor = await call("POST", documentsUrl(sent.contract.id), sent.contractor.staff.auth, { kind: "INSPECTION", content: inspectionRequest() });
    expect(byContractor.json().error).toMatchObject({ code: "CONFLICT", currentState: "SENT" });
    expect((await listDocuments(testApp, sent.orderer.staff, sent.contract.id)).canCreate).toEqual([]);
    expect((await listDocuments(testApp, sent.contractor.staff, sent.contract.id)).canCreate).toEqual([]);

    const { orderer, contractor } = await createParties(testApp);
    const draft = await call("POST", "/api/contracts", orderer.staff.auth, draftBody(contractor.organization.id));
    const onDraft = await call("POST", documentsUrl(draft.json().id), orderer.staff.auth, { kind: "CHANGE", content: changeContent() });
    expect(onDraft.json().error).toMatchObject({ code: "CONFLICT", currentState: "DRAFT" });
    // The contractor does not see a draft contract at all.
    expect((await call("GET", documentsUrl(draft.json().id), contractor.staff.auth)).statusCode).toBe(404);
  });
});

describe("returning and sending again", () => {
  it("a change returned by the contractor is edited by the orderer and sent as edition 2", async () => {
    const { orderer, contractor, contract } = fixture;
    const draft = await createDocument(testApp, orderer.staff, contract.id, { kind: "CHANGE", content: changeContent() });
    const sent = await sendDocument(testApp, orderer.staff, draft.id);
    const edition1 = await documentPdf(testApp, contractor.staff, draft.id);

    // The author does not return its own document.
    const byAuthor = await call("POST", `${documentUrl(draft.id)}/return`, orderer.staff.auth, { version: sent.version, reason: "자기 반송" });
    expect(byAuthor.statusCode).toBe(409);
    expect(byAuthor.json().error.currentState).toBe("SENT");
    const noReason = await call("POST", `${documentUrl(draft.id)}/return`, contractor.staff.auth, { version: sent.version, reason: "  " });
    expect(noReason.statusCode).toBe(400);
    expect(fieldsOf(noReason.json())).toEqual(["body.reason"]);

    const returned = await call("POST", `${documentUrl(draft.id)}/return`, contractor.staff.auth, { version: sent.version, reason: " 공사기간 산정 근거 보완 요청 " });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: "RETURNED", awaitingSide: "ORDERER", edition: 1, allowedActions: [] });
    expect(await getDocument(testApp, orderer.staff, draft.id)).toMatchObject({ status: "RETURNED", allowedActions: ["EDIT", "SEND", "CANCEL"] });
    // Nobody signs a returned document.
    const signReturned = await signDocument(testApp, contractor.representative, fixture.contractorCertificate, draft.id, "CONTRACTOR");
    expect(signReturned.response.statusCode).toBe(409);
    expect(signReturned.response.json().error.currentState).toBe("RETURNED");

    const content = changeContent({ worksEndDate: "2028-03-31", reason: "설계변경: 지하주차장 추가 (공기 산정 근거 첨부)" });
    const edited = await call("PUT", documentUrl(draft.id), orderer.staff.auth, { kind: "CHANGE", content, version: returned.json().version });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ status: "RETURNED", content });
    const resent = await sendDocument(testApp, orderer.staff, draft.id);
    expect(resent).toMatchObject({ status: "SENT", edition: 2, signatures: [], awaitingSide: "CONTRACTOR", currentRevision: { edition: 2, revision: 0 } });
    const edition2 = await documentPdf(testApp, contractor.staff, draft.id);
    expect(Buffer.from(edition2).equals(Buffer.from(edition1))).toBe(false);
    expect(Buffer.from(await documentPdf(testApp, contractor.staff, draft.id, "?edition=1")).equals(Buffer.from(edition1))).toBe(true);
    expect((await call("GET", `${documentUrl(draft.id)}/pdf?edition=3`, contractor.staff.auth)).statusCode).toBe(404);

    // A signature over edition 1 is refused; the contractor signs edition 2.
    const overEdition1 = await signBytes(testApp, edition1, fixture.contractorCertificate, "CONTRACTOR");
    const stale = await postDocumentSignature(testApp, contractor.representative, draft.id, { edition: 1, revision: 0, signedPdf: overEdition1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/signed over a different revision/);
    const relabelled = await postDocumentSignature(testApp, contractor.representative, draft.id, { edition: 2, revision: 0, signedPdf: overEdition1 });
    expect(relabelled.statusCode).toBe(400);
    expect(fieldsOf(relabelled.json())).toEqual(["body.signedPdf"]);

    const timeline = (await call("GET", `/api/contracts/${contract.id}/timeline`, contractor.staff.auth)).json().events as { kind: string; edition: number; reason: string; document: { id: string } | null }[];
    const steps = timeline.filter((event) => event.document?.id === draft.id);
    expect(steps.map((event) => `${event.kind}:${event.edition}`)).toEqual(["SENT:1", "RETURNED:1", "SENT:2"]);
    expect(steps[1]?.reason).toBe("공사기간 산정 근거 보완 요청");
    const audit = await testApp.prisma.auditEvent.findFirstOrThrow({ where: { targetId: draft.id, action: "contract_documents.returned" } });
    expect(audit).toMatchObject({ actorUserId: contractor.staff.id, data: { reason: "공사기간 산정 근거 보완 요청", edition: 1 } });
    expect(await auditActions(testApp, draft.id)).toEqual([
      "contract_documents.created",
      "contract_documents.sent",
      "contract_documents.returned",
      "contract_documents.updated",
      "contract_documents.sent",
    ]);
    await cancel(orderer.staff, draft.id);
  });

  it("unit prices returned after the contractor signed: the earlier edition's signature no longer counts", async () => {
    const { orderer, contractor, contract } = fixture;
    const draft = await createDocument(testApp, contractor.staff, contract.id, { kind: "UNIT_PRICES", content: { rows: unitPriceRows(CONTRACT_TERMS.amount) } });
    await sendDocument(testApp, contractor.staff, draft.id);
    // The author (who also signs first) cannot return it to itself.
    const byAuthor = await call("POST", `${documentUrl(draft.id)}/return`, contractor.staff.auth, { version: 2, reason: "자기 반송" });
    expect(byAuthor.statusCode).toBe(409);

    const signedEdition1 = await signDocument(testApp, contractor.representative, fixture.contractorCertificate, draft.id, "CONTRACTOR");
    expect(signedEdition1.response.statusCode, signedEdition1.response.body).toBe(201);
    const afterSignature = signedEdition1.response.json();
    const returned = await call("POST", `${documentUrl(draft.id)}/return`, orderer.staff.auth, { version: afterSignature.version, reason: "거푸집 단가 재검토" });
    expect(returned.json()).toMatchObject({ status: "RETURNED", awaitingSide: "CONTRACTOR" });

    const resent = await sendDocument(testApp, contractor.staff, draft.id);
    expect(resent).toMatchObject({ status: "SENT", edition: 2, signatures: [], awaitingSide: "CONTRACTOR", currentRevision: { edition: 2, revision: 0 } });
    // The orderer's turn has not come again: the contractor's edition-1 signature does not count for edition 2.
    const early = await signDocument(testApp, orderer.representative, fixture.ordererCertificate, draft.id, "ORDERER");
    expect(early.response.statusCode).toBe(409);
    expect(early.response.json().error.currentState).toBe("SENT");
    expect((await listDocuments(testApp, orderer.staff, contract.id)).documents.find((document) => document.id === draft.id)?.awaitingSide).toBe("CONTRACTOR");
    // Nor does uploading that signature again: it was over edition 1.
    const oldUpload = await postDocumentSignature(testApp, contractor.representative, draft.id, { edition: 1, revision: 0, signedPdf: signedEdition1.signed });
    expect(oldUpload.statusCode, oldUpload.body).toBe(409);

    await signAs(testApp, fixture, "CONTRACTOR", draft.id);
    const completed = await signAs(testApp, fixture, "ORDERER", draft.id);
    expect(completed).toMatchObject({ status: "COMPLETED", edition: 2, currentRevision: { edition: 2, revision: 2 } });
    expect(completed.signatures.map((signature) => `${signature.position}:${signature.side}`)).toEqual(["0:CONTRACTOR", "1:ORDERER"]);
    expect(await testApp.prisma.contractDocumentSignature.count({ where: { documentId: draft.id, edition: 1 } })).toBe(1);
    await expectEverySignatureValid(testApp, pdfsig, await documentPdf(testApp, orderer.staff, draft.id), ["ContractorSignature", "OrdererSignature"]);
  });
});

describe("cancelling and deleting", () => {
  it("the creator deletes a draft (204), not once it was sent (409); the author cancels a sent one", async () => {
    const { orderer, contractor, contract } = fixture;
    const draft = await createDocument(testApp, orderer.staff, contract.id, { kind: "CHANGE", content: changeContent() });
    // The contractor cannot even see it.
    expect((await call("DELETE", documentUrl(draft.id), contractor.staff.auth, { version: 1 })).statusCode).toBe(404);
    const deleted = await call("DELETE", documentUrl(draft.id), orderer.staff.auth, { version: 1 });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await call("GET", documentUrl(draft.id), orderer.staff.auth)).statusCode).toBe(404);
    const audit = await testApp.prisma.auditEvent.findFirstOrThrow({ where: { targetId: draft.id, action: "contract_documents.deleted" } });
    expect(audit).toMatchObject({ actorUserId: orderer.staff.id, data: { contractId: contract.id, kind: "CHANGE", number: draft.number } });

    // An inspection request is the contractor's to withdraw, though the orderer writes its result.
    const request = await createDocument(testApp, contractor.staff, contract.id, { kind: "INSPECTION", content: inspectionRequest() });
    const byOrderer = await call("DELETE", documentUrl(request.id), orderer.staff.auth, { version: 1 });
    expect(byOrderer.statusCode).toBe(409);
    expect(byOrderer.json().error.currentState).toBe("DRAFT");
    await remove(contractor.staff, request.id);

    const sent = await createDocument(testApp, orderer.staff, contract.id, { kind: "CHANGE", content: changeContent() });
    const sentDetail = await sendDocument(testApp, orderer.staff, sent.id);
    const deleteSent = await call("DELETE", documentUrl(sent.id), orderer.staff.auth, { version: sentDetail.version });
    expect(deleteSent.statusCode).toBe(409);
    expect(deleteSent.json().error.currentState).toBe("SENT");
    const cancelByContractor = await call("POST", `${documentUrl(sent.id)}/cancel`, contractor.staff.auth, { version: sentDetail.version, reason: "취소" });
    expect(cancelByContractor.statusCode).toBe(409);

    const cancelled = await call("POST", `${documentUrl(sent.id)}/cancel`, orderer.staff.auth, { version: sentDetail.version, reason: "예산 미확보" });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: "CANCELLED", awaitingSide: null, allowedActions: [] });
    expect(cancelled.json().cancelledAt).not.toBeNull();
    expect(await getDocument(testApp, contractor.staff, sent.id)).toMatchObject({ status: "CANCELLED", allowedActions: [] });
    const signCancelled = await signDocument(testApp, contractor.representative, fixture.contractorCertificate, sent.id, "CONTRACTOR");
    expect(signCancelled.response.statusCode).toBe(409);
    expect(signCancelled.response.json().error.currentState).toBe("CANCELLED");
    const audit2 = await testApp.prisma.auditEvent.findFirstOrThrow({ where: { targetId: sent.id, action: "contract_documents.cancelled" } });
    expect(audit2).toMatchObject({ actorUserId: orderer.staff.id, data: { reason: "예산 미확보" } });
    // A cancelled change changes nothing.
    expect((await listDocuments(testApp, contractor.staff, contract.id)).standing.current).toEqual({ ...CONTRACT_TERMS, changeNumber: null });
  });

  it("refuses a stale version with 409 and the current state", async () => {
    const { orderer, contract } = fixture;
    const draft = await createDocument(testApp, orderer.staff, contract.id, { kind: "CHANGE", content: changeContent() });
    const edited = await call("PUT", documentUrl(draft.id), orderer.staff.auth, { kind: "CHANGE", content: changeContent({ amount: 1_250_000_000 }), version: 1 });
    expect(edited.json().version).toBe(2);
    const staleCalls = [
      call("PUT", documentUrl(draft.id), orderer.staff.auth, { kind: "CHANGE", content: changeContent({ amount: 1_260_000_000 }), version: 1 }),
      call("POST", `${documentUrl(draft.id)}/send`, orderer.staff.auth, { version: 1 }),
      call("DELETE", documentUrl(draft.id), orderer.staff.auth, { version: 1 }),
    ];
    for (const response of await Promise.all(staleCalls)) {
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json().error).toMatchObject({ code: "CONFLICT", currentState: "DRAFT" });
      expect(response.json().error.message).toMatch(/changed meanwhile/);
    }
    // A kind that is not the document's is a validation error, not a new document.
    const otherKind = await call("PUT", documentUrl(draft.id), orderer.staff.auth, { kind: "INVOICE", content: invoiceContent(), version: 2 });
    expect(otherKind.statusCode).toBe(400);
    expect(fieldsOf(otherKind.json())).toEqual(["body.kind"]);
    expect((await call("POST", `${documentUrl(draft.id)}/send`, orderer.staff.auth, { version: 2 })).statusCode).toBe(200);
    const staleCancel = await call("POST", `${documentUrl(draft.id)}/cancel`, orderer.staff.auth, { version: 2, reason: "취소" });
    expect(staleCancel.json().error).toMatchObject({ code: "CONFLICT", currentState: "SENT" });
    const staleReturn = await call("POST", `${documentUrl(draft.id)}/return`, fixture.contractor.staff.auth, { version: 2, reason: "반송" });
    expect(staleReturn.json().error).toMatchObject({ code: "CONFLICT", currentState: "SENT" });
    await cancel(orderer.staff, draft.id);
  });
});

describe("signing a document", () => {
  it("checks the turn, the field, the authority; answers a replay with 200 and lets one of two signers win", async () => {
    const { orderer, contractor, contract } = fixture;
    const draft = await createDocument(testApp, orderer.staff, contract.id, { kind: "CHANGE", content: changeContent({ amount: 1_111_111_111 }) });
    await sendDocument(testApp, orderer.staff, draft.id);

    // The orderer signs a change second, never first.
    const outOfTurn = await signDocument(testApp, orderer.representative, fixture.ordererCertificate, draft.id, "ORDERER");
    expect(outOfTurn.response.statusCode).toBe(409);
    expect(outOfTurn.response.json().error).toMatchObject({ code: "CONFLICT", currentState: "SENT" });

    // The contractor signing in the orderer's field.
    const wrongField = await signDocument(testApp, contractor.representative, fixture.contractorCertificate, draft.id, "CONTRACTOR", { fieldName: "OrdererSignature" });
    expect(wrongField.response.statusCode).toBe(400);
    expect(fieldsOf(wrongField.response.json())).toEqual(["body.signedPdf"]);
    expect(wrongField.response.json().error.message).toMatch(/OrdererSignature/);

    // A staff member without a delegation holds no authority, whatever certificate they hold.
    const clerk = await addPartyUser(testApp, contractor.organization, "STAFF");
    const clerkCertificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: clerk.id });
    expect((await getDocument(testApp, clerk, draft.id)).allowedActions).toEqual(["RETURN"]);
    const noAuthority = await signDocument(testApp, clerk, clerkCertificate, draft.id, "CONTRACTOR");
    expect(noAuthority.response.statusCode).toBe(403);
    expect(noAuthority.response.json().error.code).toBe("FORBIDDEN");
    expect(await countSignatures(draft.id)).toBe(0);

    const first = await signDocument(testApp, contractor.representative, fixture.contractorCertificate, draft.id, "CONTRACTOR");
    expect(first.response.statusCode, first.response.body).toBe(201);
    const replay = await postDocumentSignature(testApp, contractor.representative, draft.id, { edition: 1, revision: 0, signedPdf: first.signed });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(first.response.json());
    expect(await countSignatures(draft.id)).toBe(1);
    expect(await testApp.prisma.contractDocumentRevision.count({ where: { documentId: draft.id } })).toBe(2);

    // The representative and an agent with a contracts delegation sign the orderer's step at once: one wins.
    const agent = orderer.staff;
    const agentCertificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: agent.id });
    const delegation = await testApp.prisma.delegation.create({
      data: { organizationId: orderer.organization.id, grantorId: orderer.representative.id, agentId: agent.id, scopes: ["CONTRACTS"], validFrom: new Date(Date.now() - HOUR), validUntil: new Date(Date.now() + 24 * HOUR) },
    });
    const base = await documentPdf(testApp, agent, draft.id);
    const [byRepresentative, byAgent] = await Promise.all([
      signBytes(testApp, base, fixture.ordererCertificate, "ORDERER"),
      signBytes(testApp, base, agentCertificate, "ORDERER"),
    ]);
    const responses = await Promise.all([
      postDocumentSignature(testApp, orderer.representative, draft.id, { edition: 1, revision: 1, signedPdf: byRepresentative }),
      postDocumentSignature(testApp, agent, draft.id, { edition: 1, revision: 1, signedPdf: byAgent }),
    ]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409]);
    const winner = responses.find((response) => response.statusCode === 201)?.json();
    const loser = responses.find((response) => response.statusCode === 409)?.json();
    expect(winner).toMatchObject({ status: "COMPLETED" });
    expect(loser.error.currentState).toBe("COMPLETED");
    expect(await countSignatures(draft.id)).toBe(2);
    expect(await testApp.prisma.contractDocumentRevision.count({ where: { documentId: draft.id } })).toBe(3);
    const ordererSignature = winner.signatures[1];
    expect(ordererSignature.delegationId).toBe(ordererSignature.signer.id === agent.id ? delegation.id : null);
    await expectEverySignatureValid(testApp, pdfsig, await documentPdf(testApp, contractor.staff, draft.id), ["ContractorSignature", "OrdererSignature"]);
    expect((await listDocuments(testApp, contractor.staff, contract.id)).standing.current).toMatchObject({ amount: 1_111_111_111, changeNumber: draft.number });
  });
});
