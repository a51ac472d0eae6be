// Prepares one migrated database per run, which every test file copies: a PGlite data-directory dump (loading it
// takes under a second; a fresh PGlite initdb takes seconds), or, with TEST_DATABASE_URL, a PostgreSQL template
// database.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openPgliteDatabase } from "../../src/db/database.ts";
import { applyMigrations } from "../../src/db/migrate.ts";

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../../../prisma/migrations");
const TEMPLATE_DATABASE = "pwp_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteDumpPath: string;
    postgresAdminUrl: string;
  }
}

function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function preparePostgresTemplate(adminUrl: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  await applyMigrations(new PrismaPg({ connectionString: databaseUrl(adminUrl, TEMPLATE_DATABASE) }), MIGRATIONS_DIR);
}

export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    await preparePostgresTemplate(adminUrl);
    project.provide("postgresAdminUrl", adminUrl);
    project.provide("pgliteDumpPath", "");
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "pwp-test-db-"));
  const pglite = await PGlite.create("memory://");
  const database = await openPgliteDatabase(pglite);
  await applyMigrations(database.adapterFactory, MIGRATIONS_DIR);
  const dumpPath = path.join(dir, "migrated.tar");
  writeFileSync(dumpPath, Buffer.from(await (await pglite.dumpDataDir("none")).arrayBuffer()));
  await database.close();
  project.provide("pgliteDumpPath", dumpPath);
  project.provide("postgresAdminUrl", "");
  return () => rmSync(dir, { recursive: true, force: true });
}
