// Small helpers shared by the start and test scripts: find pnpm (or fetch it from the npm registry), run commands.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
const PNPM_VERSION = "10.34.9";

/** pnpm from PATH when it is there; otherwise the pinned version through npx (npm ships with Node). */
export function pnpmCommand() {
  const hasPnpm = spawnSync("pnpm", ["--version"], { stdio: "ignore", shell: process.platform === "win32" }).status === 0;
  return hasPnpm ? ["pnpm"] : ["npx", "--yes", `pnpm@${PNPM_VERSION}`];
}

/** Runs a command with inherited output; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: "inherit", ...options });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

export async function runOrExit(command, args, options = {}) {
  const code = await run(command, args, options);
  if (code !== 0) {
    console.error(`\n✗ ${[command, ...args].join(" ")} exited with ${code}`);
    process.exit(code);
  }
}

export function step(title) {
  console.log(`\n▶ ${title}`);
}

/** Installs the workspace's dependencies exactly as locked. Browsers come from the system, never downloaded. */
export async function installDependencies() {
  const [pnpm, ...pnpmArgs] = pnpmCommand();
  step("Installing dependencies (pnpm install --frozen-lockfile)");
  await runOrExit(pnpm, [...pnpmArgs, "install", "--frozen-lockfile"], {
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" },
  });
  return [pnpm, ...pnpmArgs];
}
