// A certificate from the platform's issuing CA for a test user, so tests of signing (contracts, delegations,
// guarantees) start from a user who already holds a key and a certificate.
import type { FastifyInstance } from "fastify";
import type { PrismaClient } from "../../src/db/database.ts";
import { issueUserCertificateDirectly, type IssuedUserCertificate } from "../../src/lib/pki/demo-certificates.ts";

export type TestCertificate = IssuedUserCertificate;

export function issueTestCertificate(
  app: FastifyInstance,
  prisma: PrismaClient,
  options: { userId: string; keyPair?: CryptoKeyPair; notBefore?: Date; notAfter?: Date },
): Promise<TestCertificate> {
  return issueUserCertificateDirectly(prisma, app.pki, { ...options, now: app.now() });
}
