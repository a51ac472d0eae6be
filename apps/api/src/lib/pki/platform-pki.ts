// The platform PKI as every module uses it: the CAs, the current CRL (published anew when due) and the trust
// anchors. The pki plugin decorates the app with one; the seed script builds its own outside the app.
import type { DbClient, PrismaClient } from "../../db/database.ts";
import { findLatestCrl, isCrlDueForRefresh, lockCrlNumbering, publishCrl, type PublishedCrl } from "./crl-publisher.ts";
import type { PlatformCas } from "./platform-ca.ts";

export interface PlatformPki extends PlatformCas {
  /** The newest CRL of the issuing CA, published anew first when it is due. */
  getCurrentCrl(): Promise<PublishedCrl>;
  /** Publishes a CRL in the caller's transaction (every revocation calls it). */
  publishCrl(db: DbClient, at: Date): Promise<PublishedCrl>;
  /** The platform root and every external root ops trust now. */
  listTrustedRootsDer(db: DbClient): Promise<Uint8Array[]>;
}

export function createPlatformPki(prisma: PrismaClient, cas: PlatformCas, options: { crlValidityHours: number; now: () => Date }): PlatformPki {
  const { crlValidityHours: validityHours, now } = options;
  return {
    ...cas,
    publishCrl: (db, at) => publishCrl(db, cas.issuing, at, validityHours),
    async getCurrentCrl() {
      const latest = await findLatestCrl(prisma, cas.issuing);
      if (latest && !isCrlDueForRefresh(latest, now())) return latest;
      return prisma.$transaction(async (tx) => {
        // Another instance may have published while this one waited for the lock: look again under it.
        await lockCrlNumbering(tx);
        const fresh = await findLatestCrl(tx, cas.issuing);
        if (fresh && !isCrlDueForRefresh(fresh, now())) return fresh;
        return publishCrl(tx, cas.issuing, now(), validityHours);
      });
    },
    async listTrustedRootsDer(db) {
      const external = await db.trustedRoot.findMany({ where: { removedAt: null }, orderBy: { createdAt: "asc" }, select: { certificateDer: true } });
      return [cas.root.certificateDer, ...external.map((row) => new Uint8Array(row.certificateDer))];
    },
  };
}
