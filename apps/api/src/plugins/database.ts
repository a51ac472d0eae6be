// Opens the database (or takes the one a test prepared), applies committed migrations and closes it on shutdown.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../config.ts";
import { openDatabase, type Database } from "../db/database.ts";
import { applyMigrations } from "../db/migrate.ts";
import { sealUnhashedAuditEvents } from "../lib/audit-chain.ts";

declare module "fastify" {
  interface FastifyInstance {
    config: Config;
    db: Database;
  }
}

async function databasePlugin(app: FastifyInstance, options: { database?: Database }) {
  const database = options.database ?? (await openDatabase(app.config));
  const applied = await applyMigrations(database.adapterFactory, app.config.migrationsDir);
  if (applied.length > 0) app.log.info({ applied }, "applied database migrations");
  const sealed = await sealUnhashedAuditEvents(database.prisma);
  if (sealed > 0) app.log.info({ sealed }, "hashed the audit events written before the audit log was chained");
  app.decorate("db", database);
  // A database handed in by the caller is the caller's to close.
  if (!options.database) app.addHook("onClose", () => database.close());
}

export default fp(databasePlugin, { name: "database" });
