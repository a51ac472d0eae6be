#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, which cannot be downloaded on an offline machine.
// It speaks the newline-delimited JSON-RPC the Prisma CLI uses on stdin/stdout and forwards every call to
// @prisma/schema-engine-wasm through a JS driver adapter:
//   postgres://… | postgresql://…  → @prisma/adapter-pg
//   pglite:<dir> | pglite:memory   → pglite-prisma-adapter (embedded PGlite)
// Quirks worked around (schema-engine-wasm 8.1.0-2, adapter-pg 7.10): see the comments marked QUIRK.
import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { createSchemaEngine } from "./schema-engine.mjs";

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

if (args.includes("--version")) {
  // The CLI compares this hash with the engine version it was built for.
  const { enginesVersion } = require("@prisma/engines-version");
  console.log(`schema-engine-cli ${enginesVersion} (wasm)`);
  process.exit(0);
}

const datamodelPaths = [];
let datasource = {};
let cliCommand = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--datamodels") datamodelPaths.push(args[++i]);
  else if (args[i] === "--datasource") datasource = JSON.parse(args[++i]);
  else if (args[i] === "cli") cliCommand = args[++i];
  else if (args[i].startsWith("--")) i++; // preview features, extension types: not used here
}

const connectionFields = (url) => ({
  host: decodeURIComponent(url.hostname) || undefined,
  port: url.port ? Number(url.port) : undefined,
  user: decodeURIComponent(url.username) || undefined,
  password: decodeURIComponent(url.password) || undefined,
  database: decodeURIComponent(url.pathname.slice(1)) || undefined,
});

function reportCharAsText(factory) {
  // QUIRK: adapter-pg cannot deserialize Postgres' internal "char" type (oid 18), which the engine's catalog
  // queries return. Report it as text (oid 25).
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter));
    if (!queryable.__charAsText) {
      const performIO = queryable.performIO;
      queryable.performIO = async function (query) {
        const result = await performIO.call(this, query);
        for (const field of result?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
        return result;
      };
      queryable.__charAsText = true;
    }
    return adapter;
  };
}

async function createAdapterFactory(urlText) {
  if (!urlText) throw new Error("No datasource url: set DATABASE_URL or datasource.url in prisma.config.ts");
  if (urlText.startsWith("pglite:")) {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const dir = urlText.slice("pglite:".length);
    if (dir === "" || dir === "memory") return new PrismaPGlite(new PGlite("memory://"));
    mkdirSync(dir, { recursive: true });
    return new PrismaPGlite(new PGlite(dir));
  }
  if (!/^postgres(ql)?:\/\//.test(urlText)) throw new Error(`unsupported datasource url scheme ${urlText.split(":")[0]}:`);
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const url = new URL(urlText);
  // QUIRK: discrete fields, not a connectionString, whose database would override the shadow database's name.
  const factory = new PrismaPg(connectionFields(url), { schema: url.searchParams.get("schema") ?? undefined });
  reportCharAsText(factory);
  if (datasource.shadowDatabaseUrl) {
    const shadow = new PrismaPg(connectionFields(new URL(datasource.shadowDatabaseUrl)));
    factory.connectToShadowDb = () => shadow.connect();
    return factory;
  }
  // QUIRK: adapter-pg's own connectToShadowDb drops the temporary database before closing its pool.
  factory.connectToShadowDb = async () => {
    const admin = await factory.connect();
    const name = `prisma_migrate_shadow_db_${crypto.randomUUID()}`;
    await admin.executeScript(`CREATE DATABASE "${name}"`);
    const adapter = await new PrismaPg({ ...connectionFields(url), database: name }).connect();
    const closePool = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await closePool();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.dispose();
    };
    return adapter;
  };
  return factory;
}

async function withServerAdmin(urlText, action) {
  const { default: pg } = await import("pg");
  const url = new URL(urlText);
  const database = decodeURIComponent(url.pathname.slice(1));
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await action(client, `"${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

async function runCliCommand(command) {
  const url = datasource.url;
  try {
    if (command === "can-connect-to-database") {
      const adapter = await (await createAdapterFactory(url)).connect();
      await adapter.executeRaw({ sql: "SELECT 1", args: [], argTypes: [] });
      await adapter.dispose();
    } else if (command === "create-database" || command === "drop-database") {
      const sql = command === "create-database" ? "CREATE DATABASE" : "DROP DATABASE IF EXISTS";
      if (!url.startsWith("pglite:")) await withServerAdmin(url, (client, name) => client.query(`${sql} ${name}`));
    } else {
      throw new Error(`unknown cli command ${command}`);
    }
    process.exit(0);
  } catch (error) {
    const message = String(error?.message ?? error);
    // Report a missing database as the native engine does (P1003), so `migrate dev` creates it.
    const code = /does not exist|DatabaseDoesNotExist/.test(message) || error?.cause?.kind === "DatabaseDoesNotExist" ? "P1003" : "P1001";
    // The CLI skips the first stderr line (the native engine's start-up log) and parses the next as JSON.
    process.stderr.write(JSON.stringify({ level: "INFO", fields: { message: "schema engine (wasm)" } }) + "\n");
    process.stderr.write(JSON.stringify({ level: "ERROR", fields: { message, error_code: code } }) + "\n");
    process.exit(1);
  }
}
if (cliCommand) await runCliCommand(cliCommand);

const schemaFiles = await Promise.all(datamodelPaths.map(async (path) => ({ path, content: await readFile(path, "utf8") })));
let factoryPromise;
let handlePromise;
let isShadowPrimed = false;
const adapterFactory = () => (factoryPromise ??= createAdapterFactory(datasource.url));
const schemaEngine = async () =>
  (await (handlePromise ??= adapterFactory().then((factory) =>
    createSchemaEngine(factory, schemaFiles.length ? schemaFiles : undefined, { debug: Boolean(process.env.SHIM_DEBUG) }),
  ))).engine;

function toRpcError(error) {
  // Errors from the wasm engine carry the JSON payload that the native engine puts in `data`.
  let data;
  try {
    data = typeof error?.message === "string" ? JSON.parse(error.message) : undefined;
  } catch {
    data = undefined;
  }
  data ??= { message: String(error?.message ?? error), is_panic: false };
  if (error?.code && !data.error_code) data.error_code = error.code;
  return { code: 4466, message: "An error happened. Check the data field for details.", data };
}

const ownHandlers = {
  async createDatabase() {
    if (datasource.url.startsWith("pglite:")) return { databaseName: "postgres" };
    return withServerAdmin(datasource.url, async (client, name) => {
      await client.query(`CREATE DATABASE ${name}`);
      return { databaseName: name.slice(1, -1) };
    });
  },
};

async function handle(request) {
  const own = ownHandlers[request.method];
  if (own) return own(request.params);
  const engine = await schemaEngine();
  if (typeof engine[request.method] !== "function") throw new Error(`${request.method} is not available in schema-engine-wasm`);
  if ((request.method === "evaluateDataLoss" || request.method === "createMigration") && !isShadowPrimed) {
    // QUIRK: evaluateDataLoss finds the adapter's shadow database only after a devDiagnostic since the last
    // applyMigrations.
    await engine.devDiagnostic({ migrationsList: request.params.migrationsList, filters: request.params.filters }).catch(() => {});
  }
  let result = await engine[request.method](request.params ?? {});
  if (request.method === "devDiagnostic") isShadowPrimed = true;
  if (request.method === "applyMigrations") isShadowPrimed = false;
  if (request.method === "diff" && typeof result?.stdout === "string") {
    // QUIRK: the native engine prints a diff through a "print" request to the CLI; the wasm engine returns it.
    process.stdout.write(JSON.stringify({ jsonrpc: "2.0", id: `print-${request.id}`, method: "print", params: { content: result.stdout } }) + "\n");
    result = { ...result, stdout: null };
  }
  return result ?? null;
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
let queue = Promise.resolve();
lines.on("line", (line) => {
  if (!line.trim()) return;
  const request = JSON.parse(line);
  if (!request.method) return; // the CLI's answer to one of our "print" requests
  queue = queue.then(async () => {
    let response;
    try {
      response = { jsonrpc: "2.0", id: request.id, result: await handle(request) };
    } catch (error) {
      if (process.env.SHIM_DEBUG) console.error("[shim]", error);
      response = { jsonrpc: "2.0", id: request.id, error: toRpcError(error) };
    }
    process.stdout.write(JSON.stringify(response) + "\n");
  });
});
lines.on("close", () =>
  queue.then(async () => {
    const handle = await handlePromise?.catch(() => null);
    await handle?.dispose();
    const factory = await factoryPromise?.catch(() => null);
    await factory?.client?.close?.(); // PGlite: close cleanly so the directory needs no recovery next time
    process.exit(0);
  }),
);
