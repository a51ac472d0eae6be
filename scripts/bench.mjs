// `pnpm bench <name>`: runs scripts/bench/<name>.ts with the API's TypeScript runner (tsx), e.g. `pnpm bench lookup`.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { repoRoot, run } from "./lib/run.mjs";

const name = process.argv[2];
const available = readdirSync(path.join(repoRoot, "scripts/bench")).filter((file) => file.endsWith(".ts")).map((file) => file.slice(0, -3));
if (!name || !available.includes(name)) {
  console.error(`Usage: pnpm bench <${available.join("|")}>`);
  process.exit(2);
}
const tsx = path.join(repoRoot, "apps/api/node_modules/.bin/tsx");
if (!existsSync(tsx)) {
  console.error("tsx is missing: run pnpm install first.");
  process.exit(2);
}
process.exit(await run(tsx, [path.join(repoRoot, "scripts/bench", `${name}.ts`), ...process.argv.slice(3)]));
