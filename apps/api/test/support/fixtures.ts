// Test data made through the same code paths as real data; every file creates its own.
import { randomInt, randomUUID } from "node:crypto";
import type { Country, OrganizationKind, OrganizationStatus, UserRole } from "@pwp/shared/enums";
import { isValidRegistrationNumber } from "@pwp/shared/registration-number";
import type { PrismaClient } from "../../src/db/database.ts";
import { hashPassword } from "../../src/lib/password.ts";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

/** A random registration number with a valid check digit. */
export function makeRegistrationNumber(country: Country): string {
  for (;;) {
    const candidate =
      country === "KR"
        ? Array.from({ length: 10 }, () => randomInt(10)).join("")
        : Array.from({ length: 13 }, (_, i) => (i === 0 ? randomInt(1, 10) : randomInt(10))).join("");
    if (isValidRegistrationNumber(country, candidate)) return candidate;
  }
}

export async function createOrganization(
  prisma: PrismaClient,
  kind: OrganizationKind = "CONTRACTOR",
  country: Country = "KR",
  status: OrganizationStatus = "APPROVED",
) {
  return prisma.organization.create({
    data: {
      kind,
      country,
      status,
      registrationNumber: makeRegistrationNumber(country),
      nameLocal: `테스트 ${kind} ${randomUUID().slice(0, 8)}`,
      nameLatin: `Test ${kind}`,
    },
  });
}

export async function createUser(
  prisma: PrismaClient,
  options: { kind?: OrganizationKind; country?: Country; role?: UserRole; isActive?: boolean; status?: OrganizationStatus } = {},
) {
  const organization = await createOrganization(prisma, options.kind, options.country, options.status);
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const user = await prisma.user.create({
    data: {
      organizationId: organization.id,
      loginId: `user${randomInt(1_000_000)}`,
      email: `user-${randomUUID()}@example.test`,
      name: "Test User",
      role: options.role ?? "STAFF",
      passwordHash: await passwordHash,
      isActive: options.isActive ?? true,
    },
  });
  return { organization, user };
}
