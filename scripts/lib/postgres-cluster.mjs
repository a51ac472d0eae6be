// A throwaway PostgreSQL cluster for tests: initdb in a temp directory, listening on a free loopback port,
// trust authentication, durability switched off (it is thrown away). PostgreSQL refuses to run as root, so as
// root it runs as the `postgres` system user that Debian's packages create.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";

function findBinDir() {
  const onPath = spawnSync("sh", ["-c", "command -v pg_ctl"], { encoding: "utf8" }).stdout.trim();
  if (onPath) return path.dirname(onPath);
  const debianRoot = "/usr/lib/postgresql";
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const dir = path.join(debianRoot, version, "bin");
      if (existsSync(path.join(dir, "pg_ctl"))) return dir;
    }
  }
  return undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Why no cluster can be started here, or undefined when one can. */
export function whyPostgresUnavailable() {
  if (!findBinDir()) return "no PostgreSQL server binaries (pg_ctl) found on PATH or under /usr/lib/postgresql";
  if (userInfo().uid === 0) {
    const hasPostgresUser = spawnSync("id", ["-u", "postgres"]).status === 0;
    if (!hasPostgresUser) return "running as root and there is no `postgres` user to run the server as";
  }
  return undefined;
}

export async function startPostgresCluster() {
  const binDir = findBinDir();
  const isRoot = userInfo().uid === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "pwp-pg-"));
  const dataDir = path.join(dir, "data");
  const run = (binary, args) => {
    const command = path.join(binDir, binary);
    const [file, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
    execFileSync(file, argv, { stdio: ["ignore", "pipe", "pipe"] });
  };
  if (isRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  run("initdb", ["-D", dataDir, "-U", "pwp", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    "-h 127.0.0.1",
    `-k ${dir}`,
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=200",
  ].join(" ");
  run("pg_ctl", ["-D", dataDir, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
  return {
    url: `postgresql://pwp@127.0.0.1:${port}/postgres`,
    port,
    logFile: path.join(dir, "server.log"),
    stop() {
      try {
        run("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
