// Loads @prisma/schema-engine-wasm without a bundler and wraps it around a JS driver adapter factory.
// Used by the CLI stand-in (schema-engine-shim.mjs) and by the server to apply committed migrations at start.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

let wasmModulePromise;

function loadSchemaEngineWasm() {
  wasmModulePromise ??= (async () => {
    // The package entry imports its .wasm as an ES module, which Node cannot do: instantiate it by hand.
    // createRequire rather than import.meta.resolve, which vitest's module runner does not support.
    const bindingsUrl = pathToFileURL(createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg")).href;
    const bindings = await import(bindingsUrl);
    const bytes = await readFile(new URL("./schema_engine_bg.wasm", bindingsUrl));
    // The engine arms timers it never clears; unref them so a finished command can exit at once.
    const imports = { ...bindings };
    for (const name of Object.keys(bindings)) {
      if (name.startsWith("__wbg_setTimeout_")) {
        imports[name] = (callback, ms) => {
          const timer = setTimeout(callback, ms >>> 0);
          timer.unref?.();
          return timer;
        };
      }
    }
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": imports });
    bindings.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start?.();
    return bindings;
  })();
  return wasmModulePromise;
}

/**
 * adapterFactory: a migration-aware driver adapter factory (PrismaPg, PrismaPGlite).
 * dispose() frees the engine and closes every connection it opened: the engine never closes them itself, and
 * an open pg pool would keep the process alive.
 */
export async function createSchemaEngine(adapterFactory, schemaFiles, { debug = false } = {}) {
  const wasm = await loadSchemaEngineWasm();
  const opened = [];
  const track = (connect) => async () => {
    const adapter = await connect();
    opened.push(adapter);
    return adapter;
  };
  const factory = {
    provider: adapterFactory.provider,
    adapterName: adapterFactory.adapterName,
    connect: track(() => adapterFactory.connect()),
    connectToShadowDb: track(() => adapterFactory.connectToShadowDb()),
  };
  const log = debug ? (message) => console.error("[schema-engine]", message) : () => {};
  const engine = await wasm.SchemaEngine.new(
    { datamodels: schemaFiles?.map((file) => [file.path, file.content]) },
    log,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  return {
    engine,
    async dispose() {
      try {
        engine.free();
      } catch {
        // already freed
      }
      await Promise.allSettled(opened.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}
