import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidRegistrationNumber } from "@pwp/shared/registration-number";
import { createAuthKeys } from "../src/lib/guarantee-auth-keys.ts";
import { DEMO_CONTRACT_NUMBER } from "../src/seed/demo-contract.ts";
import { DEMO_AUTH_KEY, DEMO_GUARANTEE_NUMBER } from "../src/seed/demo-guarantee.ts";
import { DEMO_OPS_CERTIFICATE_FILE, DEMO_ORGANIZATIONS, DEMO_PASSWORD, seedDemoDataIfEmpty } from "../src/seed/demo-data.ts";
import { buildTestApp, type TestApp } from "./support/test-app.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await buildTestApp();
});
afterAll(() => testApp?.close());

describe("demo data", () => {
  it("has an ops user and, per country, an orderer, a contractor and a surety with a representative and a staff user", () => {
    const kinds = DEMO_ORGANIZATIONS.map((organization) => `${organization.kind}:${organization.country}`);
    expect(kinds).toEqual(expect.arrayContaining(["OPERATOR:KR", "ORDERER:KR", "CONTRACTOR:KR", "SURETY:KR", "ORDERER:JP", "CONTRACTOR:JP", "SURETY:JP"]));
    for (const organization of DEMO_ORGANIZATIONS) {
      expect(isValidRegistrationNumber(organization.country, organization.registrationNumber), organization.nameLatin).toBe(true);
      if (organization.kind !== "OPERATOR") {
        expect(organization.users.map((user) => user.role).sort()).toEqual(["REPRESENTATIVE", "STAFF"]);
      }
    }
  });

  it("seeds an empty database once, and every demo login signs in to its organisation", async () => {
    const demoFilesDir = path.join(testApp.config.dataDir, "demo");
    const options = { pki: testApp.app.pki, pkiMasterKey: testApp.config.pkiMasterKey, publicUrl: testApp.config.publicUrl, demoFilesDir };
    expect(await seedDemoDataIfEmpty(testApp.prisma, options)).toBe(true);
    expect(await seedDemoDataIfEmpty(testApp.prisma, options)).toBe(false);
    expect(await testApp.prisma.auditEvent.count({ where: { action: "demo.seeded" } })).toBe(1);
    // Ops sign in with a certificate only: the seed hands ops@demo.test one as a PKCS#12 file openssl opens.
    const p12 = path.join(demoFilesDir, DEMO_OPS_CERTIFICATE_FILE);
    const certificate = execFileSync("openssl", ["pkcs12", "-in", p12, "-passin", `pass:${DEMO_PASSWORD}`, "-nokeys", "-clcerts"], { encoding: "utf8" });
    expect(certificate).toContain("BEGIN CERTIFICATE");
    const opsUser = await testApp.prisma.user.findUniqueOrThrow({ where: { email: "ops@demo.test" }, include: { certificates: true } });
    expect(certificate).toContain(opsUser.id);
    expect(opsUser.certificates).toHaveLength(1);
    for (const organization of DEMO_ORGANIZATIONS) {
      for (const user of organization.users) {
        const response = await testApp.app.inject({
          method: "POST",
          url: "/api/auth/sign-in",
          payload: { registrationNumber: organization.registrationNumber, loginId: user.loginId, password: DEMO_PASSWORD },
        });
        expect(response.statusCode, user.email).toBe(200);
        expect(response.json().user).toMatchObject({ email: user.email, role: user.role, organization: { kind: organization.kind } });
      }
    }
  });

  it("holds a completed contract whose PDF carries two valid, time-stamped signatures, one per side", async () => {
    const contract = await testApp.prisma.contract.findFirstOrThrow({
      where: { contractNumber: DEMO_CONTRACT_NUMBER },
      select: { status: true, revisions: { orderBy: { revision: "desc" }, take: 1, select: { pdf: true } }, signatures: { select: { side: true } } },
    });
    expect(contract.status).toBe("COMPLETED");
    expect(contract.signatures.map((signature) => signature.side).sort()).toEqual(["CONTRACTOR", "ORDERER"]);
    const response = await testApp.app.inject({
      method: "POST",
      url: "/api/verify/pdf",
      headers: { "content-type": "application/pdf" },
      payload: Buffer.from(contract.revisions[0]!.pdf),
    });
    expect(response.statusCode).toBe(200);
    const { signatures } = response.json();
    expect(signatures).toHaveLength(2);
    for (const signature of signatures) {
      expect(signature).toMatchObject({ isValid: true, problems: [], timestamp: { isValid: true } });
    }
    expect(signatures.map((signature: { fieldName: string }) => signature.fieldName)).toEqual(["ContractorSignature", "OrdererSignature"]);
    expect(signatures[1].coversWholeDocument).toBe(true);
  });

  it("holds an issued guarantee of the demo contract whose key opens it and whose certificate PDF is signed by the surety", async () => {
    const guarantee = await testApp.prisma.guarantee.findUniqueOrThrow({
      where: { guaranteeNumber: DEMO_GUARANTEE_NUMBER },
      select: { id: true, status: true, authKeyHash: true, contract: { select: { contractNumber: true } }, versions: { select: { certificatePdf: true, signedAt: true } } },
    });
    expect(guarantee).toMatchObject({ status: "ISSUED", contract: { contractNumber: DEMO_CONTRACT_NUMBER } });
    const keys = createAuthKeys(testApp.config.pkiMasterKey);
    expect(keys.verifyAuthKey(guarantee, DEMO_AUTH_KEY)).toBe(true);
    expect(keys.verifyAuthKey(guarantee, "Hk7mPq2RxW9tZb")).toBe(false);
    const response = await testApp.app.inject({
      method: "POST",
      url: "/api/verify/pdf",
      headers: { "content-type": "application/pdf" },
      payload: Buffer.from(guarantee.versions[0]!.certificatePdf),
    });
    expect(response.json().signatures).toMatchObject([{ fieldName: "SuretySignature", isValid: true, coversWholeDocument: true }]);
  });
});
