// A certificate from the platform's issuing CA for a test user, stored as the certificates module stores one, so
// tests of signing (contracts, delegations) start from a user who already holds a key and a certificate.
import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { issueCertificate, randomSerialNumberHex } from "@pwp/pki/ca";
import { parseCertificate } from "@pwp/pki/certificate";
import type { PrismaClient } from "../../src/db/database.ts";

const DAY_MS = 86_400_000;

export type TestCertificate = { certificateId: string; certificateDer: Uint8Array; keyPair: CryptoKeyPair };

export async function issueTestCertificate(
  app: FastifyInstance,
  prisma: PrismaClient,
  options: { userId: string; keyPair?: CryptoKeyPair; notBefore?: Date; notAfter?: Date },
): Promise<TestCertificate> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: options.userId }, include: { organization: true } });
  const keyPair =
    options.keyPair ?? ((await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"])) as CryptoKeyPair);
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", keyPair.publicKey));
  const notBefore = options.notBefore ?? new Date(app.now().getTime() - DAY_MS);
  const der = await issueCertificate({
    issuerCertificateDer: app.pki.issuing.certificateDer,
    issuerPrivateKey: app.pki.issuing.privateKey,
    subject: {
      country: user.organization.country,
      organizationName: user.organization.nameLocal,
      organizationIdentifier: `${user.organization.country}-${user.organization.registrationNumber}`,
      commonName: user.name,
      serialNumber: user.id,
    },
    subjectPublicKeySpki: spki,
    serialNumberHex: randomSerialNumberHex(),
    notBefore,
    notAfter: options.notAfter ?? new Date(notBefore.getTime() + 365 * DAY_MS),
    profile: "SIGNER",
  });
  const info = await parseCertificate(der);
  const row = await prisma.certificate.create({
    data: {
      userId: user.id,
      organizationId: user.organizationId,
      origin: "ISSUED",
      serialNumberHex: info.serialNumberHex,
      issuerDn: info.issuerDn,
      subjectDn: info.subjectDn,
      certificateDer: der,
      notBefore: info.notBefore,
      notAfter: info.notAfter,
      keyAlgorithm: "EC-P256",
      fingerprintSha256: info.fingerprintSha256Hex,
      publicKeySha256: createHash("sha256").update(spki).digest("hex"),
    },
    select: { id: true },
  });
  return { certificateId: row.id, certificateDer: der, keyPair };
}
