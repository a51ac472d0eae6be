// One schema, two engines: embedded PGlite (the zero-install default) or a PostgreSQL server (DATABASE_URL).
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "../generated/prisma/client.ts";
import type { Prisma } from "../generated/prisma/client.ts";

export type { PrismaClient };
/** What repositories take: the client itself or the client of a running transaction. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

export interface Database {
  prisma: PrismaClient;
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  engine: "pglite" | "postgresql";
  close(): Promise<void>;
}

/** Wraps an open PGlite instance (used directly by tests that load a prepared data directory). */
export async function openPgliteDatabase(pglite: PGlite): Promise<Database> {
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const adapterFactory = new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    prisma,
    adapterFactory,
    engine: "pglite",
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

export async function openDatabase(options: { databaseUrl: string | undefined; dataDir: string }): Promise<Database> {
  if (!options.databaseUrl) {
    const { PGlite } = await import("@electric-sql/pglite");
    const dir = path.join(options.dataDir, "pglite");
    mkdirSync(dir, { recursive: true });
    const pglite = await PGlite.create(dir);
    return openPgliteDatabase(pglite);
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const adapterFactory = new PrismaPg({ connectionString: options.databaseUrl });
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return { prisma, adapterFactory, engine: "postgresql", close: () => prisma.$disconnect() };
}
