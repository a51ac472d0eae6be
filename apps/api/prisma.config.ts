import path from "node:path";
import { defineConfig } from "prisma/config";

// The native schema-engine binary cannot be downloaded here (offline installs). Point the CLI at a Node stand-in
// that runs @prisma/schema-engine-wasm instead; this file loads before the CLI looks for engine binaries.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, "tools/schema-engine-shim.mjs");

const repoRoot = path.join(import.meta.dirname, "../..");

export default defineConfig({
  schema: path.join(repoRoot, "prisma/schema.prisma"),
  migrations: { path: path.join(repoRoot, "prisma/migrations") },
  // postgresql://… for a real server, pglite:<dir> for the embedded database (the shim understands both).
  datasource: { url: process.env.DATABASE_URL || `pglite:${path.join(repoRoot, ".data/pglite")}` },
});
