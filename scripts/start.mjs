// `npm start`: install, build and serve the whole system on http://HOST:PORT (default 127.0.0.1:3000), on the
// embedded database under DATA_DIR (default ./.data) with demo data, or on PostgreSQL when DATABASE_URL is set.
import { spawn } from "node:child_process";
import path from "node:path";
import { installDependencies, repoRoot, runOrExit, step } from "./lib/run.mjs";

const [pnpm, ...pnpmArgs] = await installDependencies();
step("Building the web app and the API");
await runOrExit(pnpm, [...pnpmArgs, "run", "build"]);

step("Starting the server");
const server = spawn(process.execPath, ["--enable-source-maps", path.join(repoRoot, "apps/api/dist/server.js")], {
  cwd: repoRoot,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
