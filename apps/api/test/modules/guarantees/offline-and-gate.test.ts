// Issue 6: offline guarantees (recorded with their scan, not verified by the platform) and the required-guarantee
// gate on contract signing: a contract requiring a contract-performance guarantee cannot be signed by the contractor
// until one is issued (or recorded offline) and linked to it.
import { randomBytes } from "node:crypto";
import { OFFLINE_GUARANTEE_FILE_MAX_BYTES, type GuaranteeDetail, type OfflineGuaranteeData } from "@pwp/shared/guarantees";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueTestCertificate } from "../../support/certificates.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import type { Party } from "../contracts/contract-fixtures.ts";
import { signAndPost } from "../contracts/signing-fixtures.ts";
import { multipart, pdfFile, pngFile, type FilePart } from "../registration/registration-helpers.ts";
import { applicationBody, caller, createApplication, createGuaranteeParties, fieldsOf, issuedGuarantee, prepareAndSign, sentContract, TEST_FEE } from "./guarantee-fixtures.ts";

let testApp: TestApp;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  testApp = await buildTestApp();
  call = caller(testApp);
});
afterAll(() => testApp?.close());

function offlineData(overrides: Partial<OfflineGuaranteeData> = {}): OfflineGuaranteeData {
  return {
    kind: "CONTRACT_PERFORMANCE",
    issuerName: "서울보증보험",
    guaranteeNumber: "100-000-2026-1234",
    contractId: null,
    ordererName: "한누리시",
    worksTitle: "한누리로 포장공사",
    contractAmount: 500_000_000,
    guaranteeAmount: 50_000_000,
    currency: "KRW",
    guaranteeStartDate: "2027-01-01",
    guaranteeEndDate: "2027-12-31",
    contractDate: "2026-12-20",
    worksStartDate: "2027-01-01",
    worksEndDate: "2027-11-30",
    ...overrides,
  };
}

function postOffline(auth: string, data: unknown, files: FilePart[] = [pdfFile("보증서.pdf")]) {
  const body = multipart(data === undefined ? {} : { data: typeof data === "string" ? data : JSON.stringify(data) }, files, "file");
  return testApp.app.inject({ method: "POST", url: "/api/guarantees/offline", headers: { ...body.headers, authorization: auth }, payload: body.payload });
}

describe("offline guarantees", () => {
  it("records one with its file: 201 OFFLINE, ISSUED, not verified; the file comes back as uploaded", async () => {
    const { contractor } = await createGuaranteeParties(testApp);
    const file = pdfFile("계약보증서 스캔.pdf");
    const response = await postOffline(contractor.staff.auth, offlineData(), [file]);
    expect(response.statusCode, response.body).toBe(201);
    const detail = response.json() as GuaranteeDetail;
    expect(detail).toMatchObject({
      origin: "OFFLINE",
      status: "ISSUED",
      displayStatus: "OFFLINE",
      guaranteeNumber: "100-000-2026-1234",
      offlineIssuerName: "서울보증보험",
      surety: null,
      allowedActions: [],
      versions: [],
      worksEndDate: "2027-11-30",
    });
    expect(detail.events.map((event) => event.kind)).toEqual(["OFFLINE_RECORDED"]);

    const download = await call("GET", `/api/guarantees/${detail.id}/offline-file`, contractor.staff.auth);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.headers["content-disposition"]).toContain(encodeURIComponent("계약보증서 스캔.pdf"));
    expect(Buffer.from(download.rawPayload).equals(file.content)).toBe(true);

    // A record has no transitions and no key.
    const submit = await call("POST", `/api/guarantees/${detail.id}/submit`, contractor.representative.auth, { version: detail.version });
    expect(submit.statusCode).toBe(409);
    expect((await call("GET", `/api/guarantees/${detail.id}/auth-key`, contractor.staff.auth)).statusCode).toBe(409);
    // The same number again from the same contractor: 409; another contractor may record its own.
    const again = await postOffline(contractor.staff.auth, offlineData());
    expect(again.statusCode).toBe(409);
    expect(fieldsOf(again.json())).toEqual(["data.guaranteeNumber"]);
    const other = await createGuaranteeParties(testApp);
    expect((await postOffline(other.contractor.staff.auth, offlineData())).statusCode).toBe(201);
    expect((await call("GET", `/api/guarantees/${detail.id}/offline-file`, other.contractor.staff.auth)).statusCode).toBe(404);
    // A platform guarantee has no uploaded file.
    const platform = await createApplication(testApp, contractor.staff, applicationBody(other.surety.organization.id));
    expect((await call("GET", `/api/guarantees/${platform.id}/offline-file`, contractor.staff.auth)).statusCode).toBe(404);
  });

  it("a PNG scan is accepted and served as image/png", async () => {
    const { contractor } = await createGuaranteeParties(testApp);
    const png = pngFile("scan.png");
    const response = await postOffline(contractor.staff.auth, offlineData(), [png]);
    expect(response.statusCode, response.body).toBe(201);
    const download = await call("GET", `/api/guarantees/${response.json().id}/offline-file`, contractor.staff.auth);
    expect(download.headers["content-type"]).toBe("image/png");
  });

  it.each([
    ["no data part", undefined, [pdfFile()], 400, ["data"]],
    ["data that is not JSON", "{oops", [pdfFile()], 400, ["data"]],
    ["a data field of the wrong type", offlineData({ guaranteeAmount: "many" as never }), [pdfFile()], 400, ["data.guaranteeAmount"]],
    ["a guarantee amount above the contract amount", offlineData({ guaranteeAmount: 500_000_001 }), [pdfFile()], 400, ["data.guaranteeAmount"]],
    ["a period ending before it starts", offlineData({ guaranteeEndDate: "2026-12-31" }), [pdfFile()], 400, ["data.guaranteeEndDate"]],
    ["no contract and no works dates", offlineData({ contractDate: undefined, worksStartDate: undefined }), [pdfFile()], 400, ["data.contractDate", "data.worksStartDate"]],
    ["no file", offlineData(), [], 400, ["file"]],
    ["a text file named .pdf", offlineData(), [{ fileName: "x.pdf", contentType: "application/pdf", content: Buffer.from("just text") }], 400, ["file"]],
    [
      "a file over the limit",
      offlineData(),
      [{ fileName: "big.pdf", contentType: "application/pdf", content: Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(OFFLINE_GUARANTEE_FILE_MAX_BYTES)]) }],
      413,
      ["file"],
    ],
  ] as const)("refuses %s", async (_what, data, files, status, fields) => {
    const { contractor } = await createGuaranteeParties(testApp);
    const response = await postOffline(contractor.staff.auth, data, [...files]);
    expect(response.statusCode, response.body).toBe(status);
    expect(fieldsOf(response.json())).toEqual(fields);
  });

  it("linked to one of the contractor's contracts: the dates and orderer come from it; another's contract is refused", async () => {
    const { orderer, contractor } = await createGuaranteeParties(testApp);
    const contract = await sentContract(testApp, orderer, contractor);
    const linked = await postOffline(contractor.staff.auth, offlineData({ contractId: contract.id, contractDate: undefined, worksStartDate: undefined, worksEndDate: undefined }));
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json()).toMatchObject({ contractId: contract.id, orderer: { id: orderer.organization.id }, worksStartDate: "2027-01-04", contractDate: "2026-12-28" });
    const stranger = await createGuaranteeParties(testApp);
    const refused = await postOffline(stranger.contractor.staff.auth, offlineData({ contractId: contract.id }));
    expect(fieldsOf(refused.json())).toEqual(["data.contractId"]);
  });
});

describe("the required-guarantee gate on contract signing", () => {
  async function contractorSigns(parties: { contractor: Party }, contractId: string) {
    const certificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: parties.contractor.representative.id });
    return (await signAndPost(testApp, parties.contractor.representative, certificate, contractId, "CONTRACTOR")).response;
  }

  it("refuses the contractor's signature until a contract-performance guarantee is issued and linked; then accepts it", async () => {
    const parties = await createGuaranteeParties(testApp);
    const contract = await sentContract(testApp, parties.orderer, parties.contractor, ["CONTRACT_PERFORMANCE", "ADVANCE_PAYMENT"]);
    const before = await call("GET", `/api/contracts/${contract.id}`, parties.contractor.staff.auth);
    // Only the contract guarantee gates the signature; SIGN stays offered and the page says what is missing.
    expect(before.json()).toMatchObject({ missingGuarantees: ["CONTRACT_PERFORMANCE"], guaranteeKeyNotices: [] });
    const refused = await contractorSigns(parties, contract.id);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error).toMatchObject({ code: "CONFLICT", message: "The contract guarantee must be issued and linked before the contractor signs.", currentState: "SENT" });
    expect(refused.json().error.fields).toBeUndefined();

    // A guarantee applied for but not yet issued does not open the gate.
    const application = await createApplication(
      testApp,
      parties.contractor.staff,
      applicationBody(parties.surety.organization.id, { contractId: contract.id, contractAmount: contract.amount }),
    );
    const submitted = await call("POST", `/api/guarantees/${application.id}/submit`, parties.contractor.representative.auth, { version: application.version });
    expect((await call("GET", `/api/contracts/${contract.id}`, parties.orderer.staff.auth)).json().missingGuarantees).toEqual(["CONTRACT_PERFORMANCE"]);

    const suretyCertificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: parties.surety.representative.id });
    const issued = await prepareAndSign(testApp, parties.surety.representative, suretyCertificate, application.id, { action: "ISSUE", version: submitted.json().version, fee: TEST_FEE });
    expect(issued.response.statusCode, issued.response.body).toBe(201);
    expect((await call("GET", `/api/contracts/${contract.id}`, parties.contractor.staff.auth)).json().missingGuarantees).toEqual([]);
    const signed = await contractorSigns(parties, contract.id);
    expect(signed.statusCode, signed.body).toBe(201);
  }, 120_000);

  it("an offline contract-performance guarantee linked to the contract opens the gate too", async () => {
    const parties = await createGuaranteeParties(testApp);
    const contract = await sentContract(testApp, parties.orderer, parties.contractor);
    expect((await contractorSigns(parties, contract.id)).statusCode).toBe(409);
    const recorded = await postOffline(parties.contractor.staff.auth, offlineData({ contractId: contract.id, contractAmount: contract.amount }));
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect((await contractorSigns(parties, contract.id)).statusCode).toBe(201);

    // The orderer, who signs last, sees what opened the gate: the record, marked offline, and its file.
    const detail = (await call("GET", `/api/contracts/${contract.id}`, parties.orderer.staff.auth)).json();
    expect(detail.offlineGuarantees).toEqual([
      expect.objectContaining({ guaranteeId: recorded.json().id, kind: "CONTRACT_PERFORMANCE", issuerName: "서울보증보험", guaranteeNumber: recorded.json().guaranteeNumber }),
    ]);
    const file = await call("GET", `/api/guarantees/${recorded.json().id}/offline-file`, parties.orderer.staff.auth);
    expect(file.statusCode, file.body).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // Nobody else does: another orderer, or the orderer for an offline guarantee not linked to its contract.
    const other = await createGuaranteeParties(testApp);
    expect((await call("GET", `/api/guarantees/${recorded.json().id}/offline-file`, other.orderer.staff.auth)).statusCode).toBe(404);
    const unlinked = await postOffline(parties.contractor.staff.auth, offlineData({ guaranteeNumber: "100-000-2026-9999" }));
    expect(unlinked.statusCode, unlinked.body).toBe(201);
    expect((await call("GET", `/api/guarantees/${unlinked.json().id}/offline-file`, parties.orderer.staff.auth)).statusCode).toBe(404);
  }, 120_000);

  it("a guarantee of another kind, or linked to another contract, does not; advance payments alone do not gate", async () => {
    const { contract, orderer, contractor } = await issuedGuarantee(testApp);
    const second = await sentContract(testApp, orderer, contractor);
    expect((await call("GET", `/api/contracts/${second.id}`, contractor.staff.auth)).json().missingGuarantees).toEqual(["CONTRACT_PERFORMANCE"]);
    expect((await call("GET", `/api/contracts/${contract.id}`, contractor.staff.auth)).json().missingGuarantees).toEqual([]);
    await postOffline(contractor.staff.auth, offlineData({ kind: "DEFECT_REPAIR", contractId: second.id, contractAmount: second.amount }));
    expect((await call("GET", `/api/contracts/${second.id}`, contractor.staff.auth)).json().missingGuarantees).toEqual(["CONTRACT_PERFORMANCE"]);
    const advanceOnly = await sentContract(testApp, orderer, contractor, ["ADVANCE_PAYMENT"]);
    expect((await call("GET", `/api/contracts/${advanceOnly.id}`, contractor.staff.auth)).json().missingGuarantees).toEqual([]);
    expect((await contractorSigns({ contractor }, advanceOnly.id)).statusCode).toBe(201);
  }, 120_000);
});
