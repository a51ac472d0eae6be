// An organisation with several users, and access tokens for them, for the users and delegations tests.
import { randomUUID } from "node:crypto";
import type { UserRole } from "@pwp/shared/enums";
import type { OrganizationStatus } from "@pwp/shared/enums";
import { hashPassword } from "../../../src/lib/password.ts";
import { createUser, TEST_PASSWORD } from "../../support/fixtures.ts";
import type { TestApp } from "../../support/test-app.ts";

let passwordHash: Promise<string> | undefined;

export interface OrgUser {
  id: string;
  email: string;
  loginId: string;
  role: UserRole;
  organizationId: string;
  /** An Authorization header value for this user. */
  auth: string;
}

export function bearer(testApp: TestApp, user: { id: string; organizationId: string; role: UserRole }, status: OrganizationStatus = "APPROVED") {
  const token = testApp.app.jwt.sign({ sub: user.id, org: user.organizationId, kind: "CONTRACTOR", role: user.role, status });
  return `Bearer ${token}`;
}

/** An approved organisation with its representative. */
export async function createOrganizationWithRepresentative(testApp: TestApp, status: OrganizationStatus = "APPROVED") {
  const { organization, user } = await createUser(testApp.prisma, { role: "REPRESENTATIVE", status });
  const representative: OrgUser = { ...user, auth: bearer(testApp, user, status) };
  return { organization, representative };
}

export async function addUser(testApp: TestApp, organizationId: string, role: UserRole = "STAFF", isActive = true): Promise<OrgUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const suffix = randomUUID().slice(0, 8);
  const user = await testApp.prisma.user.create({
    data: {
      organizationId,
      loginId: `member-${suffix}`,
      email: `member-${suffix}@example.test`,
      name: `Member ${suffix}`,
      role,
      passwordHash: await passwordHash,
      isActive,
    },
  });
  return { ...user, auth: bearer(testApp, user) };
}

/** Signs in for real, so the user has a refresh token in the database. */
export async function signInForRefreshToken(testApp: TestApp, email: string, password = TEST_PASSWORD): Promise<string> {
  const response = await testApp.app.inject({ method: "POST", url: "/api/auth/sign-in", payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === "pwp_refresh");
  if (!cookie) throw new Error("no refresh cookie");
  return cookie.value;
}

export function fieldsOf(body: { error?: { fields?: { field: string }[] } }): string[] {
  return body.error?.fields?.map((f) => f.field) ?? [];
}
