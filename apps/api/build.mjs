// Bundles the server and our workspace packages (TypeScript source) into dist/server.js. npm packages stay
// external and load from node_modules, as installed.
import { build } from "esbuild";

const externalizeNpmPackages = {
  name: "externalize-npm-packages",
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@pwp/") ? undefined : { path: args.path, external: true }));
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
  plugins: [externalizeNpmPackages],
});
