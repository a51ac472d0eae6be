// Requests and files for the registration tests: multipart bodies built by hand (what a browser sends), real file
// signatures, and applications with fresh numbers and addresses per call.
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import type { Country } from "@pwp/shared/enums";
import type { FastifyInstance } from "fastify";
import { issueTestCertificate } from "../../support/certificates.ts";
import { createUser, makeRegistrationNumber, TEST_PASSWORD } from "../../support/fixtures.ts";
import { signChallenge } from "../certificates/certificate-helpers.ts";
import type { PrismaClient } from "../../../src/db/database.ts";

export const APPLICANT_PASSWORD = "long-enough-password-2026";

export interface FilePart {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export function pdfFile(name = "business-registration.pdf", body = "a registration certificate"): FilePart {
  const content = Buffer.from(`%PDF-1.4\n% ${body}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
  return { fileName: name, contentType: "application/pdf", content };
}

export function pngFile(name = "seal.png"): FilePart {
  const content = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);
  return { fileName: name, contentType: "image/png", content };
}

/** Builds a multipart/form-data body: text fields first, then the files under `documents`. */
export function multipart(fields: Record<string, string>, files: readonly FilePart[], fileField = "documents") {
  const boundary = `----pwp-test-${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="${file.fileName}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
      ),
      file.content,
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

export function makeApplication(overrides: Record<string, unknown> = {}, country: Country = "KR") {
  const suffix = randomUUID().slice(0, 8);
  return {
    kind: "CONTRACTOR",
    country,
    registrationNumber: makeRegistrationNumber(country),
    nameLocal: country === "KR" ? `새봄건설 ${suffix}` : `春建設株式会社 ${suffix}`,
    nameLatin: `Spring Construction ${suffix}`,
    representativeName: country === "KR" ? "윤새봄" : "山田春子",
    address: country === "KR" ? "서울특별시 마포구 월드컵북로 400" : "東京都千代田区霞が関3-1-1",
    contactName: country === "KR" ? "김담당" : "佐藤担当",
    contactEmail: `contact-${suffix}@example.test`,
    contactPhone: "02-123-4567",
    user: { name: "윤새봄", loginId: `rep${suffix}`, email: `Rep-${suffix}@Example.test`, password: APPLICANT_PASSWORD },
    ...overrides,
  };
}

/** A different client address per call unless given, so the per-address rate limit does not trip other tests. */
export function randomAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export function submitApplication(
  app: FastifyInstance,
  application: unknown,
  files: readonly FilePart[] = [pdfFile()],
  remoteAddress = randomAddress(),
) {
  const body = multipart({ application: JSON.stringify(application) }, files);
  return app.inject({ method: "POST", url: "/api/registrations", remoteAddress, ...body });
}

export async function signIn(app: FastifyInstance, email: string, password: string) {
  const response = await app.inject({ method: "POST", url: "/api/auth/sign-in", payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const body = response.json<{ accessToken: string; user: { organization: { status: string } } }>();
  const refreshCookie = response.cookies.find((cookie) => cookie.name === "pwp_refresh")?.value ?? "";
  return { token: body.accessToken, status: body.user.organization.status, refreshCookie };
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

/** An applicant that has applied and signed in. */
export async function applyAndSignIn(app: FastifyInstance, overrides: Record<string, unknown> = {}, country: Country = "KR") {
  const application = makeApplication(overrides, country);
  const response = await submitApplication(app, application);
  if (response.statusCode !== 201) throw new Error(`application failed: ${response.statusCode} ${response.body}`);
  const { organizationId } = response.json<{ organizationId: string }>();
  const session = await signIn(app, application.user.email, APPLICANT_PASSWORD);
  return { application, organizationId, token: session.token };
}

/** An ops user, signed in with a certificate (ops always are: a password session opens only the certificate page). */
export async function signInOps(app: FastifyInstance, prisma: PrismaClient, name = "Ops Reviewer") {
  const { user } = await createUser(prisma, { kind: "OPERATOR", role: "REPRESENTATIVE" });
  await prisma.user.update({ where: { id: user.id }, data: { name } });
  const passwordSession = await signIn(app, user.email, TEST_PASSWORD);
  const { certificateDer, keyPair } = await issueTestCertificate(app, prisma, { userId: user.id });
  const challenge = await app.inject({ method: "POST", url: "/api/auth/certificate-challenge", headers: bearer(passwordSession.token) });
  const signedIn = await app.inject({
    method: "POST",
    url: "/api/auth/certificate-sign-in",
    headers: bearer(passwordSession.token),
    payload: {
      challengeId: challenge.json().challengeId,
      signedData: await signChallenge(challenge.json().challenge, keyPair.privateKey, Buffer.from(certificateDer).toString("base64")),
    },
  });
  if (signedIn.statusCode !== 200) throw new Error(`ops certificate sign-in failed: ${signedIn.statusCode} ${signedIn.body}`);
  return { user, token: signedIn.json<{ accessToken: string }>().accessToken, passwordToken: passwordSession.token };
}

/** An approved member organisation's user (not ops), signed in. */
export async function signInMember(app: FastifyInstance, prisma: PrismaClient) {
  const { user, organization } = await createUser(prisma, { kind: "ORDERER", role: "REPRESENTATIVE" });
  const session = await signIn(app, user.email, TEST_PASSWORD);
  return { user, organization, token: session.token };
}
