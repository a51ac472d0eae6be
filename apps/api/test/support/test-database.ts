// Each test file gets its own database, copied from the migrated one that global-setup prepared.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, openPgliteDatabase, type Database } from "../../src/db/database.ts";

export const TEMPLATE_DATABASE = "pwp_test_template";

export interface TestDatabase {
  database: Database;
  /** postgres URL of this file's database, or undefined on PGlite. */
  databaseUrl: string | undefined;
  dispose(): Promise<void>;
}

async function withAdmin<T>(adminUrl: string, action: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("postgresAdminUrl");
  if (adminUrl) {
    const name = `pwp_test_${randomUUID().replaceAll("-", "")}`;
    await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: "" });
    return {
      database,
      databaseUrl: url.toString(),
      async dispose() {
        await database.close();
        await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    };
  }
  const dump = new Blob([readFileSync(inject("pgliteDumpPath"))]);
  const database = await openPgliteDatabase(await PGlite.create({ loadDataDir: dump }));
  return { database, databaseUrl: undefined, dispose: () => database.close() };
}
