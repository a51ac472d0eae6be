// `npm test`: every check from nothing. Installs dependencies (and Chromium and openssl through apt when missing
// and root), lints, typechecks, builds, runs the unit and API tests on embedded PGlite, the API tests again on a
// throwaway PostgreSQL server, and the Playwright end-to-end tests against the built app in Chromium. Ends with
// one line: "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import path from "node:path";
import { startPostgresCluster, whyPostgresUnavailable } from "./lib/postgres-cluster.mjs";
import { installDependencies, repoRoot, run, step } from "./lib/run.mjs";

const outputDir = path.join(repoRoot, ".test-output");
rmSync(outputDir, { recursive: true, force: true });
mkdirSync(outputDir, { recursive: true });

const results = []; // { name, passed, failed, skipped }
function record(name, counts) {
  results.push({ name, ...counts });
  const skipped = counts.skipped ? `, ${counts.skipped} skipped` : "";
  console.log(`  ${counts.failed === 0 ? "✓" : "✗"} ${name}: ${counts.passed} passed, ${counts.failed} failed${skipped}`);
}

/** A step with no test counts of its own (lint, typecheck, build) counts as one check. */
async function check(name, command, args, options) {
  step(name);
  const code = await run(command, args, options);
  record(name, { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 });
  return code === 0;
}

function readVitestCounts(file, exitCode) {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 }; // the run died before reporting
  const report = JSON.parse(readFileSync(file, "utf8"));
  const failed = report.numFailedTests + (exitCode !== 0 && report.numFailedTests === 0 ? 1 : 0);
  return { passed: report.numPassedTests, failed, skipped: report.numPendingTests + report.numTodoTests };
}

async function vitest(name, args, env = {}) {
  step(name);
  const file = path.join(outputDir, `${name.replace(/\W+/g, "-")}.json`);
  const code = await run(pnpm, [...pnpmArgs, "exec", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`, ...args], {
    env: { ...process.env, ...env },
  });
  record(name, readVitestCounts(file, code));
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  return candidates.find((candidate) => existsSync(candidate));
}

const hasCommand = (command) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;

/**
 * What the tests need from the system, by Debian package: Chromium for the end-to-end tests; the outside validators
 * the PKI and PDF tests check our signatures with (openssl; pdfsig and pdftoppm from poppler; mutool; qpdf; NSS's
 * certutil to give pdfsig a trust store). Installed through apt when missing and running as root.
 */
function ensureSystemPackages() {
  const missing = [];
  if (!findChromium()) missing.push("chromium");
  const packageByCommand = { openssl: "openssl", pdfsig: "poppler-utils", mutool: "mupdf-tools", qpdf: "qpdf", certutil: "libnss3-tools" };
  for (const [command, debianPackage] of Object.entries(packageByCommand)) {
    if (!hasCommand(command)) missing.push(debianPackage);
  }
  if (missing.length === 0) return;
  if (userInfo().uid !== 0) {
    console.error(`Missing system packages: ${missing.join(", ")}. Install them (apt-get install ${missing.join(" ")}); set CHROMIUM_PATH for a Chromium elsewhere.`);
    return;
  }
  step(`Installing from Debian's packages: apt-get install ${missing.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  spawnSync("apt-get", ["install", "-y", "-qq", ...missing], { stdio: "inherit", env });
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const startedAt = Date.now();
const [pnpm, ...pnpmArgs] = await installDependencies();
ensureSystemPackages();
const chromium = findChromium();
if (!chromium) console.error("Chromium is missing: the end-to-end tests cannot run.");

await check("lint", pnpm, [...pnpmArgs, "run", "lint"]);
await check("typecheck", pnpm, [...pnpmArgs, "run", "typecheck"]);
const hasBuilt = await check("build", pnpm, [...pnpmArgs, "run", "build"]);

await vitest("unit and API tests (PGlite)", [], { TEST_DATABASE_URL: "" });

const whyNoPostgres = whyPostgresUnavailable();
if (process.env.TEST_DATABASE_URL) {
  // A server someone else runs (the GitHub workflow's service): use it as it is.
  await vitest("API tests (PostgreSQL)", ["--project", "api"], { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL });
} else if (whyNoPostgres) {
  console.log(`\n▶ API tests on PostgreSQL: not run, ${whyNoPostgres}. Only the embedded PGlite run above counts.`);
} else {
  step("Starting a throwaway PostgreSQL server");
  const cluster = await startPostgresCluster();
  console.log(`  ${cluster.url}`);
  try {
    await vitest("API tests (PostgreSQL)", ["--project", "api"], { TEST_DATABASE_URL: cluster.url });
  } finally {
    cluster.stop();
  }
}

if (!chromium) {
  record("end-to-end tests", { passed: 0, failed: 1, skipped: 0 });
} else if (!hasBuilt) {
  console.log("\n▶ End-to-end tests: not run, the build failed.");
  record("end-to-end tests", { passed: 0, failed: 1, skipped: 0 });
} else {
  step("End-to-end tests (Playwright, Chromium)");
  const file = path.join(outputDir, "e2e.json");
  const code = await run(pnpm, [...pnpmArgs, "--filter", "@pwp/e2e", "exec", "playwright", "test", "--reporter=list,json"], {
    env: {
      ...process.env,
      CHROMIUM_PATH: chromium,
      E2E_PORT: String(await freePort()),
      PLAYWRIGHT_JSON_OUTPUT_NAME: file,
    },
  });
  if (code !== 0) printFailedPageStates(path.resolve(import.meta.dirname, "../e2e/test-results"));
  if (existsSync(file)) {
    const { stats } = JSON.parse(readFileSync(file, "utf8"));
    const failed = stats.unexpected + (code !== 0 && stats.unexpected === 0 ? 1 : 0);
    record("end-to-end tests", { passed: stats.expected + stats.flaky, failed, skipped: stats.skipped });
  } else {
    record("end-to-end tests", { passed: 0, failed: 1, skipped: 0 });
  }
}

/**
 * CI keeps only the end of the log: for each failed end-to-end test, the headings, alerts and status messages of the
 * page it failed on (from Playwright's error-context.md), so a failure says what the page said.
 */
function printFailedPageStates(resultsDir) {
  if (!existsSync(resultsDir)) return;
  for (const entry of readdirSync(resultsDir, { recursive: true })) {
    if (!String(entry).endsWith("error-context.md")) continue;
    const lines = readFileSync(path.join(resultsDir, String(entry)), "utf8").split("\n");
    // A matching node and the two lines after it, where its text often is.
    const telling = lines.filter((_, index) => lines.slice(Math.max(0, index - 2), index + 1).some((line) => /- (alert|status|heading|dialog)\b/.test(line))).slice(0, 40);
    console.log(`\n  Page state of ${path.dirname(String(entry))}:`);
    for (const line of telling) console.log(`    ${line.trim().slice(0, 200)}`);
  }
}

const total = results.reduce(
  (sum, result) => ({ passed: sum.passed + result.passed, failed: sum.failed + result.failed, skipped: sum.skipped + result.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log(`\nSummary (${Math.round((Date.now() - startedAt) / 1000)} s):`);
for (const result of results) console.log(`  ${result.failed === 0 ? "✓" : "✗"} ${result.name}: ${result.passed} passed, ${result.failed} failed`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exit(total.failed === 0 ? 0 : 1);
