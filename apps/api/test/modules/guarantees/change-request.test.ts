// Issue 8, 変更申込: the contractor asks the surety to change an issued guarantee (who may, on what, with which
// version), the surety's signed CHANGE answers and clears the request; and the contract documents list naming the
// linked guarantees a completed change contract has outgrown, with the change to ask for.
import type { GuaranteeAmendment, GuaranteeDetail } from "@pwp/shared/guarantees";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueTestCertificate } from "../../support/certificates.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { signAndPost } from "../contracts/signing-fixtures.ts";
import { changeContent, createDocument, listDocuments, sendDocument, signAs, type CompletedContract } from "../contract-documents/document-fixtures.ts";
import { caller, createGuaranteeParties, fieldsOf, issuedGuarantee, prepareAndSign, submittedApplication, type PartyUser } from "./guarantee-fixtures.ts";

let testApp: TestApp;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  testApp = await buildTestApp();
  call = caller(testApp);
});
afterAll(() => testApp?.close());

const changeRequestUrl = (guaranteeId: string) => `/api/guarantees/${guaranteeId}/change-request`;

async function detailOf(user: PartyUser, guaranteeId: string): Promise<GuaranteeDetail> {
  const response = await call("GET", `/api/guarantees/${guaranteeId}`, user.auth);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe("a change request", () => {
  it("by the contractor on an issued guarantee: 200, stored with the time, an event and an audit row; both sides see it", async () => {
    const issued = await issuedGuarantee(testApp);
    const { guarantee, contractor, surety } = issued;
    expect(guarantee.changeRequest).toBeNull();
    expect(guarantee.allowedActions).not.toContain("REQUEST_CHANGE"); // the surety's view
    expect((await detailOf(contractor.staff, guarantee.id)).allowedActions).toContain("REQUEST_CHANGE");

    const amendment: GuaranteeAmendment = { guaranteeAmount: 130_000_000, guaranteeEndDate: "2028-06-30" };
    // Staff may ask: the request signs nothing, the surety decides.
    const response = await call("POST", changeRequestUrl(guarantee.id), contractor.staff.auth, { version: guarantee.version, reason: "  변경계약: 계약금액 증액  ", amendment });
    expect(response.statusCode, response.body).toBe(200);
    const requested = response.json() as GuaranteeDetail;
    expect(requested).toMatchObject({ status: "ISSUED", changeRequest: { reason: "변경계약: 계약금액 증액", amendment }, version: guarantee.version + 1 });
    expect(new Date(requested.changeRequest?.requestedAt ?? "").getTime()).not.toBeNaN();
    // Nothing in the guarantee itself changes until the surety signs.
    expect(requested).toMatchObject({ guaranteeAmount: guarantee.guaranteeAmount, guaranteeEndDate: guarantee.guaranteeEndDate, currentVersion: guarantee.currentVersion });
    expect(requested.events.at(-1)).toMatchObject({ kind: "CHANGE_REQUESTED", reason: "변경계약: 계약금액 증액", actor: { name: contractor.staff.name } });

    const audit = await testApp.prisma.auditEvent.findFirst({ where: { action: "guarantees.change_requested", targetId: guarantee.id } });
    expect(audit?.actorUserId).toBe(contractor.staff.id);
    expect(audit?.data).toMatchObject({ guaranteeNumber: guarantee.guaranteeNumber, reason: "변경계약: 계약금액 증액", amendment });

    const bySurety = await detailOf(surety.staff, guarantee.id);
    expect(bySurety.changeRequest).toEqual(requested.changeRequest);
    expect(bySurety.allowedActions).not.toContain("REQUEST_CHANGE");

    // A new request replaces the open one.
    const again = await call("POST", changeRequestUrl(guarantee.id), contractor.staff.auth, { version: requested.version, reason: "기간 연장", amendment: { guaranteeEndDate: "2028-12-31" } });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().changeRequest).toMatchObject({ reason: "기간 연장", amendment: { guaranteeEndDate: "2028-12-31" } });
  }, 120_000);

  it("with nothing to change: 400 naming body.amendment; with a blank reason: 400 naming body.reason", async () => {
    const { guarantee, contractor } = await issuedGuarantee(testApp);
    const empty = await call("POST", changeRequestUrl(guarantee.id), contractor.staff.auth, { version: guarantee.version, reason: "변경", amendment: {} });
    expect(empty.statusCode, empty.body).toBe(400);
    expect(fieldsOf(empty.json())).toEqual(["body.amendment"]);
    const blank = await call("POST", changeRequestUrl(guarantee.id), contractor.staff.auth, { version: guarantee.version, reason: " ", amendment: { guaranteeEndDate: "2028-06-30" } });
    expect(blank.statusCode, blank.body).toBe(400);
    expect(fieldsOf(blank.json())).toEqual(["body.reason"]);
    expect((await detailOf(contractor.staff, guarantee.id)).changeRequest).toBeNull();
  }, 120_000);

  it("not by the surety (403) nor by another organisation (404); not with a stale version or on a guarantee not issued (409)", async () => {
    const { guarantee, contractor, surety } = await issuedGuarantee(testApp);
    const body = { version: guarantee.version, reason: "변경", amendment: { guaranteeEndDate: "2028-06-30" } };
    expect((await call("POST", changeRequestUrl(guarantee.id), surety.representative.auth, body)).statusCode).toBe(403);
    const strangers = await createGuaranteeParties(testApp);
    expect((await call("POST", changeRequestUrl(guarantee.id), strangers.contractor.representative.auth, body)).statusCode).toBe(404);

    const stale = await call("POST", changeRequestUrl(guarantee.id), contractor.staff.auth, { ...body, version: guarantee.version - 1 });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().error).toMatchObject({ code: "CONFLICT", currentState: "ISSUED" });

    const submitted = await submittedApplication(testApp, strangers);
    expect(submitted.allowedActions).not.toContain("REQUEST_CHANGE");
    const notIssued = await call("POST", changeRequestUrl(submitted.id), strangers.contractor.staff.auth, { ...body, version: submitted.version });
    expect(notIssued.statusCode, notIssued.body).toBe(409);
    expect(notIssued.json().error).toMatchObject({ code: "CONFLICT", currentState: "SUBMITTED" });
    expect((await detailOf(contractor.staff, guarantee.id)).changeRequest).toBeNull();
  }, 120_000);

  it("is answered by the surety's signed CHANGE, which clears it", async () => {
    const { guarantee, contractor, surety, suretyCertificate } = await issuedGuarantee(testApp);
    const amendment = { guaranteeAmount: guarantee.guaranteeAmount + 1_000_000, guaranteeEndDate: "2028-06-30" };
    const requested = await call("POST", changeRequestUrl(guarantee.id), contractor.staff.auth, { version: guarantee.version, reason: "증액", amendment });
    expect(requested.statusCode, requested.body).toBe(200);

    const { response } = await prepareAndSign(testApp, surety.representative, suretyCertificate, guarantee.id, {
      action: "CHANGE",
      version: requested.json().version,
      amendment,
      reason: "증액",
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ changeRequest: null, currentVersion: 2, ...amendment });
    const byContractor = await detailOf(contractor.staff, guarantee.id);
    expect(byContractor.changeRequest).toBeNull();
    expect(byContractor.events.map((event) => event.kind).slice(-2)).toEqual(["CHANGE_REQUESTED", "CHANGED"]);
    expect(byContractor.allowedActions).toContain("REQUEST_CHANGE");
  }, 120_000);
});

describe("the guarantees a completed change contract has outgrown (GET /api/contracts/:id/documents)", () => {
  it("are named with the reasons and the change to ask for; the orderer sees them without a version; a request marks them", async () => {
    // The contract requires a contract-performance guarantee: issued and linked before the contractor signs.
    const issued = await issuedGuarantee(testApp);
    const { orderer, contractor, surety, guarantee, suretyCertificate } = issued;
    expect(guarantee).toMatchObject({ contractAmount: 1_234_567_890, guaranteeAmount: 123_456_789, worksEndDate: "2027-12-24", guaranteeEndDate: "2028-02-29" });
    const ordererCertificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: orderer.representative.id });
    const contractorCertificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: contractor.representative.id });
    const byContractor = await signAndPost(testApp, contractor.representative, contractorCertificate, issued.contract.id, "CONTRACTOR");
    expect(byContractor.response.statusCode, byContractor.response.body).toBe(201);
    const byOrderer = await signAndPost(testApp, orderer.representative, ordererCertificate, issued.contract.id, "ORDERER");
    expect(byOrderer.response.json().status, byOrderer.response.body).toBe("COMPLETED");
    const fixture: CompletedContract = { orderer, contractor, contract: issued.contract, ordererCertificate, contractorCertificate };

    // The contract's own terms are what the guarantee covers.
    expect((await listDocuments(testApp, contractor.staff, issued.contract.id)).guaranteesNeedingChange).toEqual([]);

    // 1,300,000,001 × 123,456,789 / 1,234,567,890 = 130,000,000.1: rounded up, never below the guaranteed share.
    const change = await createDocument(testApp, orderer.staff, issued.contract.id, { kind: "CHANGE", content: changeContent({ amount: 1_300_000_001, worksEndDate: "2028-06-30" }) });
    await sendDocument(testApp, orderer.staff, change.id);
    await signAs(testApp, fixture, "CONTRACTOR", change.id);
    expect((await signAs(testApp, fixture, "ORDERER", change.id)).status).toBe("COMPLETED");

    const expected = {
      guaranteeId: guarantee.id,
      kind: "CONTRACT_PERFORMANCE",
      guaranteeNumber: guarantee.guaranteeNumber,
      currency: "KRW",
      reasons: ["CONTRACT_AMOUNT", "WORKS_PERIOD"],
      isChangeRequested: false,
      amendment: { contractAmount: 1_300_000_001, worksStartDate: "2027-01-04", worksEndDate: "2028-06-30", guaranteeAmount: 130_000_001, guaranteeEndDate: "2028-06-30" },
    };
    const forContractor = (await listDocuments(testApp, contractor.staff, issued.contract.id)).guaranteesNeedingChange;
    expect(forContractor).toEqual([{ ...expected, version: guarantee.version }]);
    expect((await listDocuments(testApp, orderer.staff, issued.contract.id)).guaranteesNeedingChange).toEqual([{ ...expected, version: null }]);

    // The one-click request the page makes: the suggested amendment with the listed version.
    const item = forContractor[0];
    if (!item?.version) throw new Error("no version for the contractor");
    const requested = await call("POST", changeRequestUrl(guarantee.id), contractor.staff.auth, { version: item.version, reason: "변경계약 제1회", amendment: item.amendment });
    expect(requested.statusCode, requested.body).toBe(200);
    expect((await listDocuments(testApp, contractor.staff, issued.contract.id)).guaranteesNeedingChange).toEqual([{ ...expected, isChangeRequested: true, version: item.version + 1 }]);
    expect((await listDocuments(testApp, orderer.staff, issued.contract.id)).guaranteesNeedingChange).toEqual([{ ...expected, isChangeRequested: true, version: null }]);

    // The surety signs the change asked for: the guarantee covers the current terms again and leaves the list.
    const { response } = await prepareAndSign(testApp, surety.representative, suretyCertificate, guarantee.id, {
      action: "CHANGE",
      version: requested.json().version,
      amendment: item.amendment,
      reason: "변경계약 제1회",
    });
    expect(response.statusCode, response.body).toBe(201);
    expect((await listDocuments(testApp, contractor.staff, issued.contract.id)).guaranteesNeedingChange).toEqual([]);
  }, 240_000);
});
