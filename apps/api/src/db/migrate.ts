// Applies the committed migrations in-process with Prisma's WASM schema engine. It writes the same
// _prisma_migrations table as `prisma migrate deploy`, so the CLI's `migrate status` agrees.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { createSchemaEngine } from "../../tools/schema-engine.mjs";

async function readMigrationsList(migrationsDir: string) {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const lockfileContent = await readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8").catch(() => null);
  return {
    baseDir: migrationsDir,
    shadowDbInitScript: "",
    lockfile: { path: "migration_lock.toml", content: lockfileContent },
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok", value }),
            (error: unknown) => ({ tag: "error", value: String(error) }),
          ),
        },
      })),
    ),
  };
}

/** Returns the names of the migrations it applied (none when the database is up to date). */
export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory, migrationsDir: string): Promise<string[]> {
  const migrationsList = await readMigrationsList(migrationsDir);
  const handle = await createSchemaEngine(adapterFactory);
  try {
    const result = await handle.engine.applyMigrations({ migrationsList, filters: { externalTables: [], externalEnums: [] } });
    return result.appliedMigrationNames;
  } finally {
    await handle.dispose();
  }
}
