// The guarantee lookup (/api/verify/guarantee…): anyone with a guarantee number and its authentication key sees the
// certificate, its versions and their signature status, and downloads the certificate PDF; a signed-in orderer
// accepts or returns it. The credentials travel in POST bodies, never in URLs (they would end up in logs and
// histories). The contractor and the surety read the view log and failed attempts under /api/guarantees/:id/lookups.
// The rules live in guarantee-lookup.service.ts.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import {
  AcceptGuaranteeBodySchema,
  GuaranteeLookupLogSchema,
  GuaranteeLookupPdfBodySchema,
  GuaranteeLookupResultSchema,
  ReturnGuaranteeBodySchema,
  VerifyGuaranteeBodySchema,
} from "@pwp/shared/guarantee-lookup";
import { GuaranteeParamsSchema } from "@pwp/shared/guarantees";
import { actorOf } from "../../lib/actor.ts";
import { errorResponses } from "../../lib/route-schema.ts";
import { contentDisposition } from "../../lib/uploads.ts";
import { readOptionalSession } from "../../plugins/auth.ts";
import { createGuaranteeLookupService, type LookupClient } from "./guarantee-lookup.service.ts";

const ORDERERS = { kinds: ["ORDERER"] } as const;
const PARTIES = { kinds: ["CONTRACTOR", "SURETY"] } as const;

const PdfResponseSchema = Type.Unsafe<Uint8Array>({ type: "string", format: "binary", description: "application/pdf" });

/** The client address (the socket's, or the proxy's X-Forwarded-For only with TRUST_PROXY) and the optional session. */
async function clientOf(request: FastifyRequest): Promise<LookupClient> {
  const claims = await readOptionalSession(request);
  return { ipAddress: request.ip, viewer: claims ? { userId: claims.sub, organizationId: claims.org, kind: claims.kind } : null };
}

export default async function guaranteeLookupRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = createGuaranteeLookupService({ prisma: app.db.prisma, query: app.db.query, pki: app.pki, config: app.config, notifier: app.notifier, now: app.now });
  // Views acknowledged to their callers are already stored; this waits for the ones still being written.
  app.addHook("onClose", () => service.flushViewLog());
  const tags = ["guarantee lookup"];
  const signedIn = { security: [{ bearerAuth: [] }] };
  // The certificate and its key are nobody's to cache: not the browser's back-forward cache, not a proxy.
  const noStore = { "cache-control": "no-store" };

  app.post(
    "/verify/guarantee",
    {
      config: { permission: "public" },
      schema: {
        tags,
        summary: "Look up a guarantee by its number and authentication key: the certificate, its versions and their signature status",
        description:
          "Anyone may call it; with a valid access token the viewer's organisation is logged and the guarantee's orderer gets its actions. " +
          "A wrong number or key gets the same 404. After LOOKUP_MAX_FAILURES_PER_NUMBER wrong attempts for a number within LOOKUP_WINDOW_MINUTES " +
          "that number is locked for LOOKUP_LOCK_MINUTES (429 with Retry-After), as is a client address after LOOKUP_MAX_FAILURES_PER_ADDRESS.",
        body: VerifyGuaranteeBodySchema,
        response: { 200: GuaranteeLookupResultSchema, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request, reply) => reply.headers(noStore).send(await service.lookup(request.body, await clientOf(request))),
  );

  app.post(
    "/verify/guarantee/certificate.pdf",
    {
      config: { permission: "public" },
      schema: {
        tags,
        summary: "The signed certificate PDF of a looked-up guarantee (the current version unless versionNumber is given)",
        description: "The same credentials, lockout and counting as POST /api/verify/guarantee; the download is logged as a view.",
        body: GuaranteeLookupPdfBodySchema,
        response: { 200: PdfResponseSchema, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request, reply) => {
      const file = await service.getCertificatePdf(request.body, await clientOf(request));
      return reply
        .headers(noStore)
        .header("content-type", "application/pdf")
        .header("content-disposition", contentDisposition(`${file.guaranteeNumber}_v${file.number}.pdf`))
        .header("x-content-type-options", "nosniff")
        .send(Buffer.from(file.pdf.buffer, file.pdf.byteOffset, file.pdf.byteLength));
    },
  );

  app.post(
    "/verify/guarantee/accept",
    {
      config: { permission: ORDERERS },
      schema: {
        ...signedIn,
        tags,
        summary: "Accept (접수 · 受付) a looked-up guarantee as its orderer, linking it to your contract with its contractor",
        description:
          "The credentials count as a lookup. contractId is needed only when you have several contracts with the contractor and the guarantee is not linked to one yet.",
        body: AcceptGuaranteeBodySchema,
        response: { 200: GuaranteeLookupResultSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => reply.headers(noStore).send(await service.acceptGuarantee(actorOf(request), request.body)),
  );

  app.post(
    "/verify/guarantee/return",
    {
      config: { permission: ORDERERS },
      schema: {
        ...signedIn,
        tags,
        summary: "Return (반려 · 返戻) a looked-up guarantee as its orderer, with the reason the contractor and the surety will read",
        body: ReturnGuaranteeBodySchema,
        response: { 200: GuaranteeLookupResultSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => reply.headers(noStore).send(await service.returnGuarantee(actorOf(request), request.body)),
  );

  app.get(
    "/guarantees/:guaranteeId/lookups",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags,
        summary: "Who looked this guarantee up (views) and the failed attempts on its number, newest first (the latest 200 of each)",
        params: GuaranteeParamsSchema,
        response: { 200: GuaranteeLookupLogSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.getLookupLog(actorOf(request), request.params.guaranteeId),
  );
}
