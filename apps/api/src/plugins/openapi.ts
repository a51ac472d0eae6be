// The OpenAPI 3.1 document is generated from the route schemas; the docs UI is served at /api/docs.
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

async function openapiPlugin(app: FastifyInstance) {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Public-works paperwork platform API",
        description: "E-contracts, certificates and electronic surety guarantees for public construction in Korea and Japan.",
        version: "0.1.0",
      },
      components: {
        securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      },
    },
  });
  // The UI's own CSP, without upgrade-insecure-requests, which breaks the page on plain http://127.0.0.1.
  await app.register(fastifySwaggerUi, {
    routePrefix: "/api/docs",
    staticCSP: "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'",
  });
  app.get(
    "/api/openapi.json",
    { config: { permission: "public" }, schema: { hide: true } },
    async () => app.swagger(),
  );
}

export default fp(openapiPlugin, { name: "openapi" });
