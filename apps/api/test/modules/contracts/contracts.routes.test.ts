import { createHash, randomUUID } from "node:crypto";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTACTS_PER_SIDE_MAX, CONTRACT_ANNEX_MAX_BYTES } from "@pwp/shared/contracts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { addCounterparty, caller, createParties, createParty, draftBody, fieldsOf, type Party } from "./contract-fixtures.ts";

let testApp: TestApp;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  testApp = await buildTestApp();
  call = caller(testApp);
});
afterAll(() => testApp?.close());

async function createDraft(orderer: Party, contractor: Party, overrides: Parameters<typeof draftBody>[1] = {}) {
  const response = await call("POST", "/api/contracts", orderer.staff.auth, draftBody(contractor.organization.id, overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function send(orderer: Party, contract: { id: string; version: number }) {
  const response = await call("POST", `/api/contracts/${contract.id}/send`, orderer.staff.auth, { version: contract.version });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function onePagePdf(text = "Annex"): Promise<Buffer> {
  const document = await PDFDocument.create();
  const page = document.addPage([595, 842]);
  page.drawText(text, { x: 50, y: 780, size: 14, font: await document.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await document.save());
}

function putAnnex(auth: string, contractId: string, pdf: Buffer, query = "fileName=annex.pdf", contentType = "application/pdf") {
  return testApp.app.inject({
    method: "PUT",
    url: `/api/contracts/${contractId}/annex?${query}`,
    headers: { authorization: auth, "content-type": contentType },
    payload: pdf,
  });
}

const yearInKorea = () => new Date(Date.now() + 9 * 3_600_000).getUTCFullYear();

describe("creating a draft", () => {
  it("generates a number per orderer, takes the currency from the orderer's country and records the event", async () => {
    const { orderer, contractor } = await createParties(testApp);
    const first = await createDraft(orderer, contractor, { requiredGuarantees: ["CONTRACT_PERFORMANCE"] });
    const second = await createDraft(orderer, contractor);
    expect(first).toMatchObject({
      contractNumber: `C-${yearInKorea()}-000001`,
      title: "한누리초등학교 증축공사",
      amount: 1_234_567_890,
      currency: "KRW",
      status: "DRAFT",
      mySide: "ORDERER",
      awaitingSide: "ORDERER",
      worksStartDate: "2027-01-04",
      worksEndDate: "2027-12-24",
      contractDate: "2026-12-28",
      requiredGuarantees: ["CONTRACT_PERFORMANCE"],
      missingGuarantees: ["CONTRACT_PERFORMANCE"],
      guaranteeKeyNotices: [],
      version: 1,
      edition: 0,
      currentRevision: null,
      signatures: [],
      annex: null,
      allowedActions: ["EDIT", "DELETE", "SEND"],
      orderer: { id: orderer.organization.id, representativeName: "홍길동" },
      contractor: { id: contractor.organization.id },
      sentAt: null,
    });
    expect(first.contacts).toEqual([
      { side: "ORDERER", name: "김담당", department: "시설과", phone: "044-000-0000", email: "kim@example.test" },
      { side: "CONTRACTOR", name: "이현장", department: "", phone: "010-0000-0000", email: "" },
    ]);
    expect(second.contractNumber).toBe(`C-${yearInKorea()}-000002`);
    // Numbers are per orderer: another orderer starts at 1 again.
    const other = await createParties(testApp);
    expect((await createDraft(other.orderer, other.contractor)).contractNumber).toBe(`C-${yearInKorea()}-000001`);

    const events = await testApp.prisma.contractEvent.findMany({ where: { contractId: first.id } });
    expect(events.map((event) => event.kind)).toEqual(["CREATED"]);
    const audit = await testApp.prisma.auditEvent.findFirst({ where: { action: "contracts.created", targetId: first.id } });
    expect(audit?.actorUserId).toBe(orderer.staff.id);
    const stored = await testApp.prisma.contract.findUniqueOrThrow({ where: { id: first.id }, select: { amount: true } });
    expect(stored.amount).toBe(1_234_567_890n);
  });

  it("keeps the largest amount exact and uses yen for a Japanese orderer", async () => {
    const { orderer, contractor } = await createParties(testApp, "JP");
    const contract = await createDraft(orderer, contractor, { amount: 999_999_999_999_999 });
    expect(contract.currency).toBe("JPY");
    expect(contract.amount).toBe(999_999_999_999_999);
  });

  it("takes an entered number once per orderer and refuses a duplicate with 409 naming it", async () => {
    const { orderer, contractor } = await createParties(testApp);
    await createDraft(orderer, contractor, { contractNumber: "2026-W-1" });
    const duplicate = await call("POST", "/api/contracts", orderer.staff.auth, draftBody(contractor.organization.id, { contractNumber: "2026-W-1" }));
    expect(duplicate.statusCode).toBe(409);
    expect(fieldsOf(duplicate.json())).toEqual(["body.contractNumber"]);
  });

  it("creates distinct generated numbers when drafts are created at the same time", async () => {
    const { orderer, contractor } = await createParties(testApp);
    const responses = await Promise.all(
      Array.from({ length: 3 }, () => call("POST", "/api/contracts", orderer.staff.auth, draftBody(contractor.organization.id))),
    );
    expect(responses.map((response) => response.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(responses.map((response) => response.json().contractNumber)).size).toBe(3);
  });

  it("accepts only an approved contractor from the orderer's counterparty list", async () => {
    const { orderer } = await createParties(testApp);
    const stranger = await createParty(testApp, "CONTRACTOR");
    const anotherOrderer = await createParty(testApp, "ORDERER");
    await addCounterparty(testApp, orderer, anotherOrderer);
    const pending = await createParty(testApp, "CONTRACTOR");
    await addCounterparty(testApp, orderer, pending);
    await testApp.prisma.organization.update({ where: { id: pending.organization.id }, data: { status: "ON_HOLD" } });
    for (const id of [stranger.organization.id, anotherOrderer.organization.id, pending.organization.id, randomUUID()]) {
      const response = await call("POST", "/api/contracts", orderer.staff.auth, draftBody(id));
      expect(response.statusCode, id).toBe(400);
      expect(fieldsOf(response.json())).toEqual(["body.contractorOrganizationId"]);
    }
  });

  it.each([
    [{ worksStartDate: "2027-12-25", worksEndDate: "2027-12-24" }, ["body.worksEndDate"]],
    [{ amount: 1.5 }, ["body.amount"]],
    [{ amount: 0 }, ["body.amount"]],
    [{ amount: 1_000_000_000_000_000 }, ["body.amount"]],
    [{ amount: "1000" }, ["body.amount"]],
    [{ title: "   " }, ["body.title"]],
    [{ title: "x".repeat(201) }, ["body.title"]],
    [{ contractDate: "2026-02-30" }, ["body.contractDate"]],
    [{ worksStartDate: "2027/01/04" }, ["body.worksStartDate"]],
    [{ contractNumber: "../etc" }, ["body.contractNumber"]],
    [{ requiredGuarantees: ["BID"] }, ["body.requiredGuarantees.0"]],
    [{ requiredGuarantees: ["ADVANCE_PAYMENT", "ADVANCE_PAYMENT"] }, ["body.requiredGuarantees"]],
    [{ termsSections: [{ heading: "제1조", body: "" }] }, ["body.termsSections.0.body"]],
    [{ contacts: [{ side: "ORDERER", name: "김", email: "not-an-email" }] }, ["body.contacts.0.email"]],
    [{ contacts: [{ side: "ORDERER", name: "김" }, { side: "CONTRACTOR", name: "이", phone: "call me" }] }, ["body.contacts.1.phone"]],
    [{ contacts: [{ side: "BOTH", name: "김" }] }, ["body.contacts.0.side"]],
    [{ contacts: Array.from({ length: CONTACTS_PER_SIDE_MAX + 1 }, (_, i) => ({ side: "ORDERER", name: `담당 ${i}` })) }, ["body.contacts"]],
    [{ unexpected: true }, ["body.unexpected"]],
  ])("refuses %j naming the field", async (override, fields) => {
    const { orderer, contractor } = await createParties(testApp);
    const response = await call("POST", "/api/contracts", orderer.staff.auth, { ...draftBody(contractor.organization.id), ...override });
    expect(response.statusCode, response.body).toBe(400);
    expect(fieldsOf(response.json())).toEqual(fields);
  });

  it("is for orderers: a contractor or a surety gets 403, no session 401", async () => {
    const { contractor } = await createParties(testApp);
    const surety = await createParty(testApp, "SURETY");
    expect((await call("POST", "/api/contracts", contractor.staff.auth, draftBody(contractor.organization.id))).statusCode).toBe(403);
    expect((await call("POST", "/api/contracts", surety.staff.auth, draftBody(contractor.organization.id))).statusCode).toBe(403);
    expect((await call("POST", "/api/contracts", undefined, draftBody(contractor.organization.id))).statusCode).toBe(401);
  });
});

describe("who sees a contract", () => {
  /** Every route of one contract, with a body that would be valid for it. */
  function everyRoute(contract: { id: string; version: number }, contractorOrganizationId: string) {
    const base = `/api/contracts/${contract.id}`;
    return [
      ["GET", base, undefined],
      ["PUT", base, { ...draftBody(contractorOrganizationId), contractNumber: "X-1", version: contract.version }],
      ["DELETE", base, undefined],
      ["DELETE", `${base}/annex`, undefined],
      ["POST", `${base}/send`, { version: contract.version }],
      ["POST", `${base}/return`, { version: contract.version, reason: "금액 오류" }],
      ["POST", `${base}/cancel`, { version: contract.version, reason: "사업 취소" }],
      ["GET", `${base}/pdf`, undefined],
      ["GET", `${base}/timeline`, undefined],
      ["GET", `${base}/signature-report`, undefined],
      ["POST", `${base}/signatures`, { edition: 1, revision: 0, signedPdf: Buffer.from("%PDF-1.7").toString("base64") }],
    ] as const;
  }

  it("hides a draft from the contractor, and every contract from other organisations, on every route", async () => {
    const { orderer, contractor } = await createParties(testApp);
    const draft = await createDraft(orderer, contractor, { title: "비공개 초안 공사" });
    const outsiders = [contractor, await createParty(testApp, "ORDERER"), await createParty(testApp, "CONTRACTOR")];
    for (const outsider of outsiders) {
      for (const [method, url, payload] of everyRoute(draft, contractor.organization.id)) {
        const response = await call(method, url, outsider.staff.auth, payload);
        expect(response.statusCode, `${method} ${url}`).toBe(404);
        expect(response.body).not.toContain("비공개");
      }
      const annex = await putAnnex(outsider.staff.auth, draft.id, await onePagePdf());
      expect(annex.statusCode).toBe(404);
      const list = await call("GET", "/api/contracts", outsider.staff.auth);
      expect(list.json().items.map((item: { id: string }) => item.id)).not.toContain(draft.id);
    }
    // Still there for its orderer.
    expect((await call("GET", `/api/contracts/${draft.id}`, orderer.representative.auth)).statusCode).toBe(200);
  });

  it("answers 401 without a session and 403 to organisations that are neither orderer nor contractor", async () => {
    const { orderer, contractor } = await createParties(testApp);
    const draft = await createDraft(orderer, contractor);
    const surety = await createParty(testApp, "SURETY");
    expect((await call("GET", "/api/contracts")).statusCode).toBe(401);
    expect((await call("GET", "/api/contracts", surety.staff.auth)).statusCode).toBe(403);
    for (const [method, url, payload] of everyRoute(draft, contractor.organization.id)) {
      expect((await call(method, url, undefined, payload)).statusCode, `${method} ${url}`).toBe(401);
      expect((await call(method, url, surety.staff.auth, payload)).statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await putAnnex("", draft.id, await onePagePdf())).statusCode).toBe(401);
  });

  it("refuses ids that are not UUIDs with 400 naming the parameter", async () => {
    const { orderer } = await createParties(testApp);
    const response = await call("GET", "/api/contracts/not-a-uuid", orderer.staff.auth);
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())).toEqual(["params.contractId"]);
  });
});

describe("editing and deleting a draft", () => {
  it("edits with the current version, replaces the contacts and records an event; a stale version gets 409", async () => {
    const { orderer, contractor } = await createParties(testApp);
    const draft = await createDraft(orderer, contractor);
    const body = { ...draftBody(contractor.organization.id), contractNumber: draft.contractNumber, title: "증축공사 (변경)", amount: 2_000_000_000, contacts: [], version: 1 };
    const edited = await call("PUT", `/api/contracts/${draft.id}`, orderer.representative.auth, body);
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ title: "증축공사 (변경)", amount: 2_000_000_000, contacts: [], version: 2, status: "DRAFT" });

    const stale = await call("PUT", `/api/contracts/${draft.id}`, orderer.staff.auth, { ...body, title: "덮어쓰기" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.currentState).toBe("DRAFT");
    const kinds = (await testApp.prisma.contractEvent.findMany({ where: { contractId: draft.id }, orderBy: { createdAt: "asc" } })).map((e) => e.kind);
    expect(kinds).toEqual(["CREATED", "UPDATED"]);
  });

  it("refuses an edit to a number the orderer already uses, and bad fields as on creation", async () => {
    const { orderer, contractor } = await createParties(testApp);
    const first = await createDraft(orderer, contractor);
    const second = await createDraft(orderer, contractor);
    const duplicate = await call("PUT", `/api/contracts/${second.id}`, orderer.staff.auth, { ...draftBody(contractor.organization.id), contractNumber: first.contractNumber, version: 1 });
    expect(duplicate.statusCode).toBe(409);
    expect(fieldsOf(duplicate.json())).toEqual(["body.contractNumber"]);
    const backwards = await call("PUT", `/api/contracts/${second.id}`, orderer.staff.auth, {
      ...draftBody(contractor.organization.id, { worksStartDate: "2028-01-01" }),
      contractNumber: second.contractNumber,
      version: 1,
    });
    expect(fieldsOf(backwards.json())).toEqual(["body.worksEndDate"]);
    const noVersion = await call("PUT", `/api/contracts/${second.id}`, orderer.staff.auth, { ...draftBody(contractor.organization.id), contractNumber: "N-1" });
    expect(fieldsOf(noVersion.json())).toEqual(["body.version"]);
  });

  it("deletes a draft (204) with its events; it is gone afterwards", async () => {
    const { orderer, contractor } = await createParties(testApp);
    const draft = await createDraft(orderer, contractor);
    const deleted = await call("DELETE", `/api/contracts/${draft.id}`, orderer.staff.auth);
    expect(deleted.statusCode).toBe(204);
    expect((await call("GET", `/api/contracts/${draft.id}`, orderer.staff.auth)).statusCode).toBe(404);
    expect(await testApp.prisma.contractEvent.count({ where: { contractId: draft.id } })).toBe(0);
    expect(await testApp.prisma.auditEvent.count({ where: { action: "contracts.deleted", targetId: draft.id } })).toBe(1);
  });
});

describe("the annex", () => {
  it("attaches a PDF with its name (Korean kept) and size, replaces and removes it", async () => {
    const { orderer, contractor } = await createParties(testApp);
    const draft = await createDraft(orderer, contractor);
    const pdf = await onePagePdf();
    const attached = await putAnnex(orderer.staff.auth, draft.id, pdf, `fileName=${encodeURIComponent("특수조건 (별첨).pdf")}&version=1`);
    expect(attached.statusCode, attached.body).toBe(200);
    expect(attached.json().annex).toEqual({ fileName: "특수조건 (별첨).pdf", size: pdf.byteLength, sha256: createHash("sha256").update(pdf).digest("hex") });
    expect(attached.json().version).toBe(2);

    const viaHeader = await testApp.app.inject({
      method: "PUT",
      url: `/api/contracts/${draft.id}/annex`,
      headers: { authorization: orderer.staff.auth, "content-type": "application/pdf", "x-file-name": encodeURIComponent("仕様書") },
      payload: await onePagePdf("second"),
    });
    expect(viaHeader.json().annex.fileName).toBe("仕様書.pdf");

    const stale = await putAnnex(orderer.staff.auth, draft.id, pdf, "fileName=a.pdf&version=1");
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.currentState).toBe("DRAFT");

    const removed = await call("DELETE", `/api/contracts/${draft.id}/annex`, orderer.staff.auth);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().annex).toBeNull();
  });

  it.each([
    ["text that is not a PDF", Buffer.from("hello, this is not a PDF")],
    ["a damaged PDF", Buffer.from("%PDF-1.7\n%garbage without objects\n")],
    ["an empty body", Buffer.alloc(0)],
  ])("refuses %s naming body", async (_name, payload) => {
    const { orderer, contractor } = await createParties(testApp);
    const draft = await createDraft(orderer, contractor);
    const response = await putAnnex(orderer.staff.auth, draft.id, payload);
    expect(response.statusCode, response.body).toBe(400);
    expect(fieldsOf(response.json())).toEqual(["body"]);
  });

  it("refuses another content type (415) and a file over the limit (413)", async () => {
    const { orderer, contractor } = await createParties(testApp);
    const draft = await createDraft(orderer, contractor);
    const json = await call("PUT", `/api/contracts/${draft.id}/annex`, orderer.staff.auth, { pdf: "no" });
    expect(json.statusCode).toBe(415);
    const huge = Buffer.concat([await onePagePdf(), Buffer.alloc(CONTRACT_ANNEX_MAX_BYTES)]);
    expect((await putAnnex(orderer.staff.auth, draft.id, huge)).statusCode).toBe(413);
  });
});

describe("the list", () => {
  it("filters by status, side, search text and what waits on the caller, newest change first, page by page", async () => {
    const { orderer, contractor } = await createParties(testApp);
    const a = await createDraft(orderer, contractor, { title: "Alpha 도로 포장" });
    const b = await createDraft(orderer, contractor, { title: "Bravo 교량 50% 보수", contractNumber: "ROAD_50" });
    const c = await createDraft(orderer, contractor, { title: "Charlie 하천 정비" });
    const list = async (query: string, auth = orderer.staff.auth) => {
      const response = await call("GET", `/api/contracts?${query}`, auth);
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    expect((await list("")).items.map((item: { id: string }) => item.id)).toEqual([c.id, b.id, a.id]);
    expect((await list("q=bravo")).items.map((item: { id: string }) => item.id)).toEqual([b.id]);
    expect((await list("q=50%25")).items.map((item: { id: string }) => item.id)).toEqual([b.id]);
    expect((await list("q=%25")).items.map((item: { id: string }) => item.id)).toEqual([b.id]);
    expect((await list("q=road_")).items.map((item: { id: string }) => item.id)).toEqual([b.id]);
    expect((await list("q=교량")).items.map((item: { id: string }) => item.id)).toEqual([b.id]);
    expect((await list("status=SENT")).items).toEqual([]);
    expect((await list("awaitingMe=true")).items).toHaveLength(3);
    expect((await list("side=CONTRACTOR")).items).toEqual([]);
    expect((await list("", contractor.staff.auth)).items).toEqual([]);
    expect((await list("")).items[0]).toMatchObject({ mySide: "ORDERER", awaitingSide: "ORDERER", currency: "KRW" });

    const first = await list("limit=2");
    expect(first.items.map((item: { id: string }) => item.id)).toEqual([c.id, b.id]);
    const second = await list(`limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((item: { id: string }) => item.id)).toEqual([a.id]);
    expect(second.nextCursor).toBeNull();
  });

  it.each([
    ["cursor=nonsense", "querystring.cursor"],
    ["limit=0", "querystring.limit"],
    ["status=SIGNED", "querystring.status"],
    ["side=SURETY", "querystring.side"],
  ])("refuses %s", async (query, field) => {
    const { orderer } = await createParties(testApp);
    const response = await call("GET", `/api/contracts?${query}`, orderer.staff.auth);
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())).toEqual([field]);
  });
});

describe("sending, returning, revising and cancelling", () => {
  it("sends the rendered PDF, which the contractor sees, downloads and can return with a reason", async () => {
    const { orderer, contractor } = await createParties(testApp);
    const draft = await createDraft(orderer, contractor);
    expect((await call("GET", `/api/contracts/${draft.id}/pdf`, orderer.staff.auth)).statusCode).toBe(404);

    const sent = await send(orderer, draft);
    expect(sent).toMatchObject({ status: "SENT", edition: 1, version: 2, awaitingSide: "CONTRACTOR", allowedActions: ["CANCEL"] });
    expect(sent.currentRevision).toMatchObject({ edition: 1, revision: 0 });
    expect(sent.sentAt).not.toBeNull();

    // The contractor is notified in-app: the contract waits on it in its list.
    const waiting = await call("GET", "/api/contracts?awaitingMe=true", contractor.staff.auth);
    expect(waiting.json().items.map((item: { id: string }) => item.id)).toEqual([draft.id]);
    expect(waiting.json().items[0].mySide).toBe("CONTRACTOR");
    // The representative may sign; a staff member without a delegation may only return it.
    expect((await call("GET", `/api/contracts/${draft.id}`, contractor.representative.auth)).json().allowedActions).toEqual(["RETURN", "SIGN"]);
    expect((await call("GET", `/api/contracts/${draft.id}`, contractor.staff.auth)).json().allowedActions).toEqual(["RETURN"]);

    const pdf = await call("GET", `/api/contracts/${draft.id}/pdf`, contractor.staff.auth);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["cache-control"]).toContain("private");
    expect(pdf.headers.etag).toBe(`"${sent.currentRevision.sha256}"`);
    expect(pdf.headers["content-disposition"]).toBe(
      `attachment; filename="${sent.contractNumber}_1-0.pdf"; filename*=UTF-8''${encodeURIComponent(`${sent.contractNumber}_1-0.pdf`)}`,
    );
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect(createHash("sha256").update(pdf.rawPayload).digest("hex")).toBe(sent.currentRevision.sha256);
    expect(pdf.rawPayload.byteLength).toBe(sent.currentRevision.size);
    const cached = await testApp.app.inject({
      method: "GET",
      url: `/api/contracts/${draft.id}/pdf`,
      headers: { authorization: contractor.staff.auth, "if-none-match": pdf.headers.etag as string },
    });
    expect(cached.statusCode).toBe(304);
    expect((await call("GET", `/api/contracts/${draft.id}/pdf?edition=2`, orderer.staff.auth)).statusCode).toBe(404);
    expect((await call("GET", `/api/contracts/${draft.id}/pdf?edition=1&revision=1`, orderer.staff.auth)).statusCode).toBe(404);

    const noReason = await call("POST", `/api/contracts/${draft.id}/return`, contractor.staff.auth, { version: 2, reason: "  " });
    expect(fieldsOf(noReason.json())).toEqual(["body.reason"]);
    const returned = await call("POST", `/api/contracts/${draft.id}/return`, contractor.staff.auth, { version: 2, reason: "공사기간이 착공일과 맞지 않습니다." });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: "RETURNED", awaitingSide: "ORDERER", version: 3, allowedActions: [] });
  });

  it("keeps showing the contractor what it was sent while the orderer revises, then sends edition 2", async () => {
    const { orderer, contractor } = await createParties(testApp);
    const draft = await createDraft(orderer, contractor, { title: "원래 공사명" });
    await send(orderer, draft);
    await call("POST", `/api/contracts/${draft.id}/return`, contractor.staff.auth, { version: 2, reason: "금액 확인 요망" });
    const revised = await call("PUT", `/api/contracts/${draft.id}`, orderer.staff.auth, {
      ...draftBody(contractor.organization.id, { title: "수정 중인 공사명", amount: 5 }),
      contractNumber: draft.contractNumber,
      version: 3,
    });
    expect(revised.statusCode, revised.body).toBe(200);
    expect(revised.json()).toMatchObject({ status: "RETURNED", title: "수정 중인 공사명", amount: 5, allowedActions: ["EDIT", "SEND", "CANCEL"] });

    const contractorView = (await call("GET", `/api/contracts/${draft.id}`, contractor.staff.auth)).json();
    expect(contractorView).toMatchObject({ status: "RETURNED", title: "원래 공사명", amount: 1_234_567_890 });
    expect(JSON.stringify(contractorView)).not.toContain("수정 중인");
    const contractorList = (await call("GET", "/api/contracts", contractor.staff.auth)).json();
    expect(contractorList.items[0].title).toBe("원래 공사명");
    const contractorTimeline = (await call("GET", `/api/contracts/${draft.id}/timeline`, contractor.staff.auth)).json();
    expect(contractorTimeline.events.map((event: { kind: string }) => event.kind)).toEqual(["CREATED", "SENT", "RETURNED"]);

    // Once sent, the contractor cannot be swapped for another firm.
    const other = await createParty(testApp, "CONTRACTOR");
    await addCounterparty(testApp, orderer, other);
    const swapped = await call("PUT", `/api/contracts/${draft.id}`, orderer.staff.auth, {
      ...draftBody(other.organization.id),
      contractNumber: draft.contractNumber,
      version: 4,
    });
    expect(fieldsOf(swapped.json())).toEqual(["body.contractorOrganizationId"]);

    const resent = await send(orderer, { id: draft.id, version: 4 });
    expect(resent).toMatchObject({ status: "SENT", edition: 2, currentRevision: { edition: 2, revision: 0 } });
    const contractorNow = (await call("GET", `/api/contracts/${draft.id}`, contractor.staff.auth)).json();
    expect(contractorNow.title).toBe("수정 중인 공사명");
    const firstEdition = await call("GET", `/api/contracts/${draft.id}/pdf?edition=1`, contractor.staff.auth);
    expect(firstEdition.statusCode).toBe(200);
    expect(firstEdition.headers.etag).not.toBe(`"${resent.currentRevision.sha256}"`);

    const timeline = (await call("GET", `/api/contracts/${draft.id}/timeline`, orderer.staff.auth)).json();
    expect(timeline.events.map((event: { kind: string; edition: number }) => `${event.kind}:${event.edition}`)).toEqual([
      "CREATED:0",
      "SENT:1",
      "RETURNED:1",
      "UPDATED:1",
      "SENT:2",
    ]);
    const returnEvent = timeline.events[2];
    expect(returnEvent).toMatchObject({
      reason: "금액 확인 요망",
      actor: { userId: contractor.staff.id, name: contractor.staff.name, organizationId: contractor.organization.id, organizationName: contractor.organization.nameLocal },
    });
  });

  it("refuses every step the state machine does not allow with 409 and the current state", async () => {
    const { orderer, contractor } = await createParties(testApp);
    const draft = await createDraft(orderer, contractor);
    const base = `/api/contracts/${draft.id}`;
    const expectConflict = async (response: Awaited<ReturnType<typeof call>>, state: string) => {
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json().error.currentState).toBe(state);
    };
    await expectConflict(await call("POST", `${base}/return`, orderer.staff.auth, { version: 1, reason: "x" }), "DRAFT");
    await expectConflict(await call("POST", `${base}/cancel`, orderer.staff.auth, { version: 1, reason: "x" }), "DRAFT");
    await expectConflict(await call("POST", `${base}/send`, orderer.staff.auth, { version: 7 }), "DRAFT");

    await send(orderer, draft);
    await expectConflict(await call("POST", `${base}/send`, orderer.staff.auth, { version: 2 }), "SENT");
    await expectConflict(await call("DELETE", base, orderer.staff.auth), "SENT");
    await expectConflict(await call("PUT", base, orderer.staff.auth, { ...draftBody(contractor.organization.id), contractNumber: "N", version: 2 }), "SENT");
    await expectConflict(await putAnnex(orderer.staff.auth, draft.id, await onePagePdf()), "SENT");
    await expectConflict(await call("POST", `${base}/return`, orderer.staff.auth, { version: 2, reason: "x" }), "SENT");
    await expectConflict(await call("POST", `${base}/cancel`, contractor.staff.auth, { version: 2, reason: "x" }), "SENT");
    await expectConflict(await call("POST", `${base}/send`, contractor.staff.auth, { version: 2 }), "SENT");
    await expectConflict(await call("POST", `${base}/return`, contractor.staff.auth, { version: 1, reason: "stale" }), "SENT");

    const cancelled = await call("POST", `${base}/cancel`, orderer.staff.auth, { version: 2, reason: "예산 불용" });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: "CANCELLED", awaitingSide: null, allowedActions: [] });
    expect(cancelled.json().cancelledAt).not.toBeNull();
    await expectConflict(await call("POST", `${base}/return`, contractor.staff.auth, { version: 3, reason: "x" }), "CANCELLED");
    await expectConflict(await call("POST", `${base}/cancel`, orderer.staff.auth, { version: 3, reason: "x" }), "CANCELLED");
    const timeline = (await call("GET", `${base}/timeline`, contractor.staff.auth)).json();
    expect(timeline.events.at(-1)).toMatchObject({ kind: "CANCELLED", reason: "예산 불용" });
  });

  it("lets exactly one of two racing returns through", async () => {
    const { orderer, contractor } = await createParties(testApp);
    const draft = await createDraft(orderer, contractor);
    await send(orderer, draft);
    const responses = await Promise.all([
      call("POST", `/api/contracts/${draft.id}/return`, contractor.staff.auth, { version: 2, reason: "첫째" }),
      call("POST", `/api/contracts/${draft.id}/return`, contractor.representative.auth, { version: 2, reason: "둘째" }),
    ]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    expect(await testApp.prisma.contractEvent.count({ where: { contractId: draft.id, kind: "RETURNED" } })).toBe(1);
  });
});
