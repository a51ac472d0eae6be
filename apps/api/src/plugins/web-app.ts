// Serves the built SPA on the same origin as the API, with history fallback for client-side routes.
import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

declare module "fastify" {
  interface FastifyInstance {
    /** Whether a built SPA is being served (the 404 handler falls back to its index.html). */
    hasWebApp: boolean;
  }
}

async function webAppPlugin(app: FastifyInstance) {
  const root = app.config.webDistDir;
  const hasWebApp = Boolean(root && existsSync(path.join(root, "index.html")));
  app.decorate("hasWebApp", hasWebApp);
  if (!root || !hasWebApp) {
    app.log.warn("No built web app found (run the build): only the API is served");
    return;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    setHeaders(response, filePath) {
      // Vite puts content hashes in asset names: they never change. index.html must always be revalidated.
      const isHashedAsset = filePath.includes(`${path.sep}assets${path.sep}`);
      response.header("cache-control", isHashedAsset ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
}

export default fp(webAppPlugin, { name: "web-app" });
