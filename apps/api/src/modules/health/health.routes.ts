import type { FastifyInstance } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { HealthSchema } from "@pwp/shared/health";
import { AppError } from "../../lib/app-error.ts";
import { errorResponses } from "../../lib/route-schema.ts";

export default async function healthRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    "/health",
    {
      config: { permission: "public" },
      schema: {
        tags: ["system"],
        summary: "200 once the database is migrated and reachable",
        response: { 200: HealthSchema, ...errorResponses(503) },
      },
    },
    async () => {
      try {
        // Reads the table the migrations create, so a reachable but unmigrated database is not "ok".
        await app.db.prisma.$queryRaw`SELECT 1 FROM "_prisma_migrations" LIMIT 1`;
      } catch (error) {
        throw new AppError("SERVICE_UNAVAILABLE", "The database is not reachable.", { cause: error });
      }
      return { status: "ok" as const };
    },
  );
}
