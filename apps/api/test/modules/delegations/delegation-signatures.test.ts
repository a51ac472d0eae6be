// Delegations are signed records: the grantor signs the grant, the revoker the revocation, each with one of their
// own valid certificates, over the statement packages/shared builds. What is stored verifies with openssl.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toPem } from "@pwp/pki/encoding";
import { delegationGrantStatement, delegationRevocationStatement } from "@pwp/shared/delegations";
import type { DelegationScope } from "@pwp/shared/enums";
import { issueTestCertificate } from "../../support/certificates.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { openssl, tempDir } from "../certificates/certificate-helpers.ts";
import { addUser, createOrganizationWithRepresentative, fieldsOf, type OrgUser } from "../users/org-fixtures.ts";
import { certificateOf, signedGrantBody, signedRevokeBody } from "./signing-fixtures.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await buildTestApp();
});
afterAll(() => testApp?.close());

const DAY = 86_400_000;
const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();

function call(method: "GET" | "POST" | "PATCH", url: string, auth?: string, payload?: unknown) {
  return testApp.app.inject({
    method,
    url,
    ...(auth ? { headers: { authorization: auth } } : {}),
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}

async function createOrganization() {
  const { organization, representative } = await createOrganizationWithRepresentative(testApp);
  const agent = await addUser(testApp, organization.id, "MANAGER");
  const subAgent = await addUser(testApp, organization.id, "STAFF");
  const bystander = await addUser(testApp, organization.id, "STAFF");
  return { organization, representative, agent, subAgent, bystander };
}

/** One end for every default period, so a sub-delegation's default lies within its parent's. */
const DEFAULT_UNTIL = inFuture(30 * DAY);

function grantRequest(agent: OrgUser, scopes: DelegationScope[] = ["CONTRACTS"]) {
  return { agentId: agent.id, scopes, validFrom: inFuture(0), validUntil: DEFAULT_UNTIL };
}

async function grant(grantor: OrgUser, agent: OrgUser, scopes: DelegationScope[] = ["CONTRACTS"]) {
  const response = await call("POST", "/api/delegations", grantor.auth, await signedGrantBody(testApp, grantor, grantRequest(agent, scopes)));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

function expectSignatureRefused(response: { statusCode: number; json: () => unknown }, message?: RegExp) {
  expect(response.statusCode).toBe(400);
  const body = response.json() as { error: { code: string; message: string; fields: { field: string }[] } };
  expect(body.error.code).toBe("VALIDATION_FAILED");
  expect(fieldsOf(body)).toEqual(["body.signedData"]);
  if (message) expect(body.error.message).toMatch(message);
}

describe("signed grants", () => {
  it("stores the statement, the signature and the certificate with the delegation, and shows who signed it", async () => {
    const { organization, representative, agent } = await createOrganization();
    const certificate = await certificateOf(testApp, representative);
    const body = await signedGrantBody(testApp, representative, grantRequest(agent, ["GUARANTEES", "CONTRACTS"]));
    const response = await call("POST", "/api/delegations", representative.auth, body);
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    const subjectDn = (await testApp.prisma.certificate.findUniqueOrThrow({ where: { id: certificate.certificateId } })).subjectDn;
    expect(created.grantSignature).toEqual({ certificateSubject: subjectDn, signedAt: created.createdAt });
    expect(created.revocationSignature).toBeNull();

    const statement = delegationGrantStatement({
      statementId: body.statementId,
      organizationId: organization.id,
      grantorId: representative.id,
      agentId: agent.id,
      parentId: null,
      scopes: ["CONTRACTS", "GUARANTEES"],
      validFrom: body.validFrom,
      validUntil: body.validUntil,
    });
    const row = await testApp.prisma.delegation.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.grantStatementId).toBe(body.statementId);
    expect(row.grantCertificateId).toBe(certificate.certificateId);
    expect(Buffer.from(row.grantStatement!).toString("utf8")).toBe(statement);
    expect(Buffer.from(row.grantSignedData!).toString("base64")).toBe(body.signedData);

    const audit = await testApp.prisma.auditEvent.findFirst({ where: { action: "delegations.granted", targetId: created.id } });
    expect(audit?.data).toMatchObject({ statementId: body.statementId, certificateId: certificate.certificateId });

    const listed = (await call("GET", "/api/delegations", agent.auth)).json().delegations;
    expect(listed).toEqual([expect.objectContaining({ id: created.id, grantSignature: created.grantSignature, revocationSignature: null })]);
  });

  it("refuses a missing, empty or garbage signature, naming the field", async () => {
    const { representative, agent } = await createOrganization();
    const { signedData: _signedData, ...unsigned } = await signedGrantBody(testApp, representative, grantRequest(agent));
    const missing = await call("POST", "/api/delegations", representative.auth, unsigned);
    expect(missing.statusCode).toBe(400);
    expect(fieldsOf(missing.json())).toContain("body.signedData");
    const empty = await call("POST", "/api/delegations", representative.auth, { ...unsigned, signedData: "" });
    expect(empty.statusCode).toBe(400);
    expect(fieldsOf(empty.json())).toContain("body.signedData");
    for (const garbage of ["AAAA", Buffer.from("not a signature at all").toString("base64")]) {
      expectSignatureRefused(await call("POST", "/api/delegations", representative.auth, { ...unsigned, signedData: garbage }), /CMS/);
    }
    const { statementId: _statementId, ...withoutId } = await signedGrantBody(testApp, representative, grantRequest(agent));
    const noId = await call("POST", "/api/delegations", representative.auth, withoutId);
    expect(fieldsOf(noId.json())).toContain("body.statementId");
    expect(await testApp.prisma.delegation.count({ where: { agentId: agent.id } })).toBe(0);
  });

  it("refuses a statement signed with someone else's certificate, even a colleague's", async () => {
    const { representative, agent, bystander } = await createOrganization();
    const colleagues = await certificateOf(testApp, bystander);
    const body = await signedGrantBody(testApp, representative, grantRequest(agent), { certificate: colleagues });
    expectSignatureRefused(await call("POST", "/api/delegations", representative.auth, body), /not made with one of your certificates/);
  });

  it("refuses a signature over other scopes, another period, another agent, parent or organisation", async () => {
    const { representative, agent, bystander } = await createOrganization();
    const other = await createOrganizationWithRepresentative(testApp);
    const request = grantRequest(agent, ["CONTRACTS"]);
    for (const signed of [
      { scopes: ["CONTRACTS", "BILLING"] as DelegationScope[] },
      { validUntil: inFuture(60 * DAY) },
      // The same instant written differently is other bytes: timestamps are signed as sent.
      { validFrom: request.validFrom.replace(/\.\d{3}Z$/, "Z") },
      { agentId: bystander.id },
      { parentId: randomUUID() },
      { organizationId: other.organization.id },
    ]) {
      const body = await signedGrantBody(testApp, representative, request, { signed });
      expectSignatureRefused(await call("POST", "/api/delegations", representative.auth, body), /does not sign the expected content/);
    }
  });

  it("refuses a revoked or expired certificate, and accepts another valid one of the same user", async () => {
    const { representative, agent } = await createOrganization();
    const revoked = await issueTestCertificate(testApp.app, testApp.prisma, { userId: representative.id });
    await testApp.prisma.certificate.update({ where: { id: revoked.certificateId }, data: { revokedAt: new Date(Date.now() - 1000) } });
    const revokedBody = await signedGrantBody(testApp, representative, grantRequest(agent), { certificate: revoked });
    expectSignatureRefused(await call("POST", "/api/delegations", representative.auth, revokedBody), /revoked/);

    const expired = await issueTestCertificate(testApp.app, testApp.prisma, {
      userId: representative.id,
      notBefore: new Date(Date.now() - 400 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const expiredBody = await signedGrantBody(testApp, representative, grantRequest(agent), { certificate: expired });
    expectSignatureRefused(await call("POST", "/api/delegations", representative.auth, expiredBody), /expired/);

    const second = await issueTestCertificate(testApp.app, testApp.prisma, { userId: representative.id });
    const ok = await call("POST", "/api/delegations", representative.auth, await signedGrantBody(testApp, representative, grantRequest(agent), { certificate: second }));
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it("refuses a replayed statement id with 409, also when sent twice at once or reused for a revocation", async () => {
    const { representative, agent, subAgent } = await createOrganization();
    const body = await signedGrantBody(testApp, representative, grantRequest(agent));
    expect((await call("POST", "/api/delegations", representative.auth, body)).statusCode).toBe(201);
    const replay = await call("POST", "/api/delegations", representative.auth, body);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error.code).toBe("CONFLICT");
    // A fresh signature does not help: the id itself was used.
    const resigned = await signedGrantBody(testApp, representative, grantRequest(subAgent), { statementId: body.statementId });
    expect((await call("POST", "/api/delegations", representative.auth, resigned)).statusCode).toBe(409);

    const racing = await signedGrantBody(testApp, representative, grantRequest(subAgent));
    const answers = await Promise.all([1, 2].map(() => call("POST", "/api/delegations", representative.auth, racing)));
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409]);
    expect(await testApp.prisma.delegation.count({ where: { grantStatementId: racing.statementId } })).toBe(1);

    const created = await testApp.prisma.delegation.findFirstOrThrow({ where: { grantStatementId: body.statementId } });
    const reused = await signedRevokeBody(testApp, representative, created.id, "reuse", { statementId: body.statementId });
    expect((await call("POST", `/api/delegations/${created.id}/revoke`, representative.auth, reused)).statusCode).toBe(409);
    expect((await testApp.prisma.delegation.findUniqueOrThrow({ where: { id: created.id } })).revokedAt).toBeNull();
  });

  it("makes the client name the parent the statement signs: null for the representative, a covering held delegation for an agent", async () => {
    const { representative, agent, subAgent } = await createOrganization();
    const narrow = await grant(representative, agent, ["CONTRACTS"]);
    const wide = await grant(representative, agent, ["CONTRACTS", "BILLING"]);

    const repWithParent = await signedGrantBody(testApp, representative, { ...grantRequest(subAgent), parentId: narrow.id });
    const refusedRep = await call("POST", "/api/delegations", representative.auth, repWithParent);
    expect(refusedRep.statusCode).toBe(400);
    expect(fieldsOf(refusedRep.json())).toEqual(["body.parentId"]);

    for (const parentId of [null, narrow.id, randomUUID()]) {
      const body = await signedGrantBody(testApp, agent, { ...grantRequest(subAgent, ["BILLING"]), validUntil: inFuture(10 * DAY), parentId });
      const response = await call("POST", "/api/delegations", agent.auth, body);
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json())).toEqual(["body.parentId"]);
      expect(response.json().error.fields[0].message).toContain(wide.id);
    }
    const named = await signedGrantBody(testApp, agent, { ...grantRequest(subAgent, ["BILLING"]), validUntil: inFuture(10 * DAY), parentId: wide.id });
    const ok = await call("POST", "/api/delegations", agent.auth, named);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().parentId).toBe(wide.id);
  });
});

describe("signed revocations", () => {
  it("stores the revoker's statement on the revoked delegation only; the branch below carries none", async () => {
    const { organization, representative, agent, subAgent } = await createOrganization();
    const root = await grant(representative, agent);
    const sub = await grant(agent, subAgent);
    const body = await signedRevokeBody(testApp, representative, root.id, "  계약 종료 / 契約終了  ");
    const response = await call("POST", `/api/delegations/${root.id}/revoke`, representative.auth, body);
    expect(response.statusCode, response.body).toBe(200);
    const { delegation, revokedIds } = response.json();
    expect(revokedIds).toEqual([root.id, sub.id]);
    expect(delegation.revocationSignature).toEqual({ certificateSubject: expect.stringContaining("CN="), signedAt: delegation.revokedAt });

    const rootRow = await testApp.prisma.delegation.findUniqueOrThrow({ where: { id: root.id } });
    expect(rootRow.revokedReason).toBe("계약 종료 / 契約終了");
    expect(Buffer.from(rootRow.revocationStatement!).toString("utf8")).toBe(
      delegationRevocationStatement({
        statementId: body.statementId,
        organizationId: organization.id,
        delegationId: root.id,
        revokerId: representative.id,
        reason: "계약 종료 / 契約終了",
      }),
    );
    expect(rootRow.revocationCertificateId).toBe((await certificateOf(testApp, representative)).certificateId);
    const subRow = await testApp.prisma.delegation.findUniqueOrThrow({ where: { id: sub.id } });
    expect(subRow).toMatchObject({ revokedReason: "계약 종료 / 契約終了", revocationStatementId: null, revocationSignedData: null, revocationCertificateId: null });

    const listed = (await call("GET", "/api/delegations", agent.auth)).json().delegations;
    expect(listed.find((d: { id: string }) => d.id === sub.id)).toMatchObject({ state: "REVOKED", revocationSignature: null, grantSignature: { signedAt: sub.createdAt } });
  });

  it("refuses an unsigned revocation, one signed over another reason or delegation, or by someone else's certificate", async () => {
    const { representative, agent, subAgent, bystander } = await createOrganization();
    const root = await grant(representative, agent);
    const other = await grant(representative, subAgent);
    const url = `/api/delegations/${root.id}/revoke`;

    const missing = await call("POST", url, representative.auth, { reason: "unsigned" });
    expect(missing.statusCode).toBe(400);
    // The first missing field is named (the schema stops at the first error).
    expect(["body.statementId", "body.signedData"]).toContain(fieldsOf(missing.json())[0]);

    const otherReason = await signedRevokeBody(testApp, representative, root.id, "Left the project", { signedReason: "Project finished" });
    expectSignatureRefused(await call("POST", url, representative.auth, otherReason));
    // A signature revoking another delegation does not revoke this one.
    const forOther = await signedRevokeBody(testApp, representative, other.id, "Left the project");
    expectSignatureRefused(await call("POST", url, representative.auth, forOther));
    const byColleague = await signedRevokeBody(testApp, representative, root.id, "Left", { certificate: await certificateOf(testApp, bystander) });
    expectSignatureRefused(await call("POST", url, representative.auth, byColleague));

    expect((await testApp.prisma.delegation.findUniqueOrThrow({ where: { id: root.id } })).revokedAt).toBeNull();
  });

  it("leaves deactivation as it was: the operator's act revokes the user's delegations without a signature", async () => {
    const { representative, agent, subAgent } = await createOrganization();
    const root = await grant(representative, agent);
    const response = await call("PATCH", `/api/users/${agent.id}`, representative.auth, { isActive: false });
    expect(response.statusCode, response.body).toBe(200);
    const row = await testApp.prisma.delegation.findUniqueOrThrow({ where: { id: root.id } });
    expect(row.revokedAt).not.toBeNull();
    expect(row.revocationStatementId).toBeNull();
    expect(subAgent.id).toBeTruthy();
  });
});

describe("GET /api/delegations/:delegationId/statement", () => {
  it("returns the exact statements and signatures, which openssl verifies against the platform CA", async () => {
    const { representative, agent, bystander } = await createOrganization();
    const root = await grant(representative, agent, ["BILLING", "CONTRACTS"]);
    const before = (await call("GET", `/api/delegations/${root.id}/statement`, bystander.auth)).json();
    expect(before.revocation).toBeNull();
    expect(JSON.parse(before.grant.statement)).toMatchObject({ type: "pwp.delegation.grant.v1", agentId: agent.id, scopes: ["BILLING", "CONTRACTS"] });
    expect(before.grant).toMatchObject({ certificateSubject: root.grantSignature.certificateSubject, signedAt: root.createdAt });

    await call("POST", `/api/delegations/${root.id}/revoke`, representative.auth, await signedRevokeBody(testApp, representative, root.id, "Reorganised"));
    const statements = (await call("GET", `/api/delegations/${root.id}/statement`, bystander.auth)).json();
    expect(JSON.parse(statements.revocation.statement)).toMatchObject({ type: "pwp.delegation.revoke.v1", delegationId: root.id, reason: "Reorganised" });

    const files = tempDir();
    try {
      // OpenSSL 3.0's cms -verify has no -untrusted and its -certfile only finds the signer, so the issuing CA goes
      // into the CA file next to the root (the chain still has to end at the self-signed root).
      const root = toPem(testApp.app.pki.root.certificateDer, "CERTIFICATE");
      const issuing = toPem(testApp.app.pki.issuing.certificateDer, "CERTIFICATE");
      files.write("ca.pem", `${root.trimEnd()}\n${issuing}`);
      for (const [name, signed] of [["grant", statements.grant], ["revocation", statements.revocation]] as const) {
        files.write(`${name}.json`, signed.statement);
        files.write(`${name}.p7s`, Buffer.from(signed.signedData, "base64"));
        const args = ["cms", "-verify", "-binary", "-inform", "DER", "-in", files.file(`${name}.p7s`), "-content", files.file(`${name}.json`)];
        // -cades also checks the signing-certificate-v2 attribute against the signer certificate.
        const trust = ["-CAfile", files.file("ca.pem"), "-purpose", "any", "-cades", "-out", files.file(`${name}.out`)];
        const verified = await openssl([...args, ...trust]);
        expect(verified.stderr).toContain("Verification successful");
        expect(verified.code).toBe(0);
        // One byte more and it no longer verifies.
        files.write(`${name}.json`, `${signed.statement} `);
        expect((await openssl([...args, ...trust])).code).not.toBe(0);
      }
    } finally {
      files.remove();
    }
  });

  it("answers null for a delegation recorded before signing existed", async () => {
    const { organization, representative, agent } = await createOrganization();
    const legacy = await testApp.prisma.delegation.create({
      data: { organizationId: organization.id, grantorId: representative.id, agentId: agent.id, scopes: ["CONTRACTS"], validFrom: new Date(), validUntil: new Date(Date.now() + DAY) },
    });
    const response = await call("GET", `/api/delegations/${legacy.id}/statement`, agent.auth);
    expect(response.json()).toEqual({ grant: null, revocation: null });
    const listed = (await call("GET", "/api/delegations", agent.auth)).json().delegations;
    expect(listed.find((d: { id: string }) => d.id === legacy.id)).toMatchObject({ grantSignature: null, revocationSignature: null });
  });

  it("needs a session, and hides another organisation's delegation behind a 404", async () => {
    const { representative, agent } = await createOrganization();
    const root = await grant(representative, agent);
    expect((await call("GET", `/api/delegations/${root.id}/statement`)).statusCode).toBe(401);
    const other = await createOrganizationWithRepresentative(testApp);
    const cross = await call("GET", `/api/delegations/${root.id}/statement`, other.representative.auth);
    expect(cross.statusCode).toBe(404);
    expect(cross.body).not.toContain(agent.id);
    expect(cross.body).not.toContain("signedData");
    expect((await call("GET", `/api/delegations/${randomUUID()}/statement`, representative.auth)).statusCode).toBe(404);
    const badId = await call("GET", "/api/delegations/not-a-uuid/statement", representative.auth);
    expect(badId.statusCode).toBe(400);
    expect(fieldsOf(badId.json())).toEqual(["params.delegationId"]);
  });
});
