// Joint ventures on the contractor side (issue 8, 共同企業体 / 공동수급체): the orderer names a lead and member firms
// with their shares; every firm sees the contract once sent; the members sign in order, then the lead, then the
// orderer; each signature is one incremental PAdES update, and the completed PDF passes our verifier, pdfsig and mutool.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContractDetail, ContractList } from "@pwp/shared/contracts";
import { verifyPlatformPdf } from "../../../src/lib/pki/pdf-verification.ts";
import { issueTestCertificate, type TestCertificate } from "../../support/certificates.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { openPdfsig } from "../contract-documents/document-fixtures.ts";
import { addCounterparty, caller, createParty, draftBody, fieldsOf, type Party } from "./contract-fixtures.ts";
import { currentPdf, postSignature, signBytes } from "./signing-fixtures.ts";

let testApp: TestApp;
let call: ReturnType<typeof caller>;
let orderer: Party;
let lead: Party;
let firstMember: Party;
let secondMember: Party;
let outsider: Party;
const certificates = new Map<string, TestCertificate>();

beforeAll(async () => {
  testApp = await buildTestApp();
  call = caller(testApp);
  orderer = await createParty(testApp, "ORDERER");
  lead = await createParty(testApp, "CONTRACTOR");
  firstMember = await createParty(testApp, "CONTRACTOR");
  secondMember = await createParty(testApp, "CONTRACTOR");
  outsider = await createParty(testApp, "CONTRACTOR");
  for (const firm of [lead, firstMember, secondMember]) await addCounterparty(testApp, orderer, firm);
  for (const party of [orderer, lead, firstMember, secondMember]) {
    certificates.set(party.organization.id, await issueTestCertificate(testApp.app, testApp.prisma, { userId: party.representative.id }));
  }
});

afterAll(async () => {
  await testApp?.close();
});

function jointVentureBody(overrides: Record<string, unknown> = {}) {
  return draftBody(lead.organization.id, {
    title: "東都市北区橋梁補修工事",
    jointVenture: {
      name: "青葉・北星・南風特定建設工事共同企業体",
      leadShareBasisPoints: 5000,
      members: [
        { organizationId: firstMember.organization.id, shareBasisPoints: 3000 },
        { organizationId: secondMember.organization.id, shareBasisPoints: 2000 },
      ],
    },
    ...overrides,
  });
}

async function sendJointVentureContract(): Promise<ContractDetail> {
  const created = await call("POST", "/api/contracts", orderer.staff.auth, jointVentureBody());
  expect(created.statusCode, created.body).toBe(201);
  const sent = await call("POST", `/api/contracts/${created.json().id}/send`, orderer.staff.auth, { version: 1 });
  expect(sent.statusCode, sent.body).toBe(200);
  return sent.json();
}

async function detailAs(party: Party, contractId: string): Promise<ContractDetail> {
  const response = await call("GET", `/api/contracts/${contractId}`, party.representative.auth);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** Signs the current revision in the field the API names for `party`'s turn (or `fieldName`) and uploads it. */
async function signAs(party: Party, contractId: string, fieldName?: string) {
  const detail = await detailAs(party, contractId);
  const base = await currentPdf(testApp, party.representative, contractId);
  const side = party === orderer ? "ORDERER" : "CONTRACTOR";
  const field = fieldName ?? detail.signatureField ?? "ContractorSignature";
  const signed = await signBytes(testApp, base, certificates.get(party.organization.id)!, side, { fieldName: field });
  return postSignature(testApp, party.representative, contractId, { edition: detail.edition, revision: detail.currentRevision!.revision, signedPdf: signed });
}

describe("creating a joint-venture contract", () => {
  it("keeps the lead and the members with their shares, lead first", async () => {
    const created = await call("POST", "/api/contracts", orderer.staff.auth, jointVentureBody());
    expect(created.statusCode, created.body).toBe(201);
    const contract: ContractDetail = created.json();
    expect(contract.jointVentureName).toBe("青葉・北星・南風特定建設工事共同企業体");
    expect(contract.jointVenture?.members.map((member) => [member.organization.id, member.position, member.isLead, member.shareBasisPoints])).toEqual([
      [lead.organization.id, 0, true, 5000],
      [firstMember.organization.id, 1, false, 3000],
      [secondMember.organization.id, 2, false, 2000],
    ]);
    expect(contract.signingOrder).toEqual([]);
  });

  it.each([
    ["shares that do not add up to 100 %", { leadShareBasisPoints: 4000 }, ["body.jointVenture"]],
    ["the lead named again as a member", { members: "lead" }, ["body.jointVenture.members.0.organizationId"]],
    ["a firm named twice", { members: "twice" }, ["body.jointVenture.members.1.organizationId"]],
    ["a firm outside the counterparty list", { members: "outsider" }, ["body.jointVenture.members.0.organizationId"]],
  ])("refuses %s, naming the field", async (_case, change, fields) => {
    const memberSets: Record<string, { organizationId: string; shareBasisPoints: number }[]> = {
      lead: [{ organizationId: lead.organization.id, shareBasisPoints: 5000 }],
      twice: [
        { organizationId: firstMember.organization.id, shareBasisPoints: 2500 },
        { organizationId: firstMember.organization.id, shareBasisPoints: 2500 },
      ],
      outsider: [{ organizationId: outsider.organization.id, shareBasisPoints: 5000 }],
    };
    const base = jointVentureBody().jointVenture!;
    const { members, ...rest } = change as { members?: string; leadShareBasisPoints?: number };
    const jointVenture = { ...base, ...rest, ...(members ? { members: memberSets[members] } : {}) };
    const response = await call("POST", "/api/contracts", orderer.staff.auth, jointVentureBody({ jointVenture }));
    expect(response.statusCode, response.body).toBe(400);
    expect(fieldsOf(response.json())).toEqual(fields);
  });

  it("refuses a share of 0 or of the whole by the schema, naming the field", async () => {
    const base = jointVentureBody().jointVenture!;
    const response = await call("POST", "/api/contracts", orderer.staff.auth, jointVentureBody({ jointVenture: { ...base, leadShareBasisPoints: 10_000 } }));
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain("jointVenture");
  });

  it("lets the orderer turn a draft into a single-contractor contract and back", async () => {
    const created: ContractDetail = (await call("POST", "/api/contracts", orderer.staff.auth, jointVentureBody())).json();
    const single = await call("PUT", `/api/contracts/${created.id}`, orderer.staff.auth, {
      ...jointVentureBody({ jointVenture: null }),
      contractNumber: created.contractNumber,
      version: created.version,
    });
    expect(single.statusCode, single.body).toBe(200);
    expect(single.json()).toMatchObject({ jointVenture: null, jointVentureName: null });
    const again = await call("PUT", `/api/contracts/${created.id}`, orderer.staff.auth, {
      ...jointVentureBody(),
      contractNumber: created.contractNumber,
      version: single.json().version,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().jointVenture.members).toHaveLength(3);
  });
});

describe("who sees a joint-venture contract", () => {
  it("shows it to every firm once sent, never the draft, and to nobody else", async () => {
    const created: ContractDetail = (await call("POST", "/api/contracts", orderer.staff.auth, jointVentureBody({ title: "見える範囲の確認" }))).json();
    expect((await call("GET", `/api/contracts/${created.id}`, secondMember.staff.auth)).statusCode).toBe(404);
    await call("POST", `/api/contracts/${created.id}/send`, orderer.staff.auth, { version: created.version });
    for (const firm of [lead, firstMember, secondMember]) {
      const response = await call("GET", `/api/contracts/${created.id}`, firm.staff.auth);
      expect(response.statusCode).toBe(200);
      expect(response.json().mySide).toBe("CONTRACTOR");
      const list: ContractList = (await call("GET", "/api/contracts?side=CONTRACTOR&awaitingMe=true", firm.staff.auth)).json();
      expect(list.items.map((item) => item.id)).toContain(created.id);
    }
    expect((await call("GET", `/api/contracts/${created.id}`, outsider.representative.auth)).statusCode).toBe(404);
    expect((await call("GET", `/api/contracts/${created.id}/pdf`, outsider.representative.auth)).statusCode).toBe(404);
    const outsiderList: ContractList = (await call("GET", "/api/contracts", outsider.representative.auth)).json();
    expect(outsiderList.items.map((item) => item.id)).not.toContain(created.id);
  });

  it("lets a member return a sent contract to the orderer", async () => {
    const contract = await sendJointVentureContract();
    const returned = await call("POST", `/api/contracts/${contract.id}/return`, secondMember.staff.auth, { version: contract.version, reason: "出資比率の記載を確認してください。" });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().status).toBe("RETURNED");
  });
});

describe("signing a joint-venture contract", () => {
  it("takes the members in order, then the lead, then the orderer; the PDF passes our verifier and pdfsig", async () => {
    const contract = await sendJointVentureContract();
    const pdfsig = await openPdfsig(testApp);
    try {
      const first = await detailAs(firstMember, contract.id);
      expect(first.signingOrder.map((step) => [step.organizationId, step.fieldName, step.signed])).toEqual([
        [firstMember.organization.id, "ContractorMember1Signature", false],
        [secondMember.organization.id, "ContractorMember2Signature", false],
        [lead.organization.id, "ContractorSignature", false],
        [orderer.organization.id, "OrdererSignature", false],
      ]);
      expect(first.signatureField).toBe("ContractorMember1Signature");
      expect(first.allowedActions).toContain("SIGN");
      const leadView = await detailAs(lead, contract.id);
      expect(leadView.signatureField).toBeNull();
      expect(leadView.allowedActions).not.toContain("SIGN");

      // Out of turn: the lead before its members, the second member before the first.
      const early = await signAs(lead, contract.id, "ContractorSignature");
      expect(early.statusCode).toBe(409);
      expect(early.json().error.message).toContain(firstMember.organization.nameLocal);
      expect((await signAs(secondMember, contract.id, "ContractorMember2Signature")).statusCode).toBe(409);

      for (const [firm, status] of [
        [firstMember, "SENT"],
        [secondMember, "SENT"],
        [lead, "SIGNED_BY_CONTRACTOR"],
        [orderer, "COMPLETED"],
      ] as const) {
        const response = await signAs(firm, contract.id);
        expect(response.statusCode, response.body).toBe(201);
        expect(response.json().status).toBe(status);
      }

      const completed = await detailAs(secondMember, contract.id);
      expect(completed.signingOrder.every((step) => step.signed)).toBe(true);
      expect(completed.signatures.map((signature) => [signature.fieldName, signature.organizationId, signature.organizationName])).toEqual([
        ["ContractorMember1Signature", firstMember.organization.id, firstMember.organization.nameLocal],
        ["ContractorMember2Signature", secondMember.organization.id, secondMember.organization.nameLocal],
        ["ContractorSignature", lead.organization.id, lead.organization.nameLocal],
        ["OrdererSignature", orderer.organization.id, orderer.organization.nameLocal],
      ]);

      const pdf = await currentPdf(testApp, secondMember.representative, contract.id);
      const { report } = await verifyPlatformPdf(testApp.prisma, testApp.app.pki, pdf, { now: testApp.app.now() });
      expect(report.signatures.map((signature) => [signature.fieldName, signature.isValid])).toEqual([
        ["ContractorMember1Signature", true],
        ["ContractorMember2Signature", true],
        ["ContractorSignature", true],
        ["OrdererSignature", true],
      ]);
      const { blocks } = await pdfsig.check(pdf);
      expect(blocks).toHaveLength(4);
      for (const block of blocks) expect(block).toContain("Signature is Valid.");
      expect(blocks.at(-1)).toContain("Total document signed");
      const mutool = await pdfsig.mutool(pdf);
      expect(mutool.verdicts, mutool.output).toHaveLength(4);
      for (const verdict of mutool.verdicts) expect(verdict, mutool.output).not.toMatch(/Digest error/);
      expect(mutool.verdicts.at(-1), mutool.output).toContain("The document is unchanged since signing.");
    } finally {
      pdfsig.close();
    }
  });

  it("lets one of two simultaneous signatures of the same member win", async () => {
    const contract = await sendJointVentureContract();
    const [one, two] = await Promise.all([signAs(firstMember, contract.id), signAs(firstMember, contract.id)]);
    expect([one.statusCode, two.statusCode].sort()).toEqual([201, 409]);
    const detail = await detailAs(firstMember, contract.id);
    expect(detail.signatures).toHaveLength(1);
    expect(detail.status).toBe("SENT");
  });
});
