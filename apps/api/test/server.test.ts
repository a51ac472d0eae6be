// The real entry point, as a process: bad configuration stops it with a message naming the variable.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const apiDir = path.resolve(import.meta.dirname, "..");
const dataDir = mkdtempSync(path.join(tmpdir(), "pwp-server-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function startServer(env: Record<string, string>) {
  return run(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: apiDir,
    env: { PATH: process.env.PATH ?? "", DATA_DIR: dataDir, PORT: "0", ...env },
    timeout: 60_000,
  }).then(
    (output) => ({ code: 0, ...output }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe("server start-up", () => {
  it("refuses to start in production without JWT_SECRET, naming it", async () => {
    const result = await startServer({ NODE_ENV: "production" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("JWT_SECRET is required in production");
  });

  it("refuses a malformed PORT, naming it", async () => {
    const result = await startServer({ PORT: "http" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/PORT: must be integer/);
  });
});
