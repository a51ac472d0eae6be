// The review of applications by ops, the applicant's status page and answers, and who may see what.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, makeRegistrationNumber } from "../../support/fixtures.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import {
  APPLICANT_PASSWORD,
  applyAndSignIn,
  bearer,
  multipart,
  pdfFile,
  pngFile,
  signIn,
  signInMember,
  signInOps,
} from "./registration-helpers.ts";

const SIGNED_IN_PROBE = "/api/test/signed-in-probe";

let testApp: TestApp;
let ops: { token: string; user: { id: string; name: string } };
beforeAll(async () => {
  testApp = await buildTestApp();
  // A route open to "signed-in" users only (approved organisations), as every business route will be.
  testApp.app.get(SIGNED_IN_PROBE, { config: { permission: "signed-in" } }, async () => ({ ok: true }));
  ops = await signInOps(testApp.app, testApp.prisma, "오운영 심사관");
});
afterAll(() => testApp?.close());

function decide(organizationId: string, body: Record<string, unknown>, token = ops.token) {
  return testApp.app.inject({
    method: "POST",
    url: `/api/admin/registrations/${organizationId}/decision`,
    headers: bearer(token),
    payload: body,
  });
}

function getOwn(token: string) {
  return testApp.app.inject({ method: "GET", url: "/api/registration", headers: bearer(token) });
}

function addDocuments(token: string, files = [pdfFile("answer.pdf")], message?: string) {
  const body = multipart(message === undefined ? {} : { message }, files);
  return testApp.app.inject({
    method: "POST",
    url: "/api/registration/documents",
    payload: body.payload,
    headers: { ...body.headers, ...bearer(token) },
  });
}

describe("the whole review: hold, answer, approve", () => {
  it("goes PENDING → ON_HOLD → PENDING → APPROVED and lets the representative in afterwards", async () => {
    const applicant = await applyAndSignIn(testApp.app);
    const { organizationId } = applicant;

    // Still under review: the status page yes, business routes no.
    expect((await getOwn(applicant.token)).statusCode).toBe(200);
    const refused = await testApp.app.inject({ method: "GET", url: SIGNED_IN_PROBE, headers: bearer(applicant.token) });
    expect(refused.statusCode).toBe(403);

    // It waits in the queue.
    const queue = await testApp.app.inject({ method: "GET", url: "/api/admin/registrations?limit=100", headers: bearer(ops.token) });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items).toContainEqual(expect.objectContaining({ id: organizationId, status: "PENDING", documentCount: 1 }));

    // Holding needs a reason.
    const noReason = await decide(organizationId, { decision: "ON_HOLD", reason: "  " });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toEqual([{ field: "body.reason", message: expect.stringContaining("required") }]);

    const missing = "법인등기부등본을 추가로 제출해 주십시오.";
    const hold = await decide(organizationId, { decision: "ON_HOLD", reason: missing });
    expect(hold.statusCode).toBe(200);
    expect(hold.json()).toEqual({ organizationId, status: "ON_HOLD", linkedCounterparties: 0 });

    // The applicant reads what is missing; the decider appears only as "operator".
    const onHold = await getOwn(applicant.token);
    expect(onHold.json().status).toBe("ON_HOLD");
    expect(onHold.json().history.at(-1)).toMatchObject({ status: "ON_HOLD", reason: missing, decidedBy: "operator" });
    expect(onHold.body).not.toContain(ops.user.name);
    expect(onHold.body).not.toContain(ops.user.id);

    // A decision on an application on hold is refused: it waits for the applicant.
    expect((await decide(organizationId, { decision: "APPROVED", reason: "" })).statusCode).toBe(409);

    // The applicant answers with a document and a message: back in the queue.
    const answer = await addDocuments(applicant.token, [pdfFile("법인등기부등본.pdf")], "첨부했습니다.");
    expect(answer.statusCode).toBe(200);
    expect(answer.json().status).toBe("PENDING");
    expect(answer.json().history.at(-1)).toMatchObject({ status: "PENDING", reason: "첨부했습니다.", decidedBy: null });
    expect(answer.json().documents.map((d: { fileName: string }) => d.fileName)).toEqual(["business-registration.pdf", "법인등기부등본.pdf"]);

    // Ops sees the whole story, with names.
    const detail = await testApp.app.inject({ method: "GET", url: `/api/admin/registrations/${organizationId}`, headers: bearer(ops.token) });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().applicant).toEqual({
      name: applicant.application.user.name,
      email: applicant.application.user.email.toLowerCase(),
      loginId: applicant.application.user.loginId,
    });
    expect(detail.json().history.map((h: { status: string; decidedBy: string | null }) => [h.status, h.decidedBy])).toEqual([
      ["PENDING", null],
      ["ON_HOLD", "오운영 심사관"],
      ["PENDING", null],
    ]);

    const approve = await decide(organizationId, { decision: "APPROVED", reason: "" });
    expect(approve.statusCode).toBe(200);
    expect(approve.json().status).toBe("APPROVED");

    // A new sign-in carries APPROVED and opens business routes; the old token still says PENDING until refreshed.
    const session = await signIn(testApp.app, applicant.application.user.email, APPLICANT_PASSWORD);
    expect(session.status).toBe("APPROVED");
    const allowed = await testApp.app.inject({ method: "GET", url: SIGNED_IN_PROBE, headers: bearer(session.token) });
    expect(allowed.statusCode).toBe(200);
    const refreshed = await testApp.app.inject({ method: "POST", url: "/api/auth/refresh", cookies: { pwp_refresh: session.refreshCookie } });
    expect(refreshed.json().user.organization.status).toBe("APPROVED");
    // The approved organisation still sees its application and history.
    expect((await getOwn(session.token)).json().status).toBe("APPROVED");

    const actions = await testApp.prisma.auditEvent.findMany({
      where: { targetType: "Organization", targetId: organizationId },
      orderBy: { id: "asc" },
      select: { action: true, actorUserId: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "registration.submitted",
      "registration.put_on_hold",
      "registration.resubmitted",
      "registration.approved",
    ]);
    expect(actions[1]?.actorUserId).toBe(ops.user.id);
  });

  it("lets a pending applicant add documents without changing the status or the history", async () => {
    const applicant = await applyAndSignIn(testApp.app);
    const added = await addDocuments(applicant.token, [pngFile("추가.png")]);
    expect(added.statusCode).toBe(200);
    expect(added.json().status).toBe("PENDING");
    expect(added.json().history).toHaveLength(1);
    expect(added.json().documents).toHaveLength(2);
    expect(await testApp.prisma.auditEvent.count({ where: { action: "registration.documents_added", targetId: applicant.organizationId } })).toBe(1);

    const nothing = await addDocuments(applicant.token, []);
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().error.fields[0].field).toBe("documents");
  });

  it("refuses a fake PDF in an answer, naming the file", async () => {
    const applicant = await applyAndSignIn(testApp.app);
    const fake = { fileName: "not-really.pdf", contentType: "application/pdf", content: Buffer.from("hello") };
    const response = await addDocuments(applicant.token, [fake]);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields[0].message).toContain("not-really.pdf");
  });
});

describe("refused transitions", () => {
  it("refuses approving twice, and rejecting an approved application", async () => {
    const { organizationId } = await applyAndSignIn(testApp.app);
    expect((await decide(organizationId, { decision: "APPROVED", reason: "서류 확인 완료" })).statusCode).toBe(200);
    const again = await decide(organizationId, { decision: "APPROVED", reason: "" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("APPROVED") });
    expect((await decide(organizationId, { decision: "REJECTED", reason: "too late" })).statusCode).toBe(409);
    expect(await testApp.prisma.registrationReview.count({ where: { organizationId } })).toBe(2);
  });

  it("refuses any decision and any upload after a rejection", async () => {
    const applicant = await applyAndSignIn(testApp.app);
    const noReason = await decide(applicant.organizationId, { decision: "REJECTED", reason: "" });
    expect(noReason.statusCode).toBe(400);
    expect((await decide(applicant.organizationId, { decision: "REJECTED", reason: "사업자 정보 불일치" })).statusCode).toBe(200);
    expect((await decide(applicant.organizationId, { decision: "APPROVED", reason: "" })).statusCode).toBe(409);
    expect((await decide(applicant.organizationId, { decision: "ON_HOLD", reason: "x" })).statusCode).toBe(409);
    const upload = await addDocuments(applicant.token);
    expect(upload.statusCode).toBe(409);
    expect(await testApp.prisma.registrationDocument.count({ where: { organizationId: applicant.organizationId } })).toBe(1);

    const view = await getOwn(applicant.token);
    expect(view.json()).toMatchObject({ status: "REJECTED", history: [{ status: "PENDING" }, { status: "REJECTED", reason: "사업자 정보 불일치" }] });
  });

  it("refuses an upload after approval", async () => {
    const applicant = await applyAndSignIn(testApp.app);
    await decide(applicant.organizationId, { decision: "APPROVED", reason: "" });
    expect((await addDocuments(applicant.token)).statusCode).toBe(409);
  });

  it("refuses an unknown decision and an over-long reason", async () => {
    const { organizationId } = await applyAndSignIn(testApp.app);
    const unknown = await decide(organizationId, { decision: "PENDING", reason: "" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].field).toBe("body.decision");
    const long = await decide(organizationId, { decision: "REJECTED", reason: "x".repeat(2001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields[0].field).toBe("body.reason");
  });

  it("lets exactly one of two simultaneous decisions win", async () => {
    const { organizationId } = await applyAndSignIn(testApp.app);
    const other = await signInOps(testApp.app, testApp.prisma, "Second Reviewer");
    const responses = await Promise.all([
      decide(organizationId, { decision: "APPROVED", reason: "" }),
      decide(organizationId, { decision: "REJECTED", reason: "duplicate application" }, other.token),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const reviews = await testApp.prisma.registrationReview.findMany({ where: { organizationId, decidedById: { not: null } } });
    expect(reviews).toHaveLength(1);
    const winner = responses.find((r) => r.statusCode === 200)!.json();
    const organization = await testApp.prisma.organization.findUniqueOrThrow({ where: { id: organizationId } });
    expect(organization.status).toBe(winner.status);
    expect(reviews[0]?.status).toBe(winner.status);
  });
});

describe("approval links counterparties", () => {
  it("points every member's counterparty entry with the same country and number at the approved organisation", async () => {
    const registrationNumber = makeRegistrationNumber("KR");
    const owners = await Promise.all([
      createUser(testApp.prisma, { kind: "ORDERER" }),
      createUser(testApp.prisma, { kind: "SURETY" }),
      createUser(testApp.prisma, { kind: "CONTRACTOR" }),
    ]);
    const entries = await Promise.all(
      owners.slice(0, 2).map(({ organization }) =>
        testApp.prisma.counterparty.create({
          data: { ownerOrganizationId: organization.id, kind: "CONTRACTOR", country: "KR", registrationNumber, name: "새봄건설" },
        }),
      ),
    );
    // The same digits in the other country are another organisation.
    const elsewhere = await testApp.prisma.counterparty.create({
      data: { ownerOrganizationId: owners[2]!.organization.id, kind: "CONTRACTOR", country: "JP", registrationNumber, name: "別会社" },
    });

    const { organizationId } = await applyAndSignIn(testApp.app, { registrationNumber });
    // Not before the approval.
    await decide(organizationId, { decision: "ON_HOLD", reason: "사업자등록증 사본이 흐립니다." });
    expect(await testApp.prisma.counterparty.count({ where: { organizationId } })).toBe(0);
    await testApp.prisma.organization.update({ where: { id: organizationId }, data: { status: "PENDING" } });

    const approve = await decide(organizationId, { decision: "APPROVED", reason: "" });
    expect(approve.json().linkedCounterparties).toBe(2);
    const linked = await testApp.prisma.counterparty.findMany({ where: { id: { in: [...entries.map((e) => e.id), elsewhere.id] } } });
    expect(Object.fromEntries(linked.map((c) => [c.id, c.organizationId]))).toEqual({
      [entries[0]!.id]: organizationId,
      [entries[1]!.id]: organizationId,
      [elsewhere.id]: null,
    });
    const audit = await testApp.prisma.auditEvent.findFirst({ where: { action: "registration.approved", targetId: organizationId } });
    expect(audit?.data).toMatchObject({ linkedCounterparties: 2 });
  });
});

describe("the queue", () => {
  it("lists oldest first with keyset pages, filters by status, kind and country, and counts", async () => {
    // A fresh country/kind combination, so other tests' applications do not interfere.
    const created: string[] = [];
    for (let i = 0; i < 3; i++) created.push((await applyAndSignIn(testApp.app, { kind: "ORDERER" }, "JP")).organizationId);
    const list = (query: string) =>
      testApp.app.inject({ method: "GET", url: `/api/admin/registrations?${query}`, headers: bearer(ops.token) });

    const first = await list("kind=ORDERER&country=JP&limit=2");
    expect(first.statusCode).toBe(200);
    expect(first.json().items.map((i: { id: string }) => i.id)).toEqual(created.slice(0, 2));
    expect(first.json().total).toBe(3);
    expect(first.json().nextCursor).toEqual(expect.any(String));
    const second = await list(`kind=ORDERER&country=JP&limit=2&cursor=${first.json().nextCursor}`);
    expect(second.json().items.map((i: { id: string }) => i.id)).toEqual(created.slice(2));
    expect(second.json().nextCursor).toBeNull();

    const item = first.json().items[0];
    expect(item).toEqual({
      id: created[0],
      kind: "ORDERER",
      country: "JP",
      registrationNumber: expect.stringMatching(/^\d{13}$/),
      nameLocal: expect.any(String),
      nameLatin: expect.any(String),
      status: "PENDING",
      submittedAt: expect.any(String),
      lastChangedAt: expect.any(String),
      documentCount: 1,
    });

    await decide(created[1]!, { decision: "REJECTED", reason: "중복 신청" });
    expect((await list("kind=ORDERER&country=JP")).json().items.map((i: { id: string }) => i.id)).toEqual([created[0], created[2]]);
    expect((await list("kind=ORDERER&country=JP&status=REJECTED")).json().items.map((i: { id: string }) => i.id)).toEqual([created[1]]);
    expect((await list("kind=ORDERER&country=JP&status=ALL")).json().total).toBe(3);
    // Operators' own organisations are never applications.
    const all = await list("status=ALL&limit=100");
    expect(all.json().items.every((i: { kind: string }) => i.kind !== "OPERATOR")).toBe(true);
  });

  it("refuses bad filters and cursors, naming the parameter", async () => {
    const list = (query: string) =>
      testApp.app.inject({ method: "GET", url: `/api/admin/registrations?${query}`, headers: bearer(ops.token) });
    expect((await list("status=WAITING")).json().error.fields[0].field).toBe("querystring.status");
    expect((await list("kind=OPERATOR")).statusCode).toBe(400);
    expect((await list("limit=101")).statusCode).toBe(400);
    const badCursor = await list("cursor=bm9wZQ");
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().error.fields[0].field).toBe("querystring.cursor");
  });
});

describe("documents", () => {
  it("downloads the applicant's own document as an attachment with the stored type", async () => {
    const applicant = await applyAndSignIn(testApp.app);
    const view = (await getOwn(applicant.token)).json();
    const [document] = view.documents;
    expect(document).toEqual({ id: expect.any(String), fileName: "business-registration.pdf", contentType: "application/pdf", size: expect.any(Number), uploadedAt: expect.any(String) });
    expect(JSON.stringify(view)).not.toContain("sha256");

    for (const [url, token] of [
      [`/api/registration/documents/${document.id}`, applicant.token],
      [`/api/admin/registrations/${applicant.organizationId}/documents/${document.id}`, ops.token],
    ] as const) {
      const response = await testApp.app.inject({ method: "GET", url, headers: bearer(token) });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toBe("application/pdf");
      expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="business-registration\.pdf"/);
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
      expect(response.rawPayload.equals(pdfFile().content)).toBe(true);
    }
  });

  it("keeps Korean and Japanese file names in the download", async () => {
    const applicant = await applyAndSignIn(testApp.app);
    await addDocuments(applicant.token, [pdfFile("登記事項証明書.pdf")]);
    const document = (await getOwn(applicant.token)).json().documents[1];
    const response = await testApp.app.inject({ method: "GET", url: `/api/registration/documents/${document.id}`, headers: bearer(applicant.token) });
    expect(response.headers["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent("登記事項証明書.pdf")}`);
  });
});

describe("access", () => {
  it("answers 401 without a session on every route", async () => {
    const { organizationId, token } = await applyAndSignIn(testApp.app);
    const documentId = (await getOwn(token)).json().documents[0].id;
    const routes = [
      ["GET", "/api/registration"],
      ["GET", `/api/registration/documents/${documentId}`],
      ["POST", "/api/registration/documents"],
      ["GET", "/api/admin/registrations"],
      ["GET", `/api/admin/registrations/${organizationId}`],
      ["GET", `/api/admin/registrations/${organizationId}/documents/${documentId}`],
      ["POST", `/api/admin/registrations/${organizationId}/decision`],
    ] as const;
    for (const [method, url] of routes) {
      const response = await testApp.app.inject({ method, url });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it("never shows one applicant another's application or documents", async () => {
    const first = await applyAndSignIn(testApp.app);
    const second = await applyAndSignIn(testApp.app);
    const firstDocument = (await getOwn(first.token)).json().documents[0];

    const secondView = await getOwn(second.token);
    expect(secondView.json().organizationId).toBe(second.organizationId);
    expect(secondView.body).not.toContain(first.organizationId);
    expect(secondView.body).not.toContain(firstDocument.id);

    const download = await testApp.app.inject({ method: "GET", url: `/api/registration/documents/${firstDocument.id}`, headers: bearer(second.token) });
    expect(download.statusCode).toBe(404);
    expect(download.body).not.toContain("PDF");

    // An applicant is not ops.
    for (const [method, url] of [
      ["GET", "/api/admin/registrations"],
      ["GET", `/api/admin/registrations/${first.organizationId}`],
      ["GET", `/api/admin/registrations/${first.organizationId}/documents/${firstDocument.id}`],
      ["POST", `/api/admin/registrations/${first.organizationId}/decision`],
    ] as const) {
      const response = await testApp.app.inject({ method, url, headers: bearer(second.token), ...(method === "POST" ? { payload: { decision: "APPROVED", reason: "" } } : {}) });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.body).not.toContain(first.application.nameLocal);
    }
    expect((await testApp.prisma.organization.findUniqueOrThrow({ where: { id: first.organizationId } })).status).toBe("PENDING");
  });

  it("refuses approved members on the admin routes, and ops on the applicant routes", async () => {
    const applicant = await applyAndSignIn(testApp.app);
    const documentId = (await getOwn(applicant.token)).json().documents[0].id;
    const member = await signInMember(testApp.app, testApp.prisma);
    for (const [method, url] of [
      ["GET", "/api/admin/registrations"],
      ["GET", `/api/admin/registrations/${applicant.organizationId}`],
      ["GET", `/api/admin/registrations/${applicant.organizationId}/documents/${documentId}`],
      ["POST", `/api/admin/registrations/${applicant.organizationId}/decision`],
    ] as const) {
      const response = await testApp.app.inject({ method, url, headers: bearer(member.token), ...(method === "POST" ? { payload: { decision: "APPROVED", reason: "" } } : {}) });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.body).not.toContain(applicant.application.nameLocal);
    }
    // A member's own documents route finds nothing of the applicant's.
    const crossDownload = await testApp.app.inject({ method: "GET", url: `/api/registration/documents/${documentId}`, headers: bearer(member.token) });
    expect(crossDownload.statusCode).toBe(404);
    expect((await getOwn(ops.token)).statusCode).toBe(403);
  });

  it("answers 404 for an unknown application, a document of another application, and the operators' organisation", async () => {
    const first = await applyAndSignIn(testApp.app);
    const second = await applyAndSignIn(testApp.app);
    const secondDocument = (await getOwn(second.token)).json().documents[0].id;
    const opsOrganization = await testApp.prisma.user.findUniqueOrThrow({ where: { id: ops.user.id }, select: { organizationId: true } });
    const get = (url: string) => testApp.app.inject({ method: "GET", url, headers: bearer(ops.token) });
    expect((await get("/api/admin/registrations/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
    expect((await get(`/api/admin/registrations/${opsOrganization.organizationId}`)).statusCode).toBe(404);
    expect((await get(`/api/admin/registrations/${first.organizationId}/documents/${secondDocument}`)).statusCode).toBe(404);
    expect((await decide(opsOrganization.organizationId, { decision: "APPROVED", reason: "" })).statusCode).toBe(404);
    expect((await get("/api/admin/registrations/not-a-uuid")).statusCode).toBe(400);
  });
});
