// A guarantee for a joint-venture contract (issue 8): the lead applies from the contract, as the contractor does for
// a single firm; the surety's signed certificate names every member of the joint venture, in the canonical JSON it
// signs and on the certificate PDF. Another firm of the joint venture cannot apply from the contract.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueTestCertificate } from "../../support/certificates.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { addCounterparty, createParty, draftBody } from "../contracts/contract-fixtures.ts";
import { applicationBody, caller, createApplication, createGuaranteeParties, downloadPdf, prepareAndSign, type Party } from "./guarantee-fixtures.ts";

let testApp: TestApp;
let workDir: string;

beforeAll(async () => {
  testApp = await buildTestApp();
  workDir = mkdtempSync(path.join(tmpdir(), "pwp-jv-guarantee-"));
});

afterAll(async () => {
  rmSync(workDir, { recursive: true, force: true });
  await testApp?.close();
});

async function sentJointVentureContract(orderer: Party, lead: Party, member: Party) {
  const call = caller(testApp);
  const body = draftBody(lead.organization.id, {
    requiredGuarantees: ["CONTRACT_PERFORMANCE"],
    jointVenture: { name: "한빛·서해 공동수급체", leadShareBasisPoints: 6000, members: [{ organizationId: member.organization.id, shareBasisPoints: 4000 }] },
  });
  const created = await call("POST", "/api/contracts", orderer.staff.auth, body);
  expect(created.statusCode, created.body).toBe(201);
  const sent = await call("POST", `/api/contracts/${created.json().id}/send`, orderer.staff.auth, { version: 1 });
  expect(sent.statusCode, sent.body).toBe(200);
  return sent.json() as { id: string; amount: number };
}

describe("a guarantee for a joint-venture contract", () => {
  it("is applied for by the lead and names every member in the signed certificate", async () => {
    const { orderer, contractor: lead, surety } = await createGuaranteeParties(testApp);
    const member = await createParty(testApp, "CONTRACTOR");
    await addCounterparty(testApp, orderer, member);
    const contract = await sentJointVentureContract(orderer, lead, member);
    const fromContract = { contractId: contract.id, contractAmount: contract.amount, guaranteeAmount: Math.floor(contract.amount / 10) };

    // A member is not the contractor of record: the contract is not one it can apply from.
    const byMember = await caller(testApp)("POST", "/api/guarantees", member.staff.auth, applicationBody(surety.organization.id, fromContract));
    expect(byMember.statusCode, byMember.body).toBe(400);
    expect(byMember.json().error.fields.map((field: { field: string }) => field.field)).toContain("body.contractId");

    const created = await createApplication(testApp, lead.staff, applicationBody(surety.organization.id, fromContract));
    const submitted = await caller(testApp)("POST", `/api/guarantees/${created.id}/submit`, lead.representative.auth, { version: created.version });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const certificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: surety.representative.id });
    const { prepared, response } = await prepareAndSign(testApp, surety.representative, certificate, created.id, {
      action: "ISSUE",
      version: submitted.json().version,
      fee: { baseAmount: fromContract.guaranteeAmount, rateBasisPoints: 35, feeAmount: Math.floor(fromContract.guaranteeAmount / 10_000) * 35 },
    });
    expect(response.statusCode, response.body).toBe(201);

    const signed = JSON.parse(prepared.canonicalJson) as { contractor: { name: string }; jvMembers: { name: string; registrationNumber: string }[] };
    expect(signed.contractor.name).toBe(lead.organization.nameLocal);
    const memberRow = await testApp.prisma.organization.findUniqueOrThrow({ where: { id: member.organization.id } });
    expect(signed.jvMembers).toEqual([expect.objectContaining({ name: memberRow.nameLocal, registrationNumber: memberRow.registrationNumber })]);

    const pdf = await downloadPdf(testApp, lead.staff, created.id, prepared.number, "certificate.pdf");
    const file = path.join(workDir, "certificate.pdf");
    writeFileSync(file, pdf);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).toContain("공동수급체 구성원");
    expect(text).toContain(memberRow.nameLocal);
  });
});
