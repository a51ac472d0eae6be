// Documents after a joint-venture contract (issue 8, decision 010): every firm of the joint venture sees them as the
// contractor side does; the lead writes and signs them for the joint venture; the other firms cannot act on them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueTestCertificate } from "../../support/certificates.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { addCounterparty, caller, createParty, draftBody, type Party } from "../contracts/contract-fixtures.ts";
import { signAndPost } from "../contracts/signing-fixtures.ts";
import {
  CONTRACT_TERMS,
  createDocument,
  documentUrl,
  documentsUrl,
  getDocument,
  inspectionRequest,
  listDocuments,
  sendDocument,
  signAs,
  signDocument,
  unitPriceRows,
  type CompletedContract,
} from "./document-fixtures.ts";

let testApp: TestApp;
let fixture: CompletedContract;
let member: Party;
let outsider: Party;

beforeAll(async () => {
  testApp = await buildTestApp();
  const call = caller(testApp);
  const orderer = await createParty(testApp, "ORDERER");
  const lead = await createParty(testApp, "CONTRACTOR");
  member = await createParty(testApp, "CONTRACTOR");
  outsider = await createParty(testApp, "CONTRACTOR");
  for (const firm of [lead, member]) await addCounterparty(testApp, orderer, firm);
  const body = draftBody(lead.organization.id, {
    amount: CONTRACT_TERMS.amount,
    jointVenture: { name: "한빛·서해 공동수급체", leadShareBasisPoints: 7000, members: [{ organizationId: member.organization.id, shareBasisPoints: 3000 }] },
  });
  const created = await call("POST", "/api/contracts", orderer.staff.auth, body);
  const contract = (await call("POST", `/api/contracts/${created.json().id}/send`, orderer.staff.auth, { version: 1 })).json();
  const certificateOf = (party: Party) => issueTestCertificate(testApp.app, testApp.prisma, { userId: party.representative.id });
  const [ordererCertificate, leadCertificate, memberCertificate] = await Promise.all([certificateOf(orderer), certificateOf(lead), certificateOf(member)]);
  for (const [party, certificate, side, fieldName] of [
    [member, memberCertificate, "CONTRACTOR", "ContractorMember1Signature"],
    [lead, leadCertificate, "CONTRACTOR", "ContractorSignature"],
    [orderer, ordererCertificate, "ORDERER", "OrdererSignature"],
  ] as const) {
    const { response } = await signAndPost(testApp, party.representative, certificate, contract.id, side, { fieldName });
    if (response.statusCode !== 201) throw new Error(`contract signature: ${response.body}`);
  }
  fixture = { orderer, contractor: lead, contract: { id: contract.id, contractNumber: contract.contractNumber }, ordererCertificate, contractorCertificate: leadCertificate };
});

afterAll(async () => {
  await testApp?.close();
});

describe("documents after a joint-venture contract", () => {
  it("are written and signed by the lead for the joint venture, seen by its members, hidden from others", async () => {
    const call = caller(testApp);
    const draft = await createDocument(testApp, fixture.contractor.staff, fixture.contract.id, { kind: "UNIT_PRICES", content: { rows: unitPriceRows(CONTRACT_TERMS.amount), note: "" } });
    const sent = await sendDocument(testApp, fixture.contractor.staff, draft.id);

    // The member sees what the contractor side sees, and can do nothing with it.
    const memberList = await listDocuments(testApp, member.representative, fixture.contract.id);
    expect(memberList.documents.map((document) => document.id)).toContain(sent.id);
    expect(memberList.canCreate).toEqual([]);
    const memberView = await getDocument(testApp, member.representative, sent.id);
    expect(memberView.allowedActions).toEqual([]);
    expect(memberView.signatureField).toBeNull();
    const memberCertificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: member.representative.id });
    const { response: memberSignature } = await signDocument(testApp, member.representative, memberCertificate, sent.id, "CONTRACTOR");
    expect(memberSignature.statusCode).toBe(403);
    const memberCreate = await call("POST", documentsUrl(fixture.contract.id), member.representative.auth, { kind: "INSPECTION", content: inspectionRequest() });
    expect(memberCreate.statusCode).toBe(403);

    // Someone outside the joint venture sees nothing.
    expect((await call("GET", documentUrl(sent.id), outsider.representative.auth)).statusCode).toBe(404);
    expect((await call("GET", documentsUrl(fixture.contract.id), outsider.representative.auth)).statusCode).toBe(404);

    await signAs(testApp, fixture, "CONTRACTOR", sent.id);
    const completed = await signAs(testApp, fixture, "ORDERER", sent.id);
    expect(completed.status).toBe("COMPLETED");
    expect((await getDocument(testApp, member.representative, sent.id)).status).toBe("COMPLETED");
  });
});
