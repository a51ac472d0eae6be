import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "api",
    include: ["test/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/support/global-setup.ts"],
    // Argon2 and PGlite are CPU-bound: one file per core, and generous time on a loaded machine.
    pool: "forks",
    // Each file opens its own database, app and PKI, and module state is keyed by ids unique per database; sharing a
    // worker's module graph across files saves importing Prisma, pkijs and Fastify again for each (≈ 30 % of the run).
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
