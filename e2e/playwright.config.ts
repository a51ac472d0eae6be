// End-to-end tests against the built app (apps/web/dist served by apps/api/dist) in Debian's Chromium:
// Playwright never downloads a browser here. `npm test` passes E2E_PORT and CHROMIUM_PATH.
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3199);
const baseURL = `http://127.0.0.1:${port}`;
// The server's data directory, known to the tests too: the seed writes the ops certificate file there.
const dataDir = path.join(tmpdir(), `pwp-e2e-${port}`);
process.env.E2E_DATA_DIR = dataDir;
const CONTRACT_SIGNING_SPEC = /contracts\/create-return-sign\.spec\.ts/;
const CONTRACT_DOCUMENTS_SPEC = /contract-documents\/change-inspection-invoice\.spec\.ts/;

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: "list",
  outputDir: "./test-results",
  use: {
    baseURL,
    locale: "en-US",
    timezoneId: "Asia/Seoul",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Root in a container has no user namespaces for the sandbox.
      chromiumSandbox: false,
      // This machine has no network but loopback: keep Chromium from trying to reach Google's services.
      args: ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  // The contract and contract-documents specs both sign as the Korean demo representatives, and a user has one open
  // certificate request at a time: the documents spec starts after the contract spec, while the rest run alongside.
  projects: [
    { name: "chromium", use: { browserName: "chromium" }, testIgnore: [CONTRACT_SIGNING_SPEC, CONTRACT_DOCUMENTS_SPEC] },
    { name: "contract-signing", use: { browserName: "chromium" }, testMatch: CONTRACT_SIGNING_SPEC },
    { name: "contract-documents", use: { browserName: "chromium" }, testMatch: CONTRACT_DOCUMENTS_SPEC, dependencies: ["contract-signing"] },
  ],
  webServer: {
    command: "node start-server.mjs",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(port), E2E_DATA_DIR: dataDir },
  },
});
