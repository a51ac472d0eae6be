// The platform's certification authorities: a root, an issuing CA under it (users' certificates and CRLs) and a
// time-stamping authority. They are created on the first start and loaded on every later one; their private keys
// are kept encrypted under PKI_MASTER_KEY and, once loaded, exist only as non-extractable CryptoKeys.
import { randomUUID } from "node:crypto";
import { createSelfSignedCa, issueCertificate, randomSerialNumberHex } from "@pwp/pki/ca";
import { parseCertificate, type CertificateInfo } from "@pwp/pki/certificate";
import type { SubjectName } from "@pwp/pki/names";
import { ConfigError } from "../../config.ts";
import type { PrismaClient } from "../../db/database.ts";
import type { CertificateAuthorityRole } from "../../generated/prisma/enums.ts";
import { decryptPrivateKey, encryptPrivateKey, MasterKeyMismatchError } from "./master-key.ts";
import { recordAuditEvent } from "../audit.ts";

export interface LoadedCa {
  id: string;
  role: CertificateAuthorityRole;
  certificateDer: Uint8Array;
  info: CertificateInfo;
  /** Non-extractable, usage ["sign"]. */
  privateKey: CryptoKey;
}

export interface PlatformCas {
  root: LoadedCa;
  issuing: LoadedCa;
  tsa: LoadedCa;
}

const PLATFORM_ORGANIZATION = "pwp Platform";
const SUBJECTS: Record<CertificateAuthorityRole, SubjectName> = {
  ROOT: { commonName: "pwp Platform Root CA", organizationName: PLATFORM_ORGANIZATION },
  ISSUING: { commonName: "pwp Issuing CA", organizationName: PLATFORM_ORGANIZATION },
  TSA: { commonName: "pwp Time Stamping Authority", organizationName: PLATFORM_ORGANIZATION },
};
const VALIDITY_YEARS: Record<CertificateAuthorityRole, number> = { ROOT: 20, ISSUING: 10, TSA: 5 };
const ROLES = ["ROOT", "ISSUING", "TSA"] as const satisfies readonly CertificateAuthorityRole[];
/** Any constant: every instance that bootstraps takes the same transaction-scoped advisory lock. */
const BOOTSTRAP_LOCK_KEY = 4_551_001;
const EC_P256 = { name: "ECDSA", namedCurve: "P-256" } as const;
/** Clocks of relying parties run a little behind ours: start validity a few minutes early. */
const BACKDATE_MS = 5 * 60_000;

const associatedDataOf = (role: CertificateAuthorityRole, id: string) => `pwp-ca:${role}:${id}`;

function addYears(date: Date, years: number): Date {
  const result = new Date(date);
  result.setUTCFullYear(result.getUTCFullYear() + years);
  return result;
}

/** A CA row's fields: the certificate and its key, encrypted. The key pair is extractable only inside this call. */
async function createCaRow(
  masterKey: Uint8Array,
  role: CertificateAuthorityRole,
  now: Date,
  issuer: { certificateDer: Uint8Array; privateKey: CryptoKey } | undefined,
) {
  const keyPair = (await crypto.subtle.generateKey(EC_P256, true, ["sign", "verify"])) as CryptoKeyPair;
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const notAfter = addYears(now, VALIDITY_YEARS[role]);
  const serialNumberHex = randomSerialNumberHex();
  const certificateDer = issuer
    ? await issueCertificate({
        issuerCertificateDer: issuer.certificateDer,
        issuerPrivateKey: issuer.privateKey,
        subject: SUBJECTS[role],
        subjectPublicKeySpki: new Uint8Array(await crypto.subtle.exportKey("spki", keyPair.publicKey)),
        serialNumberHex,
        notBefore,
        notAfter,
        profile: role === "TSA" ? "TSA" : "ISSUING_CA",
      })
    : await createSelfSignedCa({ subject: SUBJECTS[role], keyPair, serialNumberHex, notBefore, notAfter });
  const info = await parseCertificate(certificateDer);
  const id = randomUUID();
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", keyPair.privateKey));
  const encrypted = encryptPrivateKey(masterKey, pkcs8, associatedDataOf(role, id));
  pkcs8.fill(0);
  return {
    row: {
      id,
      role,
      activeRole: role,
      certificateDer: new Uint8Array(certificateDer),
      subjectDn: info.subjectDn,
      serialNumberHex: info.serialNumberHex,
      notBefore: info.notBefore,
      notAfter: info.notAfter,
      keyAlgorithm: "EC-P256",
      ...encrypted,
    },
    signer: { certificateDer, privateKey: keyPair.privateKey },
  };
}

async function createPlatformCas(prisma: PrismaClient, masterKey: Uint8Array, now: Date): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      // Two instances starting together on one PostgreSQL: the second waits here, then finds the first one's CAs.
      // (The unique index on activeRole would refuse a second root anyway.)
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK_KEY})`);
      const existing = await tx.certificateAuthority.count({ where: { activeRole: { not: null } } });
      if (existing > 0) return;
      const root = await createCaRow(masterKey, "ROOT", now, undefined);
      const issuing = await createCaRow(masterKey, "ISSUING", now, root.signer);
      // The TSA hangs from the issuing CA, like users' certificates: one chain for relying parties to know.
      const tsa = await createCaRow(masterKey, "TSA", now, issuing.signer);
      for (const created of [root, issuing, tsa]) await tx.certificateAuthority.create({ data: created.row, select: { id: true } });
      await recordAuditEvent(tx, {
        action: "pki.certification_authorities_created",
        data: { root: root.row.serialNumberHex, issuing: issuing.row.serialNumberHex, tsa: tsa.row.serialNumberHex },
      });
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}

async function loadCa(prisma: PrismaClient, masterKey: Uint8Array, role: CertificateAuthorityRole): Promise<LoadedCa | undefined> {
  const row = await prisma.certificateAuthority.findUnique({
    where: { activeRole: role },
    select: { id: true, role: true, certificateDer: true, encryptedKey: true, keyIv: true, keyTag: true },
  });
  if (!row) return undefined;
  let pkcs8: Uint8Array<ArrayBuffer>;
  try {
    pkcs8 = decryptPrivateKey(masterKey, row, associatedDataOf(row.role, row.id));
  } catch (error) {
    if (error instanceof MasterKeyMismatchError) {
      throw new ConfigError(
        `PKI_MASTER_KEY does not open the platform CA keys stored in the database (the ${role} CA): set the key these CAs were created with.`,
      );
    }
    throw error;
  }
  const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, EC_P256, false, ["sign"]);
  pkcs8.fill(0);
  const certificateDer = new Uint8Array(row.certificateDer);
  return { id: row.id, role: row.role, certificateDer, info: await parseCertificate(certificateDer), privateKey };
}

/** Loads the platform CAs, creating them first if this database has none. */
export async function loadOrCreatePlatformCas(prisma: PrismaClient, masterKey: Uint8Array, now = new Date()): Promise<PlatformCas> {
  if ((await prisma.certificateAuthority.count({ where: { activeRole: { not: null } } })) === 0) {
    await createPlatformCas(prisma, masterKey, now);
  }
  const [root, issuing, tsa] = await Promise.all(ROLES.map((role) => loadCa(prisma, masterKey, role)));
  if (!root || !issuing || !tsa) throw new Error("The platform CAs are incomplete in the database (a root, an issuing CA and a TSA are needed).");
  return { root, issuing, tsa };
}
