// A SIGNER certificate from the platform's issuing CA for a user, stored as the certificates module stores one,
// for keys made outside a browser: the demo seed's representatives and the tests' signers. Real users get theirs
// through a request and its approval (modules/certificates).
import { createHash } from "node:crypto";
import { issueCertificate, randomSerialNumberHex } from "@pwp/pki/ca";
import { parseCertificate } from "@pwp/pki/certificate";
import type { DbClient } from "../../db/database.ts";
import type { PlatformCas } from "./platform-ca.ts";

const DAY_MS = 86_400_000;

export type IssuedUserCertificate = { certificateId: string; certificateDer: Uint8Array; keyPair: CryptoKeyPair };

export async function issueUserCertificateDirectly(
  db: DbClient,
  cas: PlatformCas,
  options: { userId: string; now: Date; keyPair?: CryptoKeyPair; notBefore?: Date; notAfter?: Date; crlUrl?: string },
): Promise<IssuedUserCertificate> {
  const user = await db.user.findUniqueOrThrow({ where: { id: options.userId }, include: { organization: true } });
  const keyPair =
    options.keyPair ?? ((await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"])) as CryptoKeyPair);
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", keyPair.publicKey));
  const notBefore = options.notBefore ?? new Date(options.now.getTime() - DAY_MS);
  const der = await issueCertificate({
    issuerCertificateDer: cas.issuing.certificateDer,
    issuerPrivateKey: cas.issuing.privateKey,
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
    ...(options.crlUrl ? { crlDistributionPointUrl: options.crlUrl } : {}),
  });
  const info = await parseCertificate(der);
  const row = await db.certificate.create({
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
