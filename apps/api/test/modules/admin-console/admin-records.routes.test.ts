// Ops read certificates and the CRL, contracts and guarantees of every organisation (metadata only, never a
// guarantee's key), and the system status; nobody else may.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AdminCertificateList, AdminContractList, AdminGuaranteeList, CrlStatus, SystemStatus } from "@pwp/shared/admin-console";
import { issueTestCertificate } from "../../support/certificates.ts";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { authKeyOf, issuedGuarantee } from "../guarantees/guarantee-fixtures.ts";
import { bearer, signInOps } from "../registration/registration-helpers.ts";

let testApp: TestApp;
let opsToken: string;
let issued: Awaited<ReturnType<typeof issuedGuarantee>>;

beforeAll(async () => {
  testApp = await buildTestApp();
  opsToken = (await signInOps(testApp.app, testApp.prisma)).token;
  issued = await issuedGuarantee(testApp);
});
afterAll(async () => {
  await testApp.close();
});

async function get<T>(url: string, token: string | null = opsToken) {
  const response = await testApp.app.inject({ method: "GET", url, ...(token ? { headers: bearer(token) } : {}) });
  return { status: response.statusCode, body: response.json<T>(), raw: response.body };
}

describe("records for ops", () => {
  it("lists contracts and guarantees by party and status, with no secret of a guarantee in the answer", async () => {
    const contracts = await get<AdminContractList>(`/api/admin/contracts?organizationId=${issued.orderer.organization.id}`);
    expect(contracts.status).toBe(200);
    expect(contracts.body.contracts).toEqual([
      expect.objectContaining({ id: issued.contract.id, status: "SENT", orderer: { id: issued.orderer.organization.id, nameLocal: issued.orderer.organization.nameLocal } }),
    ]);
    const byContractor = await get<AdminContractList>(`/api/admin/contracts?organizationId=${issued.contractor.organization.id}&status=COMPLETED`);
    expect(byContractor.body.contracts).toEqual([]);

    const guarantees = await get<AdminGuaranteeList>(`/api/admin/guarantees?organizationId=${issued.surety.organization.id}&status=ISSUED`);
    expect(guarantees.body.guarantees).toEqual([expect.objectContaining({ id: issued.guarantee.id, status: "ISSUED", guaranteeNumber: issued.guarantee.guaranteeNumber })]);
    const byNumber = await get<AdminGuaranteeList>(`/api/admin/guarantees?q=${encodeURIComponent(issued.guarantee.guaranteeNumber!)}`);
    expect(byNumber.body.guarantees.map((guarantee) => guarantee.id)).toEqual([issued.guarantee.id]);

    const key = await authKeyOf(testApp, issued.contractor.representative, issued.guarantee.id);
    const stored = await testApp.prisma.guarantee.findUniqueOrThrow({ where: { id: issued.guarantee.id }, select: { authKeyHash: true } });
    expect(guarantees.raw).not.toContain(key);
    expect(guarantees.raw).not.toContain(stored.authKeyHash!);
    expect(guarantees.raw).not.toMatch(/authKey|ciphertext|offlineFile"/i);
  });

  it("lists certificates by status and holder, and reports and republishes the CRL", async () => {
    const certificate = await issueTestCertificate(testApp.app, testApp.prisma, { userId: issued.orderer.representative.id });
    const valid = await get<AdminCertificateList>(`/api/admin/certificates?organizationId=${issued.orderer.organization.id}&status=VALID`);
    expect(valid.body.certificates.map((row) => row.id)).toEqual([certificate.certificateId]);
    expect(valid.body.certificates[0]?.holder.id).toBe(issued.orderer.representative.id);
    const revoked = await get<AdminCertificateList>(`/api/admin/certificates?organizationId=${issued.orderer.organization.id}&status=REVOKED`);
    expect(revoked.body.certificates).toEqual([]);
    expect(valid.raw).not.toMatch(/certificateDer|BEGIN/);

    const crl = await get<CrlStatus>("/api/admin/crl");
    expect(crl.status).toBe(200);
    const republished = await testApp.app.inject({ method: "POST", url: "/api/admin/crl/publication", headers: bearer(opsToken) });
    expect(republished.statusCode).toBe(200);
    expect(BigInt(republished.json<CrlStatus>().crlNumber)).toBe(BigInt(crl.body.crlNumber) + 1n);
    expect(await testApp.prisma.auditEvent.count({ where: { action: "pki.crl_published" } })).toBe(1);
  });

  it("reports the system status", async () => {
    const status = await get<SystemStatus>("/api/admin/status");
    expect(status.status).toBe(200);
    expect(status.body.database.migrationsPending).toEqual([]);
    expect(status.body.database.latestMigration).toMatch(/operations_layer|^\d{14}_/);
    // The suite runs once on the embedded database and once on a PostgreSQL server (global-setup provides its URL).
    expect(status.body.database.engine).toBe(inject("postgresAdminUrl") ? "postgresql" : "pglite");
    expect(status.body.database.serverVersion).toMatch(/^1[5-9]/);
    expect(status.body.auditEvents).toBe(await testApp.prisma.auditEvent.count());
    expect(status.body.mailOutbox).toEqual(expect.objectContaining({ pending: expect.any(Number), failed: expect.any(Number) }));
    expect(status.body.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("is for ops only", async () => {
    for (const url of ["/api/admin/status", "/api/admin/certificates", "/api/admin/crl", "/api/admin/contracts", "/api/admin/guarantees"]) {
      expect((await get(url, issued.orderer.representative.auth.replace(/^Bearer /, ""))).status, url).toBe(403);
      expect((await get(url, null)).status, url).toBe(401);
    }
    const badFilter = await get<{ error: { fields: Array<{ field: string }> } }>("/api/admin/contracts?status=SIGNED");
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error.fields[0]?.field).toBe("querystring.status");
  });
});
