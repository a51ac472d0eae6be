// `pnpm bench lookup` (issue 7): successful guarantee lookups (POST /api/verify/guarantee) at 64 connections against
// a bare Fastify route on the same database doing the same one indexed read (the guarantee by its number, with the
// lock state) in the same run, and the ratio. The two alternate in rounds and each reports its median round, so a
// burst of other work on the machine does not land on one side only. Builds the real app on a fresh PGlite data directory, or on
// PostgreSQL when DATABASE_URL is set, seeds the demo data (its guarantee has a known number and key) and appends the
// results to BENCHMARKS.md. Options: --seconds N per round (default 5), --rounds N (default 3), --connections N (default 64), --no-write.
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as FastifyModule from "fastify";
import os from "node:os";
import path from "node:path";
import { buildApp } from "../../apps/api/src/app.ts";
import { loadConfig } from "../../apps/api/src/config.ts";
import { seedDemoDataIfEmpty } from "../../apps/api/src/seed/demo-data.ts";
import { readForLookup } from "../../apps/api/src/modules/guarantee-lookup/guarantee-lookup.repository.ts";
import { DEMO_AUTH_KEY, DEMO_GUARANTEE_NUMBER } from "../../apps/api/src/seed/demo-guarantee.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");
// Fastify is a dependency of apps/api, not of the workspace root this script lives in: resolve it from there (the
// same copy the app runs on, so the baseline has the same framework version).
const requireFromApi = createRequire(path.join(repoRoot, "apps/api/package.json"));
const { default: Fastify } = (await import(requireFromApi.resolve("fastify"))) as typeof FastifyModule;
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const seconds = option("seconds", 5);
const rounds = option("rounds", 3);
const connections = option("connections", 64);
const shouldWrite = !args.includes("--no-write");

type LoadResult = { requests: number; rps: number; p50: number; p90: number; p99: number; max: number; failed: number; statuses: Record<string, number> };

/** Runs scripts/bench/load.mjs in its own process against `url`. */
function load(url: string, body: string, forSeconds: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(import.meta.dirname, "load.mjs"), url, body, String(connections), String(forSeconds)], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(output) as LoadResult) : reject(new Error(`load.mjs exited with ${code}`))));
  });
}

// Another busy process on the machine skews both routes: the entry says how busy it was.
const loadAverage = os.loadavg()[0]?.toFixed(2) ?? "unknown";
const dataDir = mkdtempSync(path.join(os.tmpdir(), "pwp-bench-"));
const config = loadConfig({
  ...process.env,
  NODE_ENV: "development",
  DATA_DIR: dataDir,
  LOG_LEVEL: "silent",
  SEED_DEMO_DATA: "false",
  TRUST_PROXY: "false",
});
const app = await buildApp({ config, logger: false });
const bare = Fastify({ logger: false });
try {
  const engine = app.db.engine;
  console.log(`▶ Database: ${engine === "pglite" ? `PGlite (fresh, ${dataDir})` : "PostgreSQL (DATABASE_URL)"}`);
  const isSeeded = await seedDemoDataIfEmpty(app.db.prisma, { pki: app.pki, pkiMasterKey: config.pkiMasterKey, publicUrl: config.publicUrl });
  if (!isSeeded && !(await app.db.prisma.guarantee.findUnique({ where: { guaranteeNumber: DEMO_GUARANTEE_NUMBER }, select: { id: true } }))) {
    throw new Error(`The database is not empty and has no demo guarantee ${DEMO_GUARANTEE_NUMBER}: point DATABASE_URL at an empty database.`);
  }

  // The baseline: the one indexed read every lookup makes (repository.readForLookup — the guarantee by its unique
  // number, with the lock state and the CRL number, in one statement on the same driver) and its row as JSON;
  // nothing else (no key check, no counters, no view log, no mapping, no framework hooks of the app).
  const prisma = app.db.prisma;
  const crlIssuerId = app.pki.issuing.id;
  bare.post<{ Body: { guaranteeNumber: string } }>("/bare", async (request) => {
    const read = await readForLookup(app.db.query, { number: request.body.guaranteeNumber, address: request.ip, at: new Date(), crlIssuerId });
    return { ...read, crlNumber: read.crlNumber?.toString() ?? null };
  });

  const lookupAddress = await app.listen({ host: "127.0.0.1", port: 0 });
  const bareAddress = await bare.listen({ host: "127.0.0.1", port: 0 });
  const body = JSON.stringify({ guaranteeNumber: DEMO_GUARANTEE_NUMBER, authKey: DEMO_AUTH_KEY });

  const check = await fetch(`${lookupAddress}/api/verify/guarantee`, { method: "POST", headers: { "content-type": "application/json" }, body });
  if (check.status !== 200) throw new Error(`The lookup answered ${check.status}: ${await check.text()}`);

  console.log(`▶ Warming up (2 s each), then ${rounds} alternating rounds of ${seconds} s each at ${connections} connections`);
  await load(`${bareAddress}/bare`, body, 2);
  await load(`${lookupAddress}/api/verify/guarantee`, body, 2);
  const baselineRounds: LoadResult[] = [];
  const lookupRounds: LoadResult[] = [];
  for (let round = 0; round < rounds; round++) {
    baselineRounds.push(await load(`${bareAddress}/bare`, body, seconds));
    lookupRounds.push(await load(`${lookupAddress}/api/verify/guarantee`, body, seconds));
  }
  const failed = [...baselineRounds, ...lookupRounds].filter((result) => result.failed > 0);
  if (failed.length > 0) throw new Error(`Some requests failed: ${failed.map((result) => JSON.stringify(result.statuses)).join(", ")}`);
  const medianRound = (results: LoadResult[]) => [...results].sort((a, b) => a.rps - b.rps)[Math.floor(results.length / 2)] as LoadResult;
  const baseline = medianRound(baselineRounds);
  const lookup = medianRound(lookupRounds);
  console.log(`  rounds (requests/s): bare ${baselineRounds.map((result) => result.rps.toFixed(0)).join(", ")}; lookup ${lookupRounds.map((result) => result.rps.toFixed(0)).join(", ")}`);

  const ratio = lookup.rps / baseline.rps;
  const views = await prisma.guaranteeView.count();
  const fixed = (value: number, digits = 1) => value.toFixed(digits);
  const commit = (() => {
    try {
      return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim();
    } catch {
      return "unknown";
    }
  })();
  const cpus = os.cpus();
  const heading = `### ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · ${engine === "pglite" ? "PGlite" : "PostgreSQL"} · commit ${commit}`;
  const table = [
    heading,
    "",
    `${cpus[0]?.model ?? "unknown CPU"} · ${cpus.length} cores · load average ${loadAverage} when it started · Node ${process.version} · ${connections} connections · median of ${rounds} alternating rounds of ${seconds} s · load generator: scripts/bench/load.mjs (separate process, same machine)`,
    "",
    "| route | requests/s | p50 ms | p99 ms | max ms | requests |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    `| bare Fastify route (the same one read) | ${fixed(baseline.rps)} | ${fixed(baseline.p50, 2)} | ${fixed(baseline.p99, 2)} | ${fixed(baseline.max, 2)} | ${baseline.requests} |`,
    `| POST /api/verify/guarantee | ${fixed(lookup.rps)} | ${fixed(lookup.p50, 2)} | ${fixed(lookup.p99, 2)} | ${fixed(lookup.max, 2)} | ${lookup.requests} |`,
    "",
    `Ratio lookup/bare: **${fixed(ratio * 100)}%** of the bare route's requests/s (target ≥ 60%); lookup p99 **${fixed(lookup.p99, 2)} ms** (target < 25 ms). ${views} views logged.`,
    "",
  ].join("\n");
  console.log(`\n${table}`);

  if (shouldWrite) {
    const file = path.join(repoRoot, "BENCHMARKS.md");
    if (!existsSync(file)) {
      writeFileSync(
        file,
        "# Benchmarks\n\nAppended by the bench scripts (`pnpm bench <name>`); each entry says where and on what it ran. Numbers from a shared or busy machine are noisy: compare ratios measured in the same run, not absolute figures across machines.\n\n## Guarantee lookup (`pnpm bench lookup`)\n\n",
      );
    }
    appendFileSync(file, `${table}\n`);
    console.log(`Appended to ${path.relative(process.cwd(), file) || file}`);
  }
} finally {
  await bare.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
