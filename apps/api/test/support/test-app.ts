// Builds the real application against this file's own database (fastify/demo's test/helper.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/app.ts";
import { loadConfig, type Config } from "../../src/config.ts";
import type { PrismaClient } from "../../src/db/database.ts";
import { openTestDatabase } from "./test-database.ts";

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  prisma: PrismaClient;
  close(): Promise<void>;
}

/**
 * env: configuration variables on top of the test defaults; now: the clock the services read (default: the system's);
 * logger and logStream: log (at env.LOG_LEVEL) into a stream the test reads, instead of not at all.
 */
export async function buildTestApp(
  env: Record<string, string> = {},
  options: { now?: () => Date; logger?: boolean; logStream?: NodeJS.WritableStream } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "pwp-test-data-"));
  const testDatabase = await openTestDatabase();
  const config = loadConfig({
    NODE_ENV: "test",
    DATA_DIR: dataDir,
    JWT_SECRET: "test-secret-that-is-long-enough-for-hs256-0123456789",
    LOG_LEVEL: "silent",
    SIGN_IN_RATE_LIMIT_PER_MINUTE: "10000",
    // Tests that send mail drive the worker themselves (or turn it on); the others should not poll the database.
    MAIL_WORKER_INTERVAL_MS: "0",
    ...env,
  });
  const app = await buildApp({ config, database: testDatabase.database, logger: false, ...options });
  return {
    app,
    config,
    prisma: testDatabase.database.prisma,
    async close() {
      await app.close();
      await testDatabase.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
