// The issuing CA's CRL: published again on every revocation (in the revoking transaction) and whenever the newest
// one has used up half its validity, so a relying party that fetches it always gets one current for a while.
import { createCrl } from "@pwp/pki/crl";
import type { DbClient } from "../../db/database.ts";
import type { LoadedCa } from "./platform-ca.ts";

/** Serialises CRL numbering between instances (crlNumber must increase by one per CRL). */
const CRL_LOCK_KEY = 4_551_002;

/** Transaction-scoped and re-entrant: publishCrl takes it again without waiting. */
export async function lockCrlNumbering(db: DbClient): Promise<void> {
  await db.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CRL_LOCK_KEY})`);
}

export interface PublishedCrl {
  der: Uint8Array;
  crlNumber: bigint;
  thisUpdate: Date;
  nextUpdate: Date;
}

const CRL_SELECT = { der: true, crlNumber: true, thisUpdate: true, nextUpdate: true } as const;

function toPublished(row: { der: Uint8Array; crlNumber: bigint; thisUpdate: Date; nextUpdate: Date }): PublishedCrl {
  return { der: new Uint8Array(row.der), crlNumber: row.crlNumber, thisUpdate: row.thisUpdate, nextUpdate: row.nextUpdate };
}

export function isCrlDueForRefresh(crl: { thisUpdate: Date; nextUpdate: Date }, now: Date): boolean {
  const halfway = crl.thisUpdate.getTime() + (crl.nextUpdate.getTime() - crl.thisUpdate.getTime()) / 2;
  return now.getTime() >= halfway;
}

/**
 * Signs and stores a new CRL listing every certificate the issuing CA issued and that is revoked at `now`. Run it
 * inside the transaction that revokes, so the revocation and the CRL that lists it commit together.
 */
export async function publishCrl(db: DbClient, issuing: LoadedCa, now: Date, validityHours: number): Promise<PublishedCrl> {
  await lockCrlNumbering(db);
  const latest = await db.crl.findFirst({ where: { issuerId: issuing.id }, orderBy: { crlNumber: "desc" }, select: { crlNumber: true } });
  const crlNumber = (latest?.crlNumber ?? 0n) + 1n;
  const revoked = await db.certificate.findMany({
    where: { origin: "ISSUED", issuerDn: issuing.info.subjectDn, revokedAt: { not: null, lte: now } },
    orderBy: [{ revokedAt: "asc" }, { id: "asc" }],
    select: { serialNumberHex: true, revokedAt: true, revocationReason: true },
  });
  const thisUpdate = now;
  const nextUpdate = new Date(now.getTime() + validityHours * 3_600_000);
  const der = await createCrl({
    issuerCertificateDer: issuing.certificateDer,
    issuerPrivateKey: issuing.privateKey,
    thisUpdate,
    nextUpdate,
    crlNumber,
    revoked: revoked.map((entry) => ({
      serialNumberHex: entry.serialNumberHex,
      revokedAt: entry.revokedAt ?? now,
      reason: entry.revocationReason ?? "unspecified",
    })),
  });
  const row = await db.crl.create({
    data: { issuerId: issuing.id, crlNumber, der: new Uint8Array(der), thisUpdate, nextUpdate },
    select: CRL_SELECT,
  });
  return toPublished(row);
}

export async function findLatestCrl(db: DbClient, issuing: LoadedCa): Promise<PublishedCrl | undefined> {
  const row = await db.crl.findFirst({ where: { issuerId: issuing.id }, orderBy: { crlNumber: "desc" }, select: CRL_SELECT });
  return row ? toPublished(row) : undefined;
}
