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

/**
 * One SQL statement on the driver itself, past Prisma's query compiler: for the hottest public path only (the
 * guarantee lookup, see notes on Prisma's per-query cost in docs/decisions/010). Parameters are $1, $2…; the two
 * drivers parse column types differently (dates, int8), so callers select one json column and read that.
 */
export type LeanQuery = <Row>(text: string, params: readonly unknown[], options?: { name?: string }) => Promise<Row[]>;

export interface Database {
  prisma: PrismaClient;
  query: LeanQuery;
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
    // PGlite runs one statement at a time and waits for an open transaction to end, like Prisma's own queries.
    query: async <Row>(text: string, params: readonly unknown[]) => (await pglite.query<Row>(text, [...params])).rows,
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
  const [{ PrismaPg }, { default: pg }] = await Promise.all([import("@prisma/adapter-pg"), import("pg")]);
  // One pool for Prisma and the lean queries, so the connection limit is one number.
  const pool = new pg.Pool({ connectionString: options.databaseUrl });
  // An idle connection the server ends (a restart, a dropped database) is an 'error' on the pool, which would crash
  // the process without a listener; the pool discards that client and opens another when needed. (Prisma's adapter
  // listens only while connected, and not at all for a pool it was given.)
  pool.on("error", (error) => console.warn(`PostgreSQL closed an idle connection: ${error.message}`));
  const adapterFactory = new PrismaPg(pool);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    prisma,
    // A named statement is parsed and planned once per connection (PGlite has no such cache: it plans every time).
    query: async <Row>(text: string, params: readonly unknown[], options?: { name?: string }) =>
      (await pool.query({ text, values: [...params], ...(options?.name ? { name: options.name } : {}) })).rows as Row[],
    adapterFactory,
    engine: "postgresql",
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
