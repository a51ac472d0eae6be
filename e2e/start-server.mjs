// Starts the built server for the end-to-end tests on a fresh embedded database in a temp directory, seeded with
// the demo data, and removes the directory when Playwright stops it.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// A fixed directory when Playwright names one (the tests read the seeded ops certificate from it), emptied first.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "pwp-e2e-"));
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const server = spawn(process.execPath, ["--enable-source-maps", path.resolve(import.meta.dirname, "../apps/api/dist/server.js")], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "development",
    HOST: "127.0.0.1",
    PORT: process.env.E2E_PORT ?? "3199",
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    // Many sign-ins from one address in a short time; the per-account lockout is what the tests exercise.
    SIGN_IN_RATE_LIMIT_PER_MINUTE: "1000",
    REGISTRATION_RATE_LIMIT_PER_HOUR: "1000",
    PDF_VERIFICATION_RATE_LIMIT_PER_MINUTE: "1000",
  },
});
const cleanUp = () => rmSync(dataDir, { recursive: true, force: true });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => {
  cleanUp();
  process.exit(code ?? 0);
});
