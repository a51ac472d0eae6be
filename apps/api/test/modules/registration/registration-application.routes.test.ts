// POST /api/registrations: the application, its checks and its files, and that nothing is half-saved.
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../support/fixtures.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import {
  APPLICANT_PASSWORD,
  makeApplication,
  multipart,
  pdfFile,
  pngFile,
  submitApplication,
} from "./registration-helpers.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await buildTestApp();
});
afterAll(() => testApp?.close());

function fieldsOf(response: { json: () => unknown }) {
  return (response.json() as { error: { fields?: { field: string; message: string }[] } }).error.fields ?? [];
}

async function isSaved(registrationNumber: string): Promise<boolean> {
  return (await testApp.prisma.organization.count({ where: { registrationNumber } })) > 0;
}

describe("applying for registration", () => {
  it("saves the organisation, its representative, documents, history and audit event in one go (KR, with hyphens)", async () => {
    // Samsung Electronics' published business registration number.
    const application = makeApplication({ registrationNumber: "124-81-00998" });
    const files = [pdfFile("사업자등록증.pdf"), pngFile("C:\\fakepath\\법인인감.png")];
    const response = await submitApplication(testApp.app, application, files);
    expect(response.statusCode).toBe(201);
    const { organizationId, status } = response.json();
    expect(status).toBe("PENDING");

    const organization = await testApp.prisma.organization.findUniqueOrThrow({
      where: { id: organizationId },
      include: { users: true, documents: true, reviews: true },
    });
    expect(organization).toMatchObject({
      kind: "CONTRACTOR",
      country: "KR",
      registrationNumber: "1248100998",
      status: "PENDING",
      nameLocal: application.nameLocal,
      representativeName: application.representativeName,
      contactEmail: application.contactEmail,
    });
    const [user] = organization.users;
    expect(user).toMatchObject({ role: "REPRESENTATIVE", email: application.user.email.toLowerCase(), loginId: application.user.loginId });
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(organization.documents.map((d) => [d.fileName, d.contentType, d.size])).toEqual(
      expect.arrayContaining([
        ["사업자등록증.pdf", "application/pdf", files[0]!.content.length],
        ["법인인감.png", "image/png", files[1]!.content.length],
      ]),
    );
    const pdf = organization.documents.find((d) => d.contentType === "application/pdf");
    expect(pdf?.sha256).toBe(createHash("sha256").update(files[0]!.content).digest("hex"));
    expect(Buffer.from(pdf!.content).equals(files[0]!.content)).toBe(true);
    expect(organization.reviews).toEqual([expect.objectContaining({ status: "PENDING", reason: "", decidedById: null })]);

    const audit = await testApp.prisma.auditEvent.findFirst({ where: { action: "registration.submitted", targetId: organizationId } });
    expect(audit).toMatchObject({ actorUserId: user?.id, actorOrganizationId: organizationId });

    // The applicant can sign in right away; the session says the organisation is still under review.
    const signIn = await testApp.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: application.user.email, password: APPLICANT_PASSWORD },
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().user.organization.status).toBe("PENDING");
  });

  it("accepts a Japanese corporate number (the National Tax Agency's, 7000012050002)", async () => {
    const response = await submitApplication(testApp.app, makeApplication({ registrationNumber: "7000012050002", kind: "SURETY" }, "JP"));
    expect(response.statusCode).toBe(201);
    expect(await isSaved("7000012050002")).toBe(true);
  });

  it.each([
    ["KR", "124-81-00997", "check digit"],
    ["KR", "1248100", "length"],
    ["KR", "7000012050002", "length"],
    ["JP", "8000012050002", "check digit"],
    ["JP", "124-81-00998", "length"],
  ] as const)("refuses %s number %s: wrong %s", async (country, registrationNumber, problem) => {
    const response = await submitApplication(testApp.app, makeApplication({ registrationNumber }, country));
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual([{ field: "application.registrationNumber", message: expect.stringContaining(problem) }]);
  });

  it.each([
    ["a missing field", { nameLocal: undefined }, "application.nameLocal"],
    ["a blank name", { nameLocal: "   " }, "application.nameLocal"],
    ["the OPERATOR kind", { kind: "OPERATOR" }, "application.kind"],
    ["an unknown country", { country: "US" }, "application.country"],
    ["a short password", { user: { name: "A", loginId: "abc", email: "a@example.test", password: "short" } }, "application.user.password"],
    ["a bad e-mail", { contactEmail: "not-an-email" }, "application.contactEmail"],
    ["a non-Latin Latin name", { nameLatin: "새봄건설" }, "application.nameLatin"],
    ["an unknown field", { isApproved: true }, "application.isApproved"],
  ])("names the field for %s", async (_case, overrides, field) => {
    const application = { ...makeApplication(), ...overrides };
    const response = await submitApplication(testApp.app, JSON.parse(JSON.stringify(application)));
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response).map((f) => f.field)).toContain(field);
  });

  it("refuses an application part that is missing or not JSON, and a request that is not multipart", async () => {
    const missing = await testApp.app.inject({ method: "POST", url: "/api/registrations", ...multipart({}, [pdfFile()]) });
    expect(missing.statusCode).toBe(400);
    expect(fieldsOf(missing)).toEqual([{ field: "application", message: "is required" }]);

    const notJson = await testApp.app.inject({ method: "POST", url: "/api/registrations", ...multipart({ application: "{nope" }, [pdfFile()]) });
    expect(notJson.statusCode).toBe(400);
    expect(fieldsOf(notJson)[0]?.field).toBe("application");

    const json = await testApp.app.inject({ method: "POST", url: "/api/registrations", payload: makeApplication() });
    expect(json.statusCode).toBe(415);
  });

  it("refuses a duplicate registration number and a duplicate e-mail with 409, naming the field", async () => {
    const first = makeApplication();
    expect((await submitApplication(testApp.app, first)).statusCode).toBe(201);

    const sameNumber = await submitApplication(testApp.app, makeApplication({ registrationNumber: first.registrationNumber }));
    expect(sameNumber.statusCode).toBe(409);
    expect(sameNumber.json().error.code).toBe("CONFLICT");
    expect(fieldsOf(sameNumber)).toEqual([{ field: "application.registrationNumber", message: "is already registered" }]);

    const other = makeApplication();
    const sameEmail = await submitApplication(testApp.app, { ...other, user: { ...other.user, email: first.user.email.toUpperCase() } });
    expect(sameEmail.statusCode).toBe(409);
    expect(fieldsOf(sameEmail)).toEqual([{ field: "application.user.email", message: "is already registered" }]);
    expect(await isSaved(other.registrationNumber)).toBe(false);
  });

  it("refuses an e-mail that an existing platform user already has", async () => {
    const { user } = await createUser(testApp.prisma);
    const application = makeApplication();
    const response = await submitApplication(testApp.app, { ...application, user: { ...application.user, email: user.email } });
    expect(response.statusCode).toBe(409);
    expect(fieldsOf(response)[0]?.field).toBe("application.user.email");
  });
});

describe("application documents", () => {
  it("needs at least one document", async () => {
    const application = makeApplication();
    const response = await submitApplication(testApp.app, application, []);
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)[0]?.field).toBe("documents");
    expect(await isSaved(application.registrationNumber)).toBe(false);
  });

  it("recognises files by their content: a text file named .pdf is refused, naming the file", async () => {
    const application = makeApplication();
    const fake = { fileName: "certificate.pdf", contentType: "application/pdf", content: Buffer.from("just some text, not a PDF") };
    const response = await submitApplication(testApp.app, application, [pdfFile(), fake]);
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual([{ field: "documents", message: expect.stringContaining("certificate.pdf") }]);
    expect(await isSaved(application.registrationNumber)).toBe(false);
  });

  it("stores the type the content really is, whatever the browser declared", async () => {
    const application = makeApplication();
    const png = { ...pngFile("scan.png"), contentType: "application/octet-stream" };
    const response = await submitApplication(testApp.app, application, [png]);
    expect(response.statusCode).toBe(201);
    const document = await testApp.prisma.registrationDocument.findFirst({ where: { organizationId: response.json().organizationId } });
    expect(document?.contentType).toBe("image/png");
  });

  it("refuses an empty file, naming it", async () => {
    const empty = { fileName: "empty.pdf", contentType: "application/pdf", content: Buffer.alloc(0) };
    const response = await submitApplication(testApp.app, makeApplication(), [empty]);
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)[0]?.message).toContain("empty.pdf");
  });

  it("refuses more than 10 files with 413, naming the one too many", async () => {
    const files = Array.from({ length: 11 }, (_, i) => pdfFile(`page-${i + 1}.pdf`));
    const application = makeApplication();
    const response = await submitApplication(testApp.app, application, files);
    expect(response.statusCode).toBe(413);
    expect(fieldsOf(response)[0]?.message).toContain("page-11.pdf");
    expect(await isSaved(application.registrationNumber)).toBe(false);
  });

  it("refuses a file over 10 MiB with 413, naming it, and saves nothing", async () => {
    const big = { fileName: "huge-scan.pdf", contentType: "application/pdf", content: Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(10 * 1024 * 1024)]) };
    const application = makeApplication();
    const response = await submitApplication(testApp.app, application, [pdfFile(), big]);
    expect(response.statusCode).toBe(413);
    expect(fieldsOf(response)).toEqual([{ field: "documents", message: expect.stringContaining("huge-scan.pdf") }]);
    expect(await isSaved(application.registrationNumber)).toBe(false);

    // The same application, without the oversized file, goes through: nothing of the first attempt was kept.
    expect((await submitApplication(testApp.app, application, [pdfFile()])).statusCode).toBe(201);
  });

  it("keeps a file of exactly 10 MiB", async () => {
    const content = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(10 * 1024 * 1024 - 9)]);
    const response = await submitApplication(testApp.app, makeApplication(), [{ fileName: "exact.pdf", contentType: "application/pdf", content }]);
    expect(response.statusCode).toBe(201);
  });
});

describe("counterparty invitations", () => {
  async function createInvitation(options: { expiresAt?: Date; acceptedAt?: Date } = {}) {
    const { organization: owner } = await createUser(testApp.prisma, { kind: "ORDERER" });
    const token = randomBytes(32).toString("base64url");
    const counterparty = await testApp.prisma.counterparty.create({
      data: {
        ownerOrganizationId: owner.id,
        kind: "CONTRACTOR",
        country: "KR",
        registrationNumber: makeApplication().registrationNumber,
        name: "초대받은 건설",
        invitationEmail: "invited@example.test",
        invitationTokenHash: createHash("sha256").update(token).digest("hex"),
        invitationExpiresAt: options.expiresAt ?? new Date(Date.now() + 86_400_000),
        invitationAcceptedAt: options.acceptedAt ?? null,
      },
    });
    return { token, counterparty };
  }

  it("marks the invitation accepted in the same transaction", async () => {
    const { token, counterparty } = await createInvitation();
    const application = makeApplication({ registrationNumber: counterparty.registrationNumber, counterpartyInvitationToken: token });
    const response = await submitApplication(testApp.app, application);
    expect(response.statusCode).toBe(201);
    const accepted = await testApp.prisma.counterparty.findUniqueOrThrow({ where: { id: counterparty.id } });
    expect(accepted.invitationAcceptedAt).toBeInstanceOf(Date);
    // Linking to the organisation waits for approval.
    expect(accepted.organizationId).toBeNull();
  });

  it("refuses a used or expired invitation, naming the field, and saves nothing", async () => {
    const used = await createInvitation({ acceptedAt: new Date() });
    const expired = await createInvitation({ expiresAt: new Date(Date.now() - 1000) });
    for (const { token } of [used, expired]) {
      const application = makeApplication({ counterpartyInvitationToken: token });
      const response = await submitApplication(testApp.app, application);
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response)[0]?.field).toBe("application.counterpartyInvitationToken");
      expect(await isSaved(application.registrationNumber)).toBe(false);
      expect(await testApp.prisma.user.count({ where: { email: application.user.email.toLowerCase() } })).toBe(0);
    }
  });
});

describe("rate limit", () => {
  it("allows 10 applications per address per hour", async () => {
    const address = "192.0.2.77";
    // Refused requests count too; they are cheap to send.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await testApp.app.inject({ method: "POST", url: "/api/registrations", remoteAddress: address, ...multipart({}, []) });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 10).every((status) => status === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
    const other = await testApp.app.inject({ method: "POST", url: "/api/registrations", remoteAddress: "192.0.2.78", ...multipart({}, []) });
    expect(other.statusCode).toBe(400);
  });
});
