// `pnpm db:seed`: seeds the demo data into the configured database if it is empty (the server also does this on
// start in development). The database must be migrated and not held open by a running server (PGlite).
import path from "node:path";
import { loadConfig } from "../apps/api/src/config.ts";
import { openDatabase } from "../apps/api/src/db/database.ts";
import { applyMigrations } from "../apps/api/src/db/migrate.ts";
import { sealUnhashedAuditEvents } from "../apps/api/src/lib/audit-chain.ts";
import { loadOrCreatePlatformCas } from "../apps/api/src/lib/pki/platform-ca.ts";
import { createPlatformPki } from "../apps/api/src/lib/pki/platform-pki.ts";
import { seedDemoDataIfEmpty } from "../apps/api/src/seed/demo-data.ts";

const config = loadConfig();
if (config.isProduction) {
  console.error("Refusing to seed demo data in production.");
  process.exit(1);
}
const database = await openDatabase(config);
try {
  await applyMigrations(database.adapterFactory, config.migrationsDir);
  await sealUnhashedAuditEvents(database.prisma);
  const cas = await loadOrCreatePlatformCas(database.prisma, config.pkiMasterKey);
  const pki = createPlatformPki(database.prisma, cas, { crlValidityHours: config.crlValidityHours, now: () => new Date() });
  const hasSeeded = await seedDemoDataIfEmpty(database.prisma, {
    pki,
    pkiMasterKey: config.pkiMasterKey,
    publicUrl: config.publicUrl,
    print: true,
    demoFilesDir: path.join(config.dataDir, "demo"),
  });
  if (!hasSeeded) console.log("The database already holds organisations: nothing seeded.");
} finally {
  await database.close();
}
