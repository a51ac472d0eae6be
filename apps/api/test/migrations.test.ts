// The committed migrations must produce exactly what schema.prisma describes (no drift), checked with the
// ordinary Prisma CLI running through our offline schema engine.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const apiDir = path.resolve(import.meta.dirname, "..");

describe("migrations", () => {
  it("match schema.prisma", async () => {
    const prisma = path.join(apiDir, "node_modules/.bin/prisma");
    const args = ["migrate", "diff", "--from-migrations", "../../prisma/migrations", "--to-schema", "../../prisma/schema.prisma", "--exit-code"];
    // pglite:memory gives the CLI an embedded shadow database of its own: no server needed.
    const result = await run(prisma, args, { cwd: apiDir, env: { ...process.env, DATABASE_URL: "pglite:memory" } }).then(
      (output) => ({ code: 0, ...output }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  }, 120_000);
});
