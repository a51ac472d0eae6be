// Issuance rules, time boundaries to the second (an injected clock), reissue and revocation with the CRL read by
// openssl, certificate sign-in, the organisation setting that requires it, and access from outside.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserRole } from "@pwp/shared/enums";
import { createUser } from "../../support/fixtures.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { addUser, createOrganizationWithRepresentative, fieldsOf, type OrgUser } from "../users/org-fixtures.ts";
import { createClock, generateKeyPair, makeCsr, openssl, signChallenge, tempDir } from "./certificate-helpers.ts";

const DAY = 86_400_000;
let testApp: TestApp;
// Whole seconds: certificates carry times to the second.
const clock = createClock(new Date(Math.floor(Date.now() / 1000) * 1000));
const files = tempDir();

let representative: OrgUser;
let staff: OrgUser;
let colleague: OrgUser;
let outsider: OrgUser;
let operatorAuth: string;
let organizationId: string;

function operatorBearer(user: { id: string; organizationId: string; role: UserRole }) {
  return `Bearer ${testApp.app.jwt.sign({ sub: user.id, org: user.organizationId, kind: "OPERATOR", role: user.role, status: "APPROVED" })}`;
}

// Response bodies are read loosely here; their shapes are checked by the route schemas and the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;

async function inject(method: "GET" | "POST" | "DELETE" | "PATCH", url: string, auth: string | undefined, payload?: object) {
  const response = await testApp.app.inject({ method, url, ...(auth ? { headers: { authorization: auth } } : {}), ...(payload ? { payload } : {}) });
  return { statusCode: response.statusCode, body: response.json() as Body };
}

/** Requests and has the representative approve: returns the certificate and the key it was made for. */
async function issueFor(user: OrgUser, approverAuth = representative.auth) {
  const { keyPair, csr } = await makeCsr();
  const requested = await inject("POST", "/api/certificates/requests", user.auth, { csr, kind: "NEW" });
  expect(requested.statusCode, JSON.stringify(requested.body)).toBe(201);
  const approved = await inject("POST", `/api/certificates/requests/${requested.body.id}/approve`, approverAuth);
  expect(approved.statusCode, JSON.stringify(approved.body)).toBe(201);
  return { certificate: approved.body, keyPair, requestId: requested.body.id as string };
}

beforeAll(async () => {
  testApp = await buildTestApp({}, { now: clock.now });
  const created = await createOrganizationWithRepresentative(testApp);
  representative = created.representative;
  organizationId = created.organization.id;
  staff = await addUser(testApp, organizationId, "STAFF");
  colleague = await addUser(testApp, organizationId, "STAFF");
  const other = await createOrganizationWithRepresentative(testApp);
  outsider = other.representative;
  const { user: operator } = await createUser(testApp.prisma, { kind: "OPERATOR", role: "MANAGER" });
  operatorAuth = operatorBearer(operator);
});
afterAll(async () => {
  await testApp.close();
  files.remove();
});

describe("new issuance", () => {
  it("issues after the representative's approval, with the subject from the platform's records, for one year", async () => {
    const { certificate } = await issueFor(staff);
    const organization = await testApp.prisma.organization.findUniqueOrThrow({ where: { id: organizationId } });
    expect(certificate.status).toBe("VALID");
    const holder = await testApp.prisma.user.findUniqueOrThrow({ where: { id: staff.id } });
    expect(certificate.subjectDn).toContain(`CN=${holder.name}`);
    expect(certificate.subjectDn).toContain(`organizationIdentifier=KR-${organization.registrationNumber}`);
    expect(certificate.subjectDn).toContain(staff.id);
    expect(certificate.subjectDn).not.toContain("whatever the browser says");
    const notBefore = new Date(certificate.notBefore);
    expect(new Date(certificate.notAfter).getTime() - notBefore.getTime()).toBe(365 * DAY);
    const pem = files.write("issued.der", Buffer.from(certificate.certificate, "base64"));
    const text = await openssl(["x509", "-inform", "DER", "-in", pem, "-noout", "-text"]);
    expect(text.stdout).toContain(`${testApp.config.publicUrl}/api/pki/crl`);
    expect(text.stdout).toContain("Digital Signature, Non Repudiation");
    const events = await testApp.prisma.auditEvent.findMany({ where: { action: "certificates.request_approved", targetId: certificate.id } });
    expect(events).toHaveLength(0); // the event targets the request
    expect(await testApp.prisma.auditEvent.count({ where: { action: "certificates.request_approved", actorUserId: representative.id } })).toBeGreaterThan(0);
  });

  it("keeps one pending request per user, refuses a tampered CSR and a short RSA key, naming body.csr", async () => {
    const first = await makeCsr();
    expect((await inject("POST", "/api/certificates/requests", colleague.auth, { csr: first.csr, kind: "NEW" })).statusCode).toBe(201);
    const second = await makeCsr();
    const duplicate = await inject("POST", "/api/certificates/requests", colleague.auth, { csr: second.csr, kind: "NEW" });
    expect(duplicate.statusCode).toBe(409);

    const der = Buffer.from(second.csr, "base64");
    der[40] = (der[40] ?? 0) ^ 0xff;
    const tampered = await inject("POST", "/api/certificates/requests", representative.auth, { csr: der.toString("base64"), kind: "NEW" });
    expect(tampered.statusCode).toBe(400);
    expect(fieldsOf(tampered.body)).toContain("body.csr");
    const garbage = await inject("POST", "/api/certificates/requests", representative.auth, { csr: "AAAA", kind: "NEW" });
    expect(garbage.statusCode).toBe(400);
    expect(fieldsOf(garbage.body)).toContain("body.csr");
    // WebCrypto in @pwp/pki will not even make a 1024-bit request: openssl does.
    const shortCsr = files.file("short.csr");
    await openssl(["req", "-new", "-newkey", "rsa:1024", "-nodes", "-keyout", files.file("short.key"), "-subj", "/CN=short", "-outform", "DER", "-out", shortCsr]);
    const refused = await inject("POST", "/api/certificates/requests", representative.auth, { csr: readFileSync(shortCsr).toString("base64"), kind: "NEW" });
    expect(refused.statusCode).toBe(400);
    expect(fieldsOf(refused.body)).toContain("body.csr");
    // RSA 2048 is accepted (here from WebCrypto).
    const rsa = await makeCsr(await generateKeyPair("RSA", 2048));
    const accepted = await inject("POST", "/api/certificates/requests", representative.auth, { csr: rsa.csr, kind: "NEW" });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.body.keyAlgorithm).toBe("RSA");
    await inject("DELETE", `/api/certificates/requests/${accepted.body.id}`, representative.auth);
  });

  it("lets the representative reject with a reason, and the requester cancel their own", async () => {
    const pending = await inject("GET", "/api/certificates/requests/pending-approval", representative.auth);
    const request = pending.body.requests.find((r: { requester: { id: string } }) => r.requester.id === colleague.id);
    expect(request).toBeDefined();
    const rejected = await inject("POST", `/api/certificates/requests/${request.id}/reject`, representative.auth, { reason: "wrong department" });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.body).toMatchObject({ status: "REJECTED", reason: "wrong department" });
    expect((await inject("POST", `/api/certificates/requests/${request.id}/approve`, representative.auth)).statusCode).toBe(409);

    const next = await makeCsr();
    const created = await inject("POST", "/api/certificates/requests", colleague.auth, { csr: next.csr, kind: "NEW" });
    expect((await inject("DELETE", `/api/certificates/requests/${created.body.id}`, colleague.auth)).body.status).toBe("CANCELLED");
  });

  it("sends a representative's own request to ops: not the representative, not staff, and ops sees only representatives'", async () => {
    const { csr } = await makeCsr();
    const own = await inject("POST", "/api/certificates/requests", representative.auth, { csr, kind: "NEW" });
    expect((await inject("POST", `/api/certificates/requests/${own.body.id}/approve`, representative.auth)).statusCode).toBe(404);
    expect((await inject("POST", `/api/certificates/requests/${own.body.id}/approve`, staff.auth)).statusCode).toBe(403);
    expect((await inject("GET", "/api/certificates/requests/pending-approval", staff.auth)).statusCode).toBe(403);
    const memberCsr = await makeCsr();
    const member = await inject("POST", "/api/certificates/requests", colleague.auth, { csr: memberCsr.csr, kind: "NEW" });
    const opsList = await inject("GET", "/api/certificates/requests/pending-approval", operatorAuth);
    const ids = opsList.body.requests.map((r: { id: string }) => r.id);
    expect(ids).toContain(own.body.id);
    expect(ids).not.toContain(member.body.id);
    expect((await inject("POST", `/api/certificates/requests/${member.body.id}/approve`, operatorAuth)).statusCode).toBe(404);
    const approved = await inject("POST", `/api/certificates/requests/${own.body.id}/approve`, operatorAuth);
    expect(approved.statusCode).toBe(201);
    await inject("DELETE", `/api/certificates/requests/${member.body.id}`, colleague.auth);
  });
});

describe("renewal window (to the second) and reissue", () => {
  it("opens 30 days before expiry, closes at expiry, and runs one year past the old expiry", async () => {
    const start = clock.now();
    const { certificate } = await issueFor(colleague);
    const notAfter = new Date(certificate.notAfter);
    const opens = new Date(notAfter.getTime() - 30 * DAY);
    const renew = async () => inject("POST", `/api/certificates/${certificate.id}/renew`, colleague.auth, { csr: (await makeCsr()).csr });

    clock.set(new Date(opens.getTime() - 1000));
    const early = await renew();
    expect(early.statusCode).toBe(409);
    expect(early.body.error.message).toContain(opens.toISOString());

    clock.set(notAfter);
    const late = await renew();
    expect(late.statusCode).toBe(409);
    expect(late.body.error.message).toBe("renewal is not possible after expiry: request a new certificate");

    clock.set(opens);
    const renewed = await renew();
    expect(renewed.statusCode, JSON.stringify(renewed.body)).toBe(201);
    const expected = new Date(notAfter);
    expected.setUTCFullYear(expected.getUTCFullYear() + 1);
    expect(renewed.body.notAfter).toBe(expected.toISOString());
    expect(renewed.body.supersedesId).toBe(certificate.id);
    expect((await renew()).statusCode).toBe(409); // renewed already
    clock.set(start);
  });

  it("renews one second before expiry", async () => {
    const start = clock.now();
    const { certificate } = await issueFor(colleague);
    clock.set(new Date(new Date(certificate.notAfter).getTime() - 1000));
    const renewed = await inject("POST", `/api/certificates/${certificate.id}/renew`, colleague.auth, { csr: (await makeCsr()).csr });
    expect(renewed.statusCode).toBe(201);
    clock.set(start);
  });

  it("reissues a valid certificate at once and revokes the old one with the reason; the CRL lists it for openssl", async () => {
    const { certificate } = await issueFor(staff);
    const reissued = await inject("POST", `/api/certificates/${certificate.id}/reissue`, staff.auth, { csr: (await makeCsr()).csr, reason: "keyCompromise" });
    expect(reissued.statusCode, JSON.stringify(reissued.body)).toBe(201);
    expect(reissued.body.notAfter).toBe(certificate.notAfter);
    const mine = await inject("GET", "/api/certificates", staff.auth);
    const old = mine.body.certificates.find((c: { id: string }) => c.id === certificate.id);
    expect(old).toMatchObject({ status: "REVOKED", revocationReason: "keyCompromise", canReissue: false });
    // Reissuing a revoked certificate is refused.
    expect((await inject("POST", `/api/certificates/${certificate.id}/reissue`, staff.auth, { csr: (await makeCsr()).csr, reason: "superseded" })).statusCode).toBe(409);

    const crl = await testApp.app.inject({ method: "GET", url: "/api/pki/crl" });
    const crlFile = files.write("revoked.crl", crl.rawPayload);
    const text = await openssl(["crl", "-inform", "DER", "-in", crlFile, "-noout", "-text"]);
    expect(text.stdout.toLowerCase()).toContain(certificate.serialNumberHex.toLowerCase().replace(/^0+/, ""));
    expect(text.stdout).toContain("Key Compromise");
  });

  it("refuses renewal and reissue after expiry", async () => {
    const start = clock.now();
    const { certificate } = await issueFor(colleague);
    clock.set(new Date(new Date(certificate.notAfter).getTime() + 1000));
    const csr = (await makeCsr()).csr;
    expect((await inject("POST", `/api/certificates/${certificate.id}/renew`, colleague.auth, { csr })).statusCode).toBe(409);
    expect((await inject("POST", `/api/certificates/${certificate.id}/reissue`, colleague.auth, { csr, reason: "superseded" })).statusCode).toBe(409);
    clock.set(start);
  });
});

describe("revocation", () => {
  it("by the holder, the representative or ops, each publishing a CRL with a higher number; not by a colleague or another organisation", async () => {
    const numbers: bigint[] = [];
    for (const revoker of ["holder", "representative", "ops"] as const) {
      const { certificate } = await issueFor(staff);
      expect((await inject("POST", `/api/certificates/${certificate.id}/revoke`, colleague.auth, { reason: "superseded" })).statusCode).toBe(404);
      expect((await inject("POST", `/api/certificates/${certificate.id}/revoke`, outsider.auth, { reason: "superseded" })).statusCode).toBe(404);
      const auth = revoker === "holder" ? staff.auth : revoker === "representative" ? representative.auth : operatorAuth;
      const revoked = await inject("POST", `/api/certificates/${certificate.id}/revoke`, auth, { reason: "affiliationChanged" });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.body).toMatchObject({ status: "REVOKED", revocationReason: "affiliationChanged" });
      expect((await inject("POST", `/api/certificates/${certificate.id}/revoke`, auth, { reason: "superseded" })).statusCode).toBe(409);
      const latest = await testApp.prisma.crl.findFirstOrThrow({ orderBy: { crlNumber: "desc" } });
      numbers.push(latest.crlNumber);
    }
    expect(numbers[1]! > numbers[0]! && numbers[2]! > numbers[1]!).toBe(true);
    const bad = await inject("POST", `/api/certificates/${staff.id}/revoke`, staff.auth, { reason: "because" });
    expect(fieldsOf(bad.body)).toContain("body.reason");
  });
});

describe("certificate sign-in", () => {
  async function challengeFor(auth: string) {
    const response = await inject("POST", "/api/auth/certificate-challenge", auth);
    expect(response.statusCode).toBe(201);
    return response.body as { challengeId: string; challenge: string; expiresAt: string };
  }

  it("opens a certificate session for a signature by one of the user's valid certificates, once per challenge", async () => {
    const { certificate, keyPair } = await issueFor(staff);
    const challenge = await challengeFor(staff.auth);
    expect(new Date(challenge.expiresAt).getTime() - clock.now().getTime()).toBe(120_000);
    const signedData = await signChallenge(challenge.challenge, keyPair.privateKey, certificate.certificate);
    const signedIn = await inject("POST", "/api/auth/certificate-sign-in", staff.auth, { challengeId: challenge.challengeId, signedData });
    expect(signedIn.statusCode, JSON.stringify(signedIn.body)).toBe(200);
    expect(signedIn.body.isCertificateSession).toBe(true);
    expect(testApp.app.jwt.decode<{ certificate?: boolean }>(signedIn.body.accessToken)?.certificate).toBe(true);
    const again = await inject("POST", "/api/auth/certificate-sign-in", staff.auth, { challengeId: challenge.challengeId, signedData });
    expect(again.statusCode).toBe(409);

    // Someone else's certificate, even a valid one with its key, is refused.
    const { certificate: colleagueCertificate, keyPair: colleagueKey } = await issueFor(colleague);
    const other = await challengeFor(staff.auth);
    const foreign = await inject("POST", "/api/auth/certificate-sign-in", staff.auth, {
      challengeId: other.challengeId,
      signedData: await signChallenge(other.challenge, colleagueKey.privateKey, colleagueCertificate.certificate),
    });
    expect(foreign.statusCode).toBe(400);
    expect(fieldsOf(foreign.body)).toContain("body.signedData");
    // Another user's challenge is not found.
    const stolen = await challengeFor(colleague.auth);
    expect((await inject("POST", "/api/auth/certificate-sign-in", staff.auth, { challengeId: stolen.challengeId, signedData })).statusCode).toBe(404);
  });

  it("keeps the certificate claim across refreshes while the certificate is valid, and drops it once revoked", async () => {
    const { certificate, keyPair } = await issueFor(staff);
    const challenge = await challengeFor(staff.auth);
    const signedIn = await testApp.app.inject({
      method: "POST",
      url: "/api/auth/certificate-sign-in",
      headers: { authorization: staff.auth },
      payload: { challengeId: challenge.challengeId, signedData: await signChallenge(challenge.challenge, keyPair.privateKey, certificate.certificate) },
    });
    let cookie = signedIn.cookies.find((c) => c.name === "pwp_refresh")?.value ?? "";
    const refresh = async () => {
      const response = await testApp.app.inject({ method: "POST", url: "/api/auth/refresh", cookies: { pwp_refresh: cookie } });
      cookie = response.cookies.find((c) => c.name === "pwp_refresh")?.value ?? "";
      return response.json() as { isCertificateSession: boolean };
    };
    expect((await refresh()).isCertificateSession).toBe(true);
    await inject("POST", `/api/certificates/${certificate.id}/revoke`, staff.auth, { reason: "superseded" });
    expect((await refresh()).isCertificateSession).toBe(false);
  });

  it("refuses an expired challenge and a revoked certificate", async () => {
    const { certificate, keyPair } = await issueFor(staff);
    const start = clock.now();
    const late = await challengeFor(staff.auth);
    clock.set(new Date(start.getTime() + 120_000));
    const expired = await inject("POST", "/api/auth/certificate-sign-in", staff.auth, {
      challengeId: late.challengeId,
      signedData: await signChallenge(late.challenge, keyPair.privateKey, certificate.certificate),
    });
    expect(expired.statusCode).toBe(409);
    clock.set(start);

    await inject("POST", `/api/certificates/${certificate.id}/revoke`, staff.auth, { reason: "keyCompromise" });
    const challenge = await challengeFor(staff.auth);
    const revoked = await inject("POST", "/api/auth/certificate-sign-in", staff.auth, {
      challengeId: challenge.challengeId,
      signedData: await signChallenge(challenge.challenge, keyPair.privateKey, certificate.certificate),
    });
    expect(revoked.statusCode).toBe(400);
    expect(revoked.body.error.message).toMatch(/revoked/);
  });
});

describe("requiring certificate sign-in", () => {
  it("is turned on by the representative from a certificate session; then a password session opens only the certificate page", async () => {
    expect((await inject("PATCH", "/api/organizations/current/settings", staff.auth, { requireCertificateSignIn: true })).statusCode).toBe(403);
    expect((await inject("PATCH", "/api/organizations/current/settings", representative.auth, { requireCertificateSignIn: true })).statusCode).toBe(409);
    const { certificate, keyPair } = await issueFor(representative, operatorAuth);
    const challenge = await inject("POST", "/api/auth/certificate-challenge", representative.auth);
    const session = await inject("POST", "/api/auth/certificate-sign-in", representative.auth, {
      challengeId: challenge.body.challengeId,
      signedData: await signChallenge(challenge.body.challenge, keyPair.privateKey, certificate.certificate),
    });
    const certificateAuth = `Bearer ${session.body.accessToken}`;
    const updated = await inject("PATCH", "/api/organizations/current/settings", certificateAuth, { requireCertificateSignIn: true });
    expect(updated.statusCode).toBe(200);
    expect(updated.body).toEqual({ requireCertificateSignIn: true });

    const signIn = await testApp.app.inject({ method: "POST", url: "/api/auth/sign-in", payload: { email: staff.email, password: "correct horse battery staple" } });
    const passwordAuth = `Bearer ${signIn.json().accessToken}`;
    expect(signIn.json().user.organization.requireCertificateSignIn).toBe(true);
    const users = await inject("GET", "/api/users", passwordAuth);
    expect(users.statusCode).toBe(403);
    expect(users.body.error.code).toBe("CERTIFICATE_REQUIRED");
    expect((await inject("GET", "/api/certificates", passwordAuth)).statusCode).toBe(200);
    expect((await inject("GET", "/api/me", passwordAuth)).statusCode).toBe(200);
    expect((await inject("POST", "/api/auth/certificate-challenge", passwordAuth)).statusCode).toBe(201);
    // The certificate session goes everywhere.
    expect((await inject("GET", "/api/users", certificateAuth)).statusCode).toBe(200);
    await inject("PATCH", "/api/organizations/current/settings", certificateAuth, { requireCertificateSignIn: false });
  });
});

describe("access from outside", () => {
  it("answers 401 without a session on every route", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    const routes: [Parameters<typeof inject>[0], string][] = [
      ["GET", "/api/certificates"],
      ["POST", "/api/certificates/requests"],
      ["DELETE", `/api/certificates/requests/${id}`],
      ["GET", "/api/certificates/requests/pending-approval"],
      ["POST", `/api/certificates/requests/${id}/approve`],
      ["POST", `/api/certificates/requests/${id}/reject`],
      ["POST", `/api/certificates/${id}/renew`],
      ["POST", `/api/certificates/${id}/reissue`],
      ["POST", `/api/certificates/${id}/revoke`],
      ["POST", "/api/certificates/import"],
      ["GET", "/api/admin/trusted-roots"],
      ["POST", "/api/admin/trusted-roots"],
      ["DELETE", `/api/admin/trusted-roots/${id}`],
      ["PATCH", "/api/organizations/current/settings"],
      ["POST", "/api/auth/certificate-challenge"],
      ["POST", "/api/auth/certificate-sign-in"],
    ];
    for (const [method, url] of routes) {
      expect((await inject(method, url, undefined, method === "GET" || method === "DELETE" ? undefined : {})).statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it("gives another organisation 404 for this organisation's requests and certificates, and nothing of them in lists", async () => {
    const { certificate, requestId } = await issueFor(staff);
    const pendingCsr = await makeCsr();
    const pending = await inject("POST", "/api/certificates/requests", colleague.auth, { csr: pendingCsr.csr, kind: "NEW" });
    const csr = (await makeCsr()).csr;
    expect((await inject("POST", `/api/certificates/requests/${pending.body.id}/approve`, outsider.auth)).statusCode).toBe(404);
    expect((await inject("POST", `/api/certificates/requests/${pending.body.id}/reject`, outsider.auth, { reason: "no" })).statusCode).toBe(404);
    expect((await inject("DELETE", `/api/certificates/requests/${pending.body.id}`, outsider.auth)).statusCode).toBe(404);
    expect((await inject("DELETE", `/api/certificates/requests/${requestId}`, outsider.auth)).statusCode).toBe(404);
    expect((await inject("POST", `/api/certificates/${certificate.id}/renew`, outsider.auth, { csr })).statusCode).toBe(404);
    expect((await inject("POST", `/api/certificates/${certificate.id}/reissue`, outsider.auth, { csr, reason: "superseded" })).statusCode).toBe(404);
    expect((await inject("POST", `/api/certificates/${certificate.id}/revoke`, outsider.auth, { reason: "superseded" })).statusCode).toBe(404);
    const theirs = await inject("GET", "/api/certificates", outsider.auth);
    const listed = JSON.stringify(theirs.body);
    expect(listed).not.toContain(certificate.id);
    expect(listed).not.toContain(pending.body.id);
    const theirPending = await inject("GET", "/api/certificates/requests/pending-approval", outsider.auth);
    expect(JSON.stringify(theirPending.body)).not.toContain(pending.body.id);
    expect((await inject("PATCH", "/api/organizations/current/settings", outsider.auth, { requireCertificateSignIn: false })).statusCode).toBe(200);
    const organization = await testApp.prisma.organization.findUniqueOrThrow({ where: { id: organizationId } });
    expect(organization.requireCertificateSignIn).toBe(false);
    await inject("DELETE", `/api/certificates/requests/${pending.body.id}`, colleague.auth);
  });

  it("keeps a user of an organisation under review out", async () => {
    const { organization, representative: applicant } = await createOrganizationWithRepresentative(testApp, "PENDING");
    expect(organization.status).toBe("PENDING");
    expect((await inject("GET", "/api/certificates", applicant.auth)).statusCode).toBe(403);
    expect((await inject("POST", "/api/certificates/requests", applicant.auth, { csr: (await makeCsr()).csr, kind: "NEW" })).statusCode).toBe(403);
  });
});
