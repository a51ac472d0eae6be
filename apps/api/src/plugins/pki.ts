// The platform PKI, ready for every module: the CAs (created on the first start, after migrations), the current CRL
// and the trust anchors. A wrong PKI_MASTER_KEY stops start-up here with a message naming it.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { DbClient } from "../db/database.ts";
import { findLatestCrl, isCrlDueForRefresh, lockCrlNumbering, publishCrl, type PublishedCrl } from "../lib/pki/crl-publisher.ts";
import { loadOrCreatePlatformCas, type PlatformCas } from "../lib/pki/platform-ca.ts";

export interface PlatformPki extends PlatformCas {
  /** The newest CRL of the issuing CA, published anew first when it is due. */
  getCurrentCrl(): Promise<PublishedCrl>;
  /** Publishes a CRL in the caller's transaction (every revocation calls it). */
  publishCrl(db: DbClient, at: Date): Promise<PublishedCrl>;
  /** The platform root and every external root ops trust now. */
  listTrustedRootsDer(db: DbClient): Promise<Uint8Array[]>;
}

declare module "fastify" {
  interface FastifyInstance {
    pki: PlatformPki;
    /** The clock every service reads; tests replace it (buildApp's `now` option). */
    now: () => Date;
  }
}

async function pkiPlugin(app: FastifyInstance, options: { now?: () => Date }) {
  const now = options.now ?? (() => new Date());
  const { prisma } = app.db;
  const cas = await loadOrCreatePlatformCas(prisma, app.config.pkiMasterKey, now());
  const validityHours = app.config.crlValidityHours;

  const pki: PlatformPki = {
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
  app.decorate("pki", pki);
  app.decorate("now", now);
}

export default fp(pkiPlugin, { name: "pki", dependencies: ["database"] });
