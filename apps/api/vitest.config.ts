import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "api",
    include: ["test/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/support/global-setup.ts"],
    // Argon2 and PGlite are CPU-bound: one file per core, and generous time on a loaded machine.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
