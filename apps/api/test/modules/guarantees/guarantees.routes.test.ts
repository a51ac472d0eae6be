// Issue 6, the application and review: drafting (standalone and from a contract) with every rule naming its field,
// the lists of both sides, each allowed and refused transition, and access: no session 401, the wrong kind of
// organisation 403, another organisation's guarantee 404 on every route with real ids.
import type { GuaranteeDetail } from "@pwp/shared/guarantees";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { createParty, draftBody } from "../contracts/contract-fixtures.ts";
import { pdfFile, multipart } from "../registration/registration-helpers.ts";
import {
  applicationBody,
  caller,
  createApplication,
  createGuaranteeParties,
  fieldsOf,
  issuedGuarantee,
  sentContract,
  submittedApplication,
  TEST_FEE,
} from "./guarantee-fixtures.ts";

let testApp: TestApp;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  testApp = await buildTestApp();
  call = caller(testApp);
});
afterAll(() => testApp?.close());

describe("drafting an application", () => {
  it("standalone: 201 DRAFT with the values given, currency of the contractor's country; CREATED in the history and the audit log", async () => {
    const { contractor, surety } = await createGuaranteeParties(testApp);
    const response = await call("POST", "/api/guarantees", contractor.staff.auth, applicationBody(surety.organization.id, { contacts: [{ name: " 김 담당 ", email: " kim@example.test " }] }));
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json() as GuaranteeDetail;
    expect(created).toMatchObject({
      origin: "PLATFORM",
      status: "DRAFT",
      displayStatus: "PENDING",
      kind: "CONTRACT_PERFORMANCE",
      currency: "KRW",
      contractId: null,
      orderer: null,
      ordererName: "한누리시 교육청",
      guaranteeAmount: 123_456_789,
      contractAmount: 1_234_567_890,
      guaranteeNumber: null,
      mySide: "CONTRACTOR",
      surety: { id: surety.organization.id },
      contacts: [{ name: "김 담당", department: "", phone: "", email: "kim@example.test" }],
      versions: [],
      preparedVersion: null,
      version: 1,
    });
    expect(created.events.map((event) => event.kind)).toEqual(["CREATED"]);
    expect(created.events[0]?.actor).toEqual({ name: contractor.staff.name, organizationName: contractor.organization.nameLocal });
    const audit = await testApp.prisma.auditEvent.findFirst({ where: { action: "guarantees.created", targetId: created.id } });
    expect(audit?.actorUserId).toBe(contractor.staff.id);
  });

  it("with a platform orderer in Japan: the currency is the orderer's (JPY)", async () => {
    const { contractor, surety } = await createGuaranteeParties(testApp);
    const japaneseOrderer = await createParty(testApp, "ORDERER", "JP");
    const created = await createApplication(testApp, contractor.staff, applicationBody(surety.organization.id, { ordererOrganizationId: japaneseOrderer.organization.id, ordererName: "国土交通省" }));
    expect(created).toMatchObject({ currency: "JPY", orderer: { id: japaneseOrderer.organization.id }, ordererName: "国土交通省" });
  });

  it("from a contract: orderer, works title, dates and currency come from the contract; the amount must be the contract's", async () => {
    const { orderer, contractor, surety } = await createGuaranteeParties(testApp);
    const contract = await sentContract(testApp, orderer, contractor);
    const created = await createApplication(
      testApp,
      contractor.staff,
      applicationBody(surety.organization.id, { contractId: contract.id, contractAmount: contract.amount, worksTitle: "다른 공사명", ordererName: "다른 발주자", worksStartDate: "2030-01-01", worksEndDate: "2030-12-31" }),
    );
    expect(created).toMatchObject({
      contractId: contract.id,
      worksTitle: contract.title,
      ordererName: orderer.organization.nameLocal,
      orderer: { id: orderer.organization.id },
      worksStartDate: "2027-01-04",
      worksEndDate: "2027-12-24",
      contractDate: "2026-12-28",
    });
    const wrongAmount = await call("POST", "/api/guarantees", contractor.staff.auth, applicationBody(surety.organization.id, { contractId: contract.id, contractAmount: contract.amount - 1 }));
    expect(wrongAmount.statusCode).toBe(400);
    expect(fieldsOf(wrongAmount.json())).toEqual(["body.contractAmount"]);
  });

  it("a contract that is not the caller's (another contractor's, or a draft never sent): 400 naming body.contractId", async () => {
    const { orderer, contractor, surety } = await createGuaranteeParties(testApp);
    const other = await createGuaranteeParties(testApp);
    const othersContract = await sentContract(testApp, other.orderer, other.contractor);
    const refused = await call("POST", "/api/guarantees", contractor.staff.auth, applicationBody(surety.organization.id, { contractId: othersContract.id, contractAmount: othersContract.amount }));
    expect(refused.statusCode).toBe(400);
    expect(fieldsOf(refused.json())).toEqual(["body.contractId"]);
    const draft = await call("POST", "/api/contracts", orderer.staff.auth, draftBody(contractor.organization.id));
    const onDraft = await call("POST", "/api/guarantees", contractor.staff.auth, applicationBody(surety.organization.id, { contractId: draft.json().id, contractAmount: draft.json().amount }));
    expect(fieldsOf(onDraft.json())).toEqual(["body.contractId"]);
  });

  it.each([
    ["a surety that is a contractor", (ids: Ids) => ({ suretyOrganizationId: ids.contractor }), ["body.suretyOrganizationId"]],
    ["a surety not yet approved", (ids: Ids) => ({ suretyOrganizationId: ids.pendingSurety }), ["body.suretyOrganizationId"]],
    ["an orderer that is a surety", (ids: Ids) => ({ ordererOrganizationId: ids.surety }), ["body.ordererOrganizationId"]],
    ["a guarantee period ending before it starts", () => ({ guaranteeStartDate: "2027-02-01", guaranteeEndDate: "2027-01-31" }), ["body.guaranteeEndDate"]],
    ["works ending before they start", () => ({ worksStartDate: "2027-02-01", worksEndDate: "2027-01-31" }), ["body.worksEndDate"]],
    ["a guarantee amount above the contract amount", () => ({ guaranteeAmount: 1_234_567_891 }), ["body.guaranteeAmount"]],
    ["a guarantee amount above this year's target", () => ({ targetAmountThisYear: 100_000_000, guaranteeAmount: 100_000_001 }), ["body.guaranteeAmount"]],
    ["a target above the contract amount", () => ({ targetAmountThisYear: 2_000_000_000 }), ["body.targetAmountThisYear"]],
    ["an advance-payment guarantee without a deposit bank", () => ({ kind: "ADVANCE_PAYMENT" as const, depositBankName: " " }), ["body.depositBankName"]],
    ["a notification e-mail that is none", () => ({ notificationEmail: "not-an-email" }), ["body.notificationEmail"]],
    ["a contact's e-mail and phone", () => ({ contacts: [{ name: "박", email: "nope", phone: "call me" }] }), ["body.contacts.0.email", "body.contacts.0.phone"]],
    ["an amount with a fraction", () => ({ guaranteeAmount: 1.5 }), ["body.guaranteeAmount"]],
    ["an unknown kind", () => ({ kind: "BID" }), ["body.kind"]],
    ["a blank works title", () => ({ worksTitle: "   " }), ["body.worksTitle"]],
  ] as const)("refuses %s: 400 naming the field", async (_what, overrides, expected) => {
    const { contractor, surety } = await createGuaranteeParties(testApp);
    const pendingSurety = await createParty(testApp, "SURETY");
    await testApp.prisma.organization.update({ where: { id: pendingSurety.organization.id }, data: { status: "PENDING" } });
    const ids: Ids = { contractor: contractor.organization.id, surety: surety.organization.id, pendingSurety: pendingSurety.organization.id };
    const response = await call("POST", "/api/guarantees", contractor.staff.auth, applicationBody(surety.organization.id, overrides(ids) as never));
    expect(response.statusCode, response.body).toBe(400);
    expect(fieldsOf(response.json())).toEqual(expected);
  });

  it("an advance-payment guarantee with its deposit bank is accepted", async () => {
    const { contractor, surety } = await createGuaranteeParties(testApp);
    const created = await createApplication(testApp, contractor.staff, applicationBody(surety.organization.id, { kind: "ADVANCE_PAYMENT", depositBankName: "한누리은행", depositBranchName: "세종지점", usesReDeposit: true }));
    expect(created).toMatchObject({ kind: "ADVANCE_PAYMENT", depositBankName: "한누리은행", depositBranchName: "세종지점", usesReDeposit: true });
  });
});

type Ids = { contractor: string; surety: string; pendingSurety: string };

describe("the lists", () => {
  it("the contractor sees its drafts; the surety never does, and sees the application once sent; awaitingMe per side; pages", async () => {
    const parties = await createGuaranteeParties(testApp);
    const draft = await createApplication(testApp, parties.contractor.staff, applicationBody(parties.surety.organization.id, { worksTitle: "초안 공사" }));
    const sent = await submittedApplication(testApp, parties, { worksTitle: "제출 공사" });
    const back = await submittedApplication(testApp, parties, { worksTitle: "보완 공사" });
    const corrected = await call("POST", `/api/guarantees/${back.id}/request-correction`, parties.surety.staff.auth, { version: back.version, reason: "보완" });
    expect(corrected.statusCode).toBe(200);

    const ids = (response: { json(): { items: { id: string }[] } }) => response.json().items.map((item) => item.id);
    expect(ids(await call("GET", "/api/guarantees", parties.contractor.staff.auth))).toEqual([back.id, sent.id, draft.id]);
    expect(ids(await call("GET", "/api/guarantees", parties.surety.staff.auth))).toEqual([back.id, sent.id]);
    expect(ids(await call("GET", "/api/guarantees?awaitingMe=true", parties.surety.staff.auth))).toEqual([sent.id]);
    expect(ids(await call("GET", "/api/guarantees?awaitingMe=true", parties.contractor.staff.auth))).toEqual([back.id]);
    expect(ids(await call("GET", "/api/guarantees?status=DRAFT", parties.contractor.staff.auth))).toEqual([draft.id]);
    expect(ids(await call("GET", `/api/guarantees?q=${encodeURIComponent("제출")}`, parties.contractor.staff.auth))).toEqual([sent.id]);
    const surety = (await call("GET", "/api/guarantees", parties.surety.staff.auth)).json().items[0];
    expect(surety).toMatchObject({ mySide: "SURETY", contractor: { id: parties.contractor.organization.id } });

    const first = await call("GET", "/api/guarantees?limit=2", parties.contractor.staff.auth);
    expect(ids(first)).toEqual([back.id, sent.id]);
    const second = await call("GET", `/api/guarantees?limit=2&cursor=${first.json().nextCursor}`, parties.contractor.staff.auth);
    expect(ids(second)).toEqual([draft.id]);
    expect(second.json().nextCursor).toBeNull();
    const bad = await call("GET", "/api/guarantees?cursor=garbage", parties.contractor.staff.auth);
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toEqual(["querystring.cursor"]);

    // Another contractor and another surety see none of them.
    const strangers = await createGuaranteeParties(testApp);
    expect(ids(await call("GET", "/api/guarantees", strangers.contractor.staff.auth))).toEqual([]);
    expect(ids(await call("GET", "/api/guarantees", strangers.surety.staff.auth))).toEqual([]);
  });
});

describe("transitions", () => {
  it("edit and delete a draft; a stale version is 409; a sent application cannot be edited or deleted (409 with currentState)", async () => {
    const { contractor, surety } = await createGuaranteeParties(testApp);
    const draft = await createApplication(testApp, contractor.staff, applicationBody(surety.organization.id));
    const edited = await call("PUT", `/api/guarantees/${draft.id}`, contractor.staff.auth, { ...applicationBody(surety.organization.id, { guaranteeAmount: 1_000 }), version: draft.version });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ guaranteeAmount: 1_000, version: 2 });
    const stale = await call("PUT", `/api/guarantees/${draft.id}`, contractor.staff.auth, { ...applicationBody(surety.organization.id), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.currentState).toBe("DRAFT");
    const badEdit = await call("PUT", `/api/guarantees/${draft.id}`, contractor.staff.auth, { ...applicationBody(surety.organization.id, { guaranteeEndDate: "2020-01-01" }), version: 2 });
    expect(fieldsOf(badEdit.json())).toEqual(["body.guaranteeEndDate"]);
    const deleted = await call("DELETE", `/api/guarantees/${draft.id}`, contractor.staff.auth);
    expect(deleted.statusCode).toBe(204);
    expect((await call("GET", `/api/guarantees/${draft.id}`, contractor.staff.auth)).statusCode).toBe(404);

    const parties = { contractor, surety };
    const sent = await submittedApplication(testApp, parties);
    const edit = await call("PUT", `/api/guarantees/${sent.id}`, contractor.staff.auth, { ...applicationBody(surety.organization.id), version: sent.version });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.currentState).toBe("SUBMITTED");
    const remove = await call("DELETE", `/api/guarantees/${sent.id}`, contractor.staff.auth);
    expect(remove.statusCode).toBe(409);
    const again = await call("POST", `/api/guarantees/${sent.id}/submit`, contractor.representative.auth, { version: sent.version });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.currentState).toBe("SUBMITTED");
  });

  it("the surety's review: reasons are required; a correction goes back to the contractor; a refusal is final", async () => {
    const parties = await createGuaranteeParties(testApp);
    const sent = await submittedApplication(testApp, parties);
    expect(sent.allowedActions).toEqual([]);
    const suretyView = (await call("GET", `/api/guarantees/${sent.id}`, parties.surety.representative.auth)).json() as GuaranteeDetail;
    expect(suretyView.allowedActions).toEqual(["REQUEST_CORRECTION", "REFUSE", "ISSUE"]);
    const staffView = (await call("GET", `/api/guarantees/${sent.id}`, parties.surety.staff.auth)).json() as GuaranteeDetail;
    expect(staffView.allowedActions).toEqual(["REQUEST_CORRECTION", "REFUSE"]); // issuing needs authority

    const blank = await call("POST", `/api/guarantees/${sent.id}/refuse`, parties.surety.staff.auth, { version: sent.version, reason: " " });
    expect(fieldsOf(blank.json())).toEqual(["body.reason"]);
    const byContractor = await call("POST", `/api/guarantees/${sent.id}/request-correction`, parties.contractor.staff.auth, { version: sent.version, reason: "x" });
    expect(byContractor.statusCode).toBe(403);

    const back = await call("POST", `/api/guarantees/${sent.id}/request-correction`, parties.surety.staff.auth, { version: sent.version, reason: "이행보증 기간 확인 바랍니다" });
    expect(back.json()).toMatchObject({ status: "CORRECTION_REQUESTED", displayStatus: "PENDING" });
    expect(back.json().events.at(-1)).toMatchObject({ kind: "CORRECTION_REQUESTED", reason: "이행보증 기간 확인 바랍니다" });
    const contractorView = (await call("GET", `/api/guarantees/${sent.id}`, parties.contractor.representative.auth)).json() as GuaranteeDetail;
    expect(contractorView.allowedActions).toEqual(["EDIT", "SUBMIT"]);
    const twice = await call("POST", `/api/guarantees/${sent.id}/refuse`, parties.surety.staff.auth, { version: back.json().version, reason: "x" });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.currentState).toBe("CORRECTION_REQUESTED");

    const resent = await call("POST", `/api/guarantees/${sent.id}/submit`, parties.contractor.representative.auth, { version: back.json().version });
    const refused = await call("POST", `/api/guarantees/${sent.id}/refuse`, parties.surety.staff.auth, { version: resent.json().version, reason: "보증 한도 초과" });
    expect(refused.json()).toMatchObject({ status: "REFUSED", displayStatus: "REFUSED", allowedActions: [] });
    const edit = await call("PUT", `/api/guarantees/${sent.id}`, parties.contractor.staff.auth, { ...applicationBody(parties.surety.organization.id), version: refused.json().version });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.currentState).toBe("REFUSED");
  });

  it("prepare refuses what the action does not take (400 naming the field) and actions not allowed now (409)", async () => {
    const parties = await createGuaranteeParties(testApp);
    const sent = await submittedApplication(testApp, parties);
    const rep = parties.surety.representative;
    const prepare = (body: unknown) => call("POST", `/api/guarantees/${sent.id}/versions/prepare`, rep.auth, body);
    expect(fieldsOf((await prepare({ action: "ISSUE", version: sent.version, amendment: { guaranteeAmount: 1 }, fee: TEST_FEE })).json())).toEqual(["body.amendment"]);
    // Every issue delivers its fee statement (保証料計算書).
    expect(fieldsOf((await prepare({ action: "ISSUE", version: sent.version })).json())).toEqual(["body.fee"]);
    const change = await prepare({ action: "CHANGE", version: sent.version, reason: "x", amendment: { guaranteeAmount: 1 } });
    expect(change.statusCode).toBe(409);
    expect(change.json().error.currentState).toBe("SUBMITTED");
    expect((await prepare({ action: "ISSUE", version: sent.version + 1, fee: TEST_FEE })).statusCode).toBe(409);
    expect(fieldsOf((await prepare({ action: "ISSUE", version: sent.version, fee: { baseAmount: 1, rateBasisPoints: 10_001, feeAmount: 1 } })).json())).toEqual(["body.fee.rateBasisPoints"]);
    expect(fieldsOf((await prepare({ action: "PUBLISH", version: sent.version })).json())).toEqual(["body.action"]);

    // A prepared issue replaces the one before: one prepared version at a time, same number.
    const first = await prepare({ action: "ISSUE", version: sent.version, fee: TEST_FEE });
    expect(first.statusCode, first.body).toBe(201);
    const detail = (await call("GET", `/api/guarantees/${sent.id}`, rep.auth)).json() as GuaranteeDetail;
    const second = await prepare({ action: "ISSUE", version: detail.version, fee: { baseAmount: 123_456_789, rateBasisPoints: 35, feeAmount: 432_098 } });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ number: 1, guaranteeNumber: first.json().guaranteeNumber });
    expect(await testApp.prisma.guaranteeVersion.count({ where: { guaranteeId: sent.id } })).toBe(1);
  });
});

describe("access", () => {
  let issued: Awaited<ReturnType<typeof issuedGuarantee>>;
  let strangers: Awaited<ReturnType<typeof createGuaranteeParties>>;
  beforeAll(async () => {
    issued = await issuedGuarantee(testApp);
    strangers = await createGuaranteeParties(testApp);
  }, 120_000);

  type Kind = "CONTRACTOR" | "SURETY" | "ORDERER";
  /** Every route on one guarantee, with a body that passes the schema and the kinds of organisation it takes. */
  const routes = (id: string, surety: string): [string, string, unknown, Kind[]][] => [
    ["GET", `/api/guarantees/${id}`, undefined, ["CONTRACTOR", "SURETY"]],
    ["PUT", `/api/guarantees/${id}`, { ...applicationBody(surety), version: 1 }, ["CONTRACTOR"]],
    ["DELETE", `/api/guarantees/${id}`, undefined, ["CONTRACTOR"]],
    ["POST", `/api/guarantees/${id}/submit`, { version: 1 }, ["CONTRACTOR"]],
    ["POST", `/api/guarantees/${id}/request-correction`, { version: 1, reason: "x" }, ["SURETY"]],
    ["POST", `/api/guarantees/${id}/refuse`, { version: 1, reason: "x" }, ["SURETY"]],
    ["POST", `/api/guarantees/${id}/versions/prepare`, { action: "CHANGE", version: 1, reason: "x", amendment: { guaranteeAmount: 1 } }, ["SURETY"]],
    ["GET", `/api/guarantees/${id}/versions/1/certificate.pdf`, undefined, ["CONTRACTOR", "SURETY"]],
    ["GET", `/api/guarantees/${id}/versions/1/fee-statement.pdf`, undefined, ["CONTRACTOR", "SURETY"]],
    ["POST", `/api/guarantees/${id}/versions/1/sign`, { signedData: "AAAA", signedCertificatePdf: "AAAA" }, ["SURETY"]],
    ["POST", `/api/guarantees/${id}/rekey`, { version: 1 }, ["SURETY"]],
    ["GET", `/api/guarantees/${id}/auth-key`, undefined, ["CONTRACTOR", "SURETY"]],
    ["GET", `/api/guarantees/${id}/key-notice.pdf`, undefined, ["CONTRACTOR", "SURETY", "ORDERER"]],
    ["POST", `/api/guarantees/${id}/submit-key-notice`, { version: 1 }, ["CONTRACTOR"]],
    ["GET", `/api/guarantees/${id}/offline-file`, undefined, ["CONTRACTOR", "ORDERER"]],
  ];

  it("no session: 401 on every route", async () => {
    const all: [string, string, unknown][] = [
      ...routes(issued.guarantee.id, issued.surety.organization.id).map(([method, url, body]): [string, string, unknown] => [method, url, body]),
      ["GET", "/api/guarantees", undefined],
      ["POST", "/api/guarantees", {}],
      ["POST", "/api/guarantees/offline", undefined],
    ];
    for (const [method, url, body] of all) {
      const response = await call(method as "GET", url, undefined, body);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it("another contractor, surety or orderer: 404 on every route of its kind with the real id (403 on the others), and nothing of the guarantee", async () => {
    const users: [Kind, { auth: string }][] = [
      ["CONTRACTOR", strangers.contractor.representative],
      ["SURETY", strangers.surety.representative],
      ["ORDERER", strangers.orderer.representative],
    ];
    for (const [method, url, payload, kinds] of routes(issued.guarantee.id, issued.surety.organization.id)) {
      for (const [kind, user] of users) {
        const response = await call(method as "GET", url, user.auth, payload);
        expect(response.statusCode, `${kind} ${method} ${url}: ${response.body}`).toBe(kinds.includes(kind) ? 404 : 403);
        expect(response.body).not.toContain(issued.guarantee.guaranteeNumber as string);
        expect(response.body).not.toContain(issued.guarantee.worksTitle);
      }
    }
    // Nothing changed.
    const after = (await call("GET", `/api/guarantees/${issued.guarantee.id}`, issued.contractor.staff.auth)).json() as GuaranteeDetail;
    expect(after.version).toBe(issued.guarantee.version);
  });

  it("the wrong kind of organisation: 403", async () => {
    const id = issued.guarantee.id;
    expect((await call("GET", "/api/guarantees", issued.orderer.staff.auth)).statusCode).toBe(403);
    expect((await call("GET", `/api/guarantees/${id}`, issued.orderer.staff.auth)).statusCode).toBe(403);
    expect((await call("POST", "/api/guarantees", issued.surety.staff.auth, applicationBody(issued.surety.organization.id))).statusCode).toBe(403);
    expect((await call("POST", `/api/guarantees/${id}/submit`, issued.surety.staff.auth, { version: 1 })).statusCode).toBe(403);
    expect((await call("POST", `/api/guarantees/${id}/refuse`, issued.contractor.staff.auth, { version: 1, reason: "x" })).statusCode).toBe(403);
    expect((await call("POST", `/api/guarantees/${id}/versions/1/sign`, issued.contractor.staff.auth, { signedData: "AAAA", signedCertificatePdf: "AAAA" })).statusCode).toBe(403);
    const offline = multipart({ data: "{}" }, [pdfFile()], "file");
    expect((await testApp.app.inject({ method: "POST", url: "/api/guarantees/offline", headers: { ...offline.headers, authorization: issued.surety.staff.auth }, payload: offline.payload })).statusCode).toBe(403);
  });
});

describe("the OpenAPI document", () => {
  it("lists every guarantees route", async () => {
    const response = await testApp.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths as object).filter((path) => path.startsWith("/api/guarantees"));
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/guarantees",
        "/api/guarantees/offline",
        "/api/guarantees/{guaranteeId}",
        "/api/guarantees/{guaranteeId}/versions/prepare",
        "/api/guarantees/{guaranteeId}/versions/{number}/sign",
        "/api/guarantees/{guaranteeId}/versions/{number}/certificate.pdf",
        "/api/guarantees/{guaranteeId}/auth-key",
        "/api/guarantees/{guaranteeId}/key-notice.pdf",
      ]),
    );
  });
});
