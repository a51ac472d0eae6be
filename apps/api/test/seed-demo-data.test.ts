import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidRegistrationNumber } from "@pwp/shared/registration-number";
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, seedDemoDataIfEmpty } from "../src/seed/demo-data.ts";
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
    expect(await seedDemoDataIfEmpty(testApp.prisma)).toBe(true);
    expect(await seedDemoDataIfEmpty(testApp.prisma)).toBe(false);
    expect(await testApp.prisma.auditEvent.count({ where: { action: "demo.seeded" } })).toBe(1);
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
});
