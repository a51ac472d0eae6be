// Issue 7, the orderer's side: a signed-in orderer's lookup (logged with its organisation, with its actions), accepting
// (접수, linking the guarantee to the contract, shown on the contract page) and returning (반려, with a reason), the
// contract choice when ambiguous, another orderer refused (403), the wrong kind of organisation, and the view log
// only for the contractor and the surety (another organisation 404).
import type { ContractDetail } from "@pwp/shared/contracts";
import type { GuaranteeLookupLog, GuaranteeLookupResult } from "@pwp/shared/guarantee-lookup";
import type { GuaranteeDetail } from "@pwp/shared/guarantees";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { createParty } from "../contracts/contract-fixtures.ts";
import {
  authKeyOf,
  caller,
  createGuaranteeParties,
  fieldsOf,
  issuedGuarantee,
  prepareAndSign,
  sentContract,
  submittedApplication,
  TEST_FEE,
} from "../guarantees/guarantee-fixtures.ts";
import { issueTestCertificate } from "../../support/certificates.ts";
import { lookupCaller, nextAddress, wrongKeyFor } from "./lookup-fixtures.ts";

let testApp: TestApp;
let post: ReturnType<typeof lookupCaller>;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  testApp = await buildTestApp();
  post = lookupCaller(testApp);
  call = caller(testApp);
});
afterAll(() => testApp?.close());

async function credentialsOf(issued: Awaited<ReturnType<typeof issuedGuarantee>>) {
  return { guaranteeNumber: issued.guarantee.guaranteeNumber as string, authKey: await authKeyOf(testApp, issued.contractor.staff, issued.guarantee.id) };
}

/** A guarantee naming a platform orderer but applied for without a contract, issued by the surety's representative. */
async function issuedStandalone(parties: Awaited<ReturnType<typeof createGuaranteeParties>>) {
  const submitted = await submittedApplication(testApp, parties, { ordererOrganizationId: parties.orderer.organization.id, ordererName: parties.orderer.organization.nameLocal });
  const certificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: parties.surety.representative.id });
  const { response } = await prepareAndSign(testApp, parties.surety.representative, certificate, submitted.id, { action: "ISSUE", version: submitted.version, fee: TEST_FEE });
  if (response.statusCode !== 201) throw new Error(`issue: ${response.body}`);
  const guarantee = response.json() as GuaranteeDetail;
  return { guarantee, credentials: { guaranteeNumber: guarantee.guaranteeNumber as string, authKey: await authKeyOf(testApp, parties.contractor.staff, guarantee.id) } };
}

describe("a signed-in orderer's lookup", () => {
  it("is logged with the orderer's organisation and offers the decision with the contract it is linked to", async () => {
    const issued = await issuedGuarantee(testApp);
    const credentials = await credentialsOf(issued);
    const ip = nextAddress();
    const response = await post("", credentials, { ip, auth: issued.orderer.staff.auth });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as GuaranteeLookupResult;
    expect(result.ordererActions).toEqual({ canDecide: true, contracts: [{ id: issued.contract.id, contractNumber: issued.contract.contractNumber, title: issued.contract.title }] });

    const view = await testApp.prisma.guaranteeView.findFirstOrThrow({ where: { guaranteeId: issued.guarantee.id, ipAddress: ip } });
    expect(view).toMatchObject({ viewerUserId: issued.orderer.staff.id, viewerOrganizationId: issued.orderer.organization.id });
    const log = await call("GET", `/api/guarantees/${issued.guarantee.id}/lookups`, issued.surety.staff.auth);
    expect((log.json() as GuaranteeLookupLog).views).toContainEqual(expect.objectContaining({ ipAddress: ip, viewerOrganizationName: issued.orderer.organization.nameLocal }));
  });

  it("a signed-in user of another organisation sees the certificate but no actions; a broken token is a 401", async () => {
    const issued = await issuedGuarantee(testApp);
    const credentials = await credentialsOf(issued);
    const otherOrderer = await createParty(testApp, "ORDERER");
    for (const auth of [otherOrderer.staff.auth, issued.contractor.staff.auth]) {
      const response = await post("", credentials, { ip: nextAddress(), auth });
      expect(response.statusCode).toBe(200);
      expect(response.json().ordererActions).toBeNull();
    }
    expect((await post("", credentials, { ip: nextAddress(), auth: "Bearer not-a-token" })).statusCode).toBe(401);
  });
});

describe("accepting (접수)", () => {
  it("links it to the orderer's contract, records ACCEPTED for the contractor and surety, and the contract page lists it", async () => {
    const issued = await issuedGuarantee(testApp);
    const credentials = await credentialsOf(issued);
    const response = await post("/accept", credentials, { ip: nextAddress(), auth: issued.orderer.representative.auth });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as GuaranteeLookupResult;
    expect(result.acceptance).toEqual({
      status: "ACCEPTED",
      reason: "",
      decidedAt: expect.any(String),
      contract: { id: issued.contract.id, contractNumber: issued.contract.contractNumber, title: issued.contract.title },
    });

    const detail = (await call("GET", `/api/guarantees/${issued.guarantee.id}`, issued.contractor.staff.auth)).json() as GuaranteeDetail;
    expect(detail.events.at(-1)).toMatchObject({ kind: "ACCEPTED", versionNumber: 1, actor: { name: issued.orderer.representative.name, organizationName: issued.orderer.organization.nameLocal } });
    const audit = await testApp.prisma.auditEvent.findFirst({ where: { action: "guarantees.accepted_by_orderer", targetId: issued.guarantee.id } });
    expect(audit).toMatchObject({ actorUserId: issued.orderer.representative.id, actorOrganizationId: issued.orderer.organization.id });
    for (const party of [issued.orderer.staff, issued.contractor.staff]) {
      const contract = (await call("GET", `/api/contracts/${issued.contract.id}`, party.auth)).json() as ContractDetail;
      expect(contract.acceptedGuarantees).toEqual([{ guaranteeId: issued.guarantee.id, kind: "CONTRACT_PERFORMANCE", guaranteeNumber: credentials.guaranteeNumber, acceptedAt: expect.any(String) }]);
    }

    // Again (a second click): the same answer, no second event.
    expect((await post("/accept", credentials, { ip: nextAddress(), auth: issued.orderer.staff.auth })).statusCode).toBe(200);
    expect(await testApp.prisma.guaranteeEvent.count({ where: { guaranteeId: issued.guarantee.id, kind: "ACCEPTED" } })).toBe(1);
  });

  it("without a linked contract: the only candidate is taken; with several, body.contractId is required and must be one of them", async () => {
    const parties = await createGuaranteeParties(testApp);
    const first = await sentContract(testApp, parties.orderer, parties.contractor);
    const { guarantee, credentials } = await issuedStandalone(parties);
    const lookup = (await post("", credentials, { ip: nextAddress(), auth: parties.orderer.staff.auth })).json() as GuaranteeLookupResult;
    expect(lookup.ordererActions?.contracts.map((contract) => contract.id)).toEqual([first.id]);

    const second = await sentContract(testApp, parties.orderer, parties.contractor);
    const ambiguous = await post("/accept", credentials, { ip: nextAddress(), auth: parties.orderer.staff.auth });
    expect(ambiguous.statusCode).toBe(400);
    expect(fieldsOf(ambiguous.json())).toEqual(["body.contractId"]);
    const foreign = await post("/accept", { ...credentials, contractId: (await issuedGuarantee(testApp)).contract.id }, { ip: nextAddress(), auth: parties.orderer.staff.auth });
    expect(foreign.statusCode).toBe(400);
    expect(fieldsOf(foreign.json())).toEqual(["body.contractId"]);

    const accepted = await post("/accept", { ...credentials, contractId: second.id }, { ip: nextAddress(), auth: parties.orderer.staff.auth });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().acceptance.contract.id).toBe(second.id);
    expect((await testApp.prisma.guarantee.findUniqueOrThrow({ where: { id: guarantee.id } })).contractId).toBe(second.id);
  });

  it("a guarantee linked to a contract offers only that contract and cannot be accepted for another one", async () => {
    const issued = await issuedGuarantee(testApp);
    const other = await sentContract(testApp, issued.orderer, issued.contractor);
    const lookup = (await post("", await credentialsOf(issued), { ip: nextAddress(), auth: issued.orderer.staff.auth })).json() as GuaranteeLookupResult;
    expect(lookup.ordererActions?.contracts.map((contract) => contract.id)).toEqual([issued.contract.id]);
    const response = await post("/accept", { ...(await credentialsOf(issued)), contractId: other.id }, { ip: nextAddress(), auth: issued.orderer.staff.auth });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())).toEqual(["body.contractId"]);
  });
});

describe("returning (반려)", () => {
  it("records the reason for the contractor and the surety; the orderer may accept it later", async () => {
    const issued = await issuedGuarantee(testApp);
    const credentials = await credentialsOf(issued);
    const response = await post("/return", { ...credentials, reason: " 보증기간이 공사기간을 포함하지 않습니다. " }, { ip: nextAddress(), auth: issued.orderer.staff.auth });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().acceptance).toEqual({ status: "RETURNED", reason: "보증기간이 공사기간을 포함하지 않습니다.", decidedAt: expect.any(String), contract: null });
    for (const party of [issued.contractor.staff, issued.surety.staff]) {
      const detail = (await call("GET", `/api/guarantees/${issued.guarantee.id}`, party.auth)).json() as GuaranteeDetail;
      expect(detail.events.at(-1)).toMatchObject({ kind: "RETURNED_BY_ORDERER", reason: "보증기간이 공사기간을 포함하지 않습니다." });
    }
    expect(await testApp.prisma.auditEvent.count({ where: { action: "guarantees.returned_by_orderer", targetId: issued.guarantee.id } })).toBe(1);

    const accepted = await post("/accept", credentials, { ip: nextAddress(), auth: issued.orderer.staff.auth });
    expect(accepted.json().acceptance.status).toBe("ACCEPTED");
  });

  it("a blank reason is a 400 naming body.reason", async () => {
    const issued = await issuedGuarantee(testApp);
    const response = await post("/return", { ...(await credentialsOf(issued)), reason: "   " }, { ip: nextAddress(), auth: issued.orderer.staff.auth });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())).toEqual(["body.reason"]);
  });
});

describe("who may decide", () => {
  it("another orderer with the right credentials gets 403 and nothing changes; wrong credentials are the lookup's 404", async () => {
    const issued = await issuedGuarantee(testApp);
    const credentials = await credentialsOf(issued);
    const otherOrderer = await createParty(testApp, "ORDERER");
    for (const path of ["/accept", "/return"] as const) {
      const response = await post(path, { ...credentials, ...(path === "/return" ? { reason: "x" } : {}) }, { ip: nextAddress(), auth: otherOrderer.staff.auth });
      expect(response.statusCode).toBe(403);
    }
    expect((await testApp.prisma.guarantee.findUniqueOrThrow({ where: { id: issued.guarantee.id } })).acceptanceStatus).toBeNull();
    const wrong = await post("/accept", { ...credentials, authKey: wrongKeyFor(credentials.authKey) }, { ip: nextAddress(), auth: issued.orderer.staff.auth });
    expect(wrong.statusCode).toBe(404);
  });

  it("a contractor or surety cannot decide (403), and without a session it is a 401", async () => {
    const issued = await issuedGuarantee(testApp);
    const credentials = await credentialsOf(issued);
    for (const auth of [issued.contractor.staff.auth, issued.surety.staff.auth]) {
      expect((await post("/accept", credentials, { ip: nextAddress(), auth })).statusCode).toBe(403);
    }
    expect((await post("/accept", credentials, { ip: nextAddress() })).statusCode).toBe(401);
  });
});

describe("the view log", () => {
  it("is for the guarantee's contractor and surety: another contractor or surety gets 404 and nothing of it", async () => {
    const issued = await issuedGuarantee(testApp);
    await post("", await credentialsOf(issued), { ip: nextAddress() });
    for (const party of [issued.contractor.staff, issued.surety.staff]) {
      const response = await call("GET", `/api/guarantees/${issued.guarantee.id}/lookups`, party.auth);
      expect(response.statusCode).toBe(200);
      expect((response.json() as GuaranteeLookupLog).views).toHaveLength(1);
    }
    for (const kind of ["CONTRACTOR", "SURETY"] as const) {
      const stranger = await createParty(testApp, kind);
      const response = await call("GET", `/api/guarantees/${issued.guarantee.id}/lookups`, stranger.staff.auth);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain("views");
    }
  });
});
