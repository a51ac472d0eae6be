// Who reaches a contract's documents: only its two parties. For an organisation of the right kind that is not a
// party, the contract's documents do not exist (404 on every route, real ids and all, and nothing changes); a surety
// is refused by the routes' permission (403); no session is 401.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueTestCertificate } from "../../support/certificates.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { caller, createParty, type PartyUser } from "../contracts/contract-fixtures.ts";
import { signBytes } from "../contracts/signing-fixtures.ts";
import {
  changeContent,
  completedContract,
  CONTRACT_TERMS,
  createDocument,
  documentPdf,
  documentsUrl,
  documentUrl,
  getDocument,
  sendDocument,
  unitPriceRows,
  type CompletedContract,
} from "./document-fixtures.ts";

let testApp: TestApp;
let call: ReturnType<typeof caller>;
let fixture: CompletedContract;
/** A change the orderer sent (it has a PDF) and unit prices the contractor is still drafting. */
let sentId: string;
let draftId: string;
let signedPdf: string;

beforeAll(async () => {
  testApp = await buildTestApp();
  call = caller(testApp);
  fixture = await completedContract(testApp);
  sentId = (await createDocument(testApp, fixture.orderer.staff, fixture.contract.id, { kind: "CHANGE", content: changeContent() })).id;
  await sendDocument(testApp, fixture.orderer.staff, sentId);
  draftId = (await createDocument(testApp, fixture.contractor.staff, fixture.contract.id, { kind: "UNIT_PRICES", content: { rows: unitPriceRows(CONTRACT_TERMS.amount) } })).id;
  // A genuine signature over the sent change's current revision, which an outsider then tries to post.
  const base = await documentPdf(testApp, fixture.contractor.representative, sentId);
  signedPdf = Buffer.from(await signBytes(testApp, base, fixture.contractorCertificate, "CONTRACTOR")).toString("base64");
}, 120_000);

afterAll(() => testApp?.close());

/** Every document route, with real ids and bodies that would be valid for a party. */
function everyRoute(): [method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: unknown][] {
  const contractId = fixture.contract.id;
  return [
    ["GET", documentsUrl(contractId)],
    ["POST", documentsUrl(contractId), { kind: "CHANGE", content: changeContent() }],
    ["POST", documentsUrl(contractId), { kind: "UNIT_PRICES", content: { rows: unitPriceRows(CONTRACT_TERMS.amount) } }],
    ["GET", documentUrl(sentId)],
    ["GET", documentUrl(draftId)],
    ["GET", `${documentUrl(sentId)}/pdf`],
    ["GET", `${documentUrl(sentId)}/pdf?edition=1&revision=0`],
    ["PUT", documentUrl(draftId), { kind: "UNIT_PRICES", content: { rows: unitPriceRows(CONTRACT_TERMS.amount) }, version: 1 }],
    ["PUT", documentUrl(sentId), { kind: "CHANGE", content: changeContent(), version: 2 }],
    ["POST", `${documentUrl(draftId)}/send`, { version: 1 }],
    ["POST", `${documentUrl(sentId)}/return`, { version: 2, reason: "반송" }],
    ["POST", `${documentUrl(sentId)}/cancel`, { version: 2, reason: "취소" }],
    ["DELETE", documentUrl(draftId), { version: 1 }],
    ["POST", `${documentUrl(sentId)}/signatures`, { edition: 1, revision: 0, signedPdf }],
  ];
}

async function snapshot() {
  const documents = await testApp.prisma.contractDocument.findMany({ where: { contractId: fixture.contract.id }, orderBy: { id: "asc" }, select: { id: true, status: true, version: true } });
  const signatures = await testApp.prisma.contractDocumentSignature.count({ where: { document: { contractId: fixture.contract.id } } });
  return { documents, signatures };
}

describe("access to a contract's documents", () => {
  it("is none for an organisation that is not a party: 404 on every route with real ids, and nothing changes", async () => {
    const before = await snapshot();
    const outsiders: PartyUser[] = [];
    for (const kind of ["ORDERER", "CONTRACTOR"] as const) {
      const party = await createParty(testApp, kind);
      outsiders.push(party.representative, party.staff);
    }
    // An outsider holding a certificate of its own and signing authority is no party either.
    await issueTestCertificate(testApp.app, testApp.prisma, { userId: outsiders[2]!.id });
    for (const outsider of outsiders) {
      for (const [method, url, payload] of everyRoute()) {
        const response = await call(method, url, outsider.auth, payload);
        expect(response.statusCode, `${outsider.role} of another organisation: ${method} ${url}: ${response.body}`).toBe(404);
        expect(response.json().error.code).toBe("NOT_FOUND");
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("is refused to a surety by the routes' permission (403) and to no session (401)", async () => {
    const before = await snapshot();
    const surety = await createParty(testApp, "SURETY");
    for (const [method, url, payload] of everyRoute()) {
      const response = await call(method, url, surety.staff.auth, payload);
      expect(response.statusCode, `surety: ${method} ${url}: ${response.body}`).toBe(403);
      expect(response.json().error.code).toBe("FORBIDDEN");
      expect((await call(method, url, undefined, payload)).statusCode, `no session: ${method} ${url}`).toBe(401);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("is the parties': each reads what it may see, and an unknown id is 404 for them too", async () => {
    const { orderer, contractor } = fixture;
    expect((await getDocument(testApp, contractor.staff, sentId)).status).toBe("SENT");
    expect((await getDocument(testApp, orderer.staff, sentId)).status).toBe("SENT");
    expect((await getDocument(testApp, contractor.staff, draftId)).status).toBe("DRAFT");
    // The contractor's draft is not the orderer's to see.
    expect((await call("GET", documentUrl(draftId), orderer.staff.auth)).statusCode).toBe(404);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await call("GET", documentUrl(unknown), orderer.staff.auth)).statusCode).toBe(404);
    expect((await call("GET", documentsUrl(unknown), orderer.staff.auth)).statusCode).toBe(404);
    expect((await call("GET", documentUrl("not-a-uuid"), orderer.staff.auth)).statusCode).toBe(400);
  });
});
