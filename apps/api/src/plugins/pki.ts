// The platform PKI, ready for every module: the CAs (created on the first start, after migrations), the current CRL
// and the trust anchors. A wrong PKI_MASTER_KEY stops start-up here with a message naming it.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { loadOrCreatePlatformCas } from "../lib/pki/platform-ca.ts";
import { createPlatformPki, type PlatformPki } from "../lib/pki/platform-pki.ts";

export type { PlatformPki };

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
  app.decorate("pki", createPlatformPki(prisma, cas, { crlValidityHours: app.config.crlValidityHours, now }));
  app.decorate("now", now);
}

export default fp(pkiPlugin, { name: "pki", dependencies: ["database"] });
