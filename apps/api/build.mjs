// Bundles the server and our workspace packages (TypeScript source) into dist/server.js. The API's own npm
// dependencies stay external and load from apps/api/node_modules, as installed; anything else (what a workspace
// package depends on, e.g. pkijs for @pwp/pki) is bundled, because dist/server.js could not resolve it.
import { readFileSync } from "node:fs";
import { build } from "esbuild";

const { dependencies } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
const ownPackages = new Set(Object.keys(dependencies).filter((name) => !name.startsWith("@pwp/")));
const packageNameOf = (specifier) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

const externalizeOwnDependencies = {
  name: "externalize-own-dependencies",
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = packageNameOf(args.path);
      return ownPackages.has(name) || args.path.startsWith("node:") ? { path: args.path, external: true } : undefined;
    });
  },
};

await build({
  entryPoints: ["src/server.ts"],
  outfile: "dist/server.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20.19",
  sourcemap: true,
  logLevel: "warning",
  plugins: [externalizeOwnDependencies],
});
