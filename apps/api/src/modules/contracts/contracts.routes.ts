// Electronic contracts (/api/contracts): drafting, sending, returning, cancelling, signing, and the PDFs and
// timeline both parties see. Only organisations of kind ORDERER or CONTRACTOR that are a party to a contract reach
// it; for anyone else it does not exist (404). The rules live in contracts.service.ts.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import {
  CONTRACT_ANNEX_MAX_BYTES,
  ContractDetailSchema,
  ContractListQuerySchema,
  ContractListSchema,
  ContractParamsSchema,
  ContractReasonBodySchema,
  ContractTimelineSchema,
  ContractVersionBodySchema,
  CreateContractBodySchema,
  SIGNED_PDF_MAX_BYTES,
  SignContractBodySchema,
  UpdateContractBodySchema,
} from "@pwp/shared/contracts";
import { actorOf } from "../../lib/actor.ts";
import { AppError } from "../../lib/app-error.ts";
import { errorResponses } from "../../lib/route-schema.ts";
import { contentDisposition } from "../../lib/uploads.ts";
import { createContractsService } from "./contracts.service.ts";

const PARTIES = { kinds: ["ORDERER", "CONTRACTOR"] } as const;
const ORDERERS = { kinds: ["ORDERER"] } as const;

/** The signed PDF travels as base64 in JSON: four characters per three bytes, plus the other fields. */
const SIGN_BODY_LIMIT = Math.ceil((SIGNED_PDF_MAX_BYTES * 4) / 3) + 64 * 1024;

const PdfResponseSchema = Type.Unsafe<Uint8Array>({ type: "string", format: "binary", description: "application/pdf" });

const PdfQuerySchema = Type.Object(
  {
    edition: Type.Optional(Type.Integer({ minimum: 1 })),
    revision: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

const SignatureReportQuerySchema = Type.Object(
  { lang: Type.Optional(Type.Enum(["ko", "ja", "en"] as const, { description: "The orderer's language when left out" })) },
  { additionalProperties: false },
);

const AnnexQuerySchema = Type.Object(
  {
    fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: "The annex's file name as the user chose it" })),
    /** When given, a stale version gets 409 instead of replacing someone else's change. */
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

const AnnexRemoveQuerySchema = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });

/** A contract number may hold "/", which is no file name character. */
const fileNameOf = (contractNumber: string, suffix = "") => `${contractNumber.replace(/[/\\]/g, "_")}${suffix}.pdf`;

function sendPdf(reply: FastifyReply, pdf: Uint8Array, fileName: string, cacheControl = "private, no-cache") {
  return reply
    .header("content-type", "application/pdf")
    .header("content-disposition", contentDisposition(fileName))
    .header("x-content-type-options", "nosniff")
    .header("cache-control", cacheControl)
    .send(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
}

/** The file name of a raw upload: ?fileName= or an X-File-Name header (percent-encoded, so any script survives). */
function uploadedFileName(request: FastifyRequest, fromQuery: string | undefined): string | undefined {
  if (fromQuery !== undefined) return fromQuery;
  const header = request.headers["x-file-name"];
  if (typeof header !== "string") return undefined;
  try {
    return decodeURIComponent(header);
  } catch {
    return header;
  }
}

export default async function contractsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = createContractsService({ prisma: app.db.prisma, pki: app.pki, notifier: app.notifier, now: app.now });
  const signedIn = { security: [{ bearerAuth: [] }] };
  const params = ContractParamsSchema;

  // Annex uploads arrive as raw PDF bytes; only this plugin's routes take them.
  app.addContentTypeParser("application/pdf", { parseAs: "buffer", bodyLimit: CONTRACT_ANNEX_MAX_BYTES }, (_request, body, done) => {
    done(null, body);
  });

  app.get(
    "/contracts",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags: ["contracts"],
        summary: "The caller's organisation's contracts, most recently changed first",
        querystring: ContractListQuerySchema,
        response: { 200: ContractListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.listContracts(actorOf(request), request.query),
  );

  app.post(
    "/contracts",
    {
      config: { permission: ORDERERS },
      schema: {
        ...signedIn,
        tags: ["contracts"],
        summary: "Draft a contract with a counterparty contractor (the number is generated when left out)",
        body: CreateContractBodySchema,
        response: { 201: ContractDetailSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createContract(actorOf(request), request.body)),
  );

  app.get(
    "/contracts/:contractId",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags: ["contracts"],
        summary: "A contract, with its current PDF revision, signatures and what the caller may do now",
        params,
        response: { 200: ContractDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.getContract(actorOf(request), request.params.contractId),
  );

  app.put(
    "/contracts/:contractId",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags: ["contracts"],
        summary: "Edit a draft or a returned contract (optimistic lock on version)",
        params,
        body: UpdateContractBodySchema,
        response: { 200: ContractDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.updateContract(actorOf(request), request.params.contractId, request.body),
  );

  app.delete(
    "/contracts/:contractId",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags: ["contracts"],
        summary: "Delete a draft that was never sent (a sent contract is cancelled instead)",
        params,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.deleteContract(actorOf(request), request.params.contractId);
      return reply.code(204).send(null);
    },
  );

  app.put(
    "/contracts/:contractId/annex",
    {
      config: { permission: PARTIES },
      bodyLimit: CONTRACT_ANNEX_MAX_BYTES,
      schema: {
        ...signedIn,
        tags: ["contracts"],
        summary: `Attach or replace the PDF annex (raw application/pdf body, at most ${CONTRACT_ANNEX_MAX_BYTES / 1024 / 1024} MiB; file name in ?fileName= or X-File-Name)`,
        params,
        querystring: AnnexQuerySchema,
        response: { 200: ContractDetailSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      // JSON and text bodies have parsers of their own; only a PDF arrives here as bytes.
      if (!Buffer.isBuffer(request.body)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the annex as the request body with Content-Type: application/pdf.");
      return service.setAnnex(actorOf(request), request.params.contractId, {
        pdf: new Uint8Array(request.body),
        fileName: uploadedFileName(request, request.query.fileName),
        version: request.query.version,
      });
    },
  );

  app.delete(
    "/contracts/:contractId/annex",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags: ["contracts"],
        summary: "Remove the PDF annex of a draft or a returned contract",
        params,
        querystring: AnnexRemoveQuerySchema,
        response: { 200: ContractDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.removeAnnex(actorOf(request), request.params.contractId, request.query.version),
  );

  app.post(
    "/contracts/:contractId/send",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags: ["contracts"],
        summary: "Send to the contractor: the PDF is rendered, frozen as a new edition and its SHA-256 recorded",
        params,
        body: ContractVersionBodySchema,
        response: { 200: ContractDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.sendContract(actorOf(request), request.params.contractId, request.body.version),
  );

  app.post(
    "/contracts/:contractId/return",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags: ["contracts"],
        summary: "Return the contract to the orderer for revision, with a reason",
        params,
        body: ContractReasonBodySchema,
        response: { 200: ContractDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.returnContract(actorOf(request), request.params.contractId, request.body),
  );

  app.post(
    "/contracts/:contractId/cancel",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags: ["contracts"],
        summary: "Cancel a sent contract before completion, with a reason",
        params,
        body: ContractReasonBodySchema,
        response: { 200: ContractDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.cancelContract(actorOf(request), request.params.contractId, request.body),
  );

  app.get(
    "/contracts/:contractId/pdf",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags: ["contracts"],
        summary: "The contract PDF: the latest revision of the current edition, or the one asked for",
        params,
        querystring: PdfQuerySchema,
        response: { 200: PdfResponseSchema, 304: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const revision = await service.getPdf(actorOf(request), request.params.contractId, request.query);
      // A revision never changes once stored: its SHA-256 is a strong validator.
      const etag = `"${revision.sha256}"`;
      reply.header("etag", etag);
      if (request.headers["if-none-match"] === etag) return reply.code(304).header("cache-control", "private, no-cache").send(null);
      return sendPdf(reply, revision.pdf, fileNameOf(revision.contractNumber, `_${revision.edition}-${revision.revision}`));
    },
  );

  app.get(
    "/contracts/:contractId/timeline",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags: ["contracts"],
        summary: "What happened to the contract, oldest first: created, sent, returned with reason, signed, completed",
        params,
        response: { 200: ContractTimelineSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.getTimeline(actorOf(request), request.params.contractId),
  );

  app.get(
    "/contracts/:contractId/signature-report",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags: ["contracts"],
        summary: "A PDF report of every signature in the current revision, as the platform's verifier finds them now",
        params,
        querystring: SignatureReportQuerySchema,
        response: { 200: PdfResponseSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const report = await service.getSignatureReport(actorOf(request), request.params.contractId, request.query.lang);
      // Made anew on each request (revocation can change the verdict): never cached.
      return sendPdf(reply, report.pdf, fileNameOf(report.contractNumber, "_signature-report"), "private, no-store");
    },
  );

  app.post(
    "/contracts/:contractId/signatures",
    {
      config: { permission: PARTIES, signing: true },
      bodyLimit: SIGN_BODY_LIMIT,
      schema: {
        ...signedIn,
        tags: ["contracts"],
        summary: "Sign: the current revision plus one incremental update with the caller's PAdES B-T signature (201; 200 for a repeat)",
        params,
        body: SignContractBodySchema,
        response: { 200: ContractDetailSchema, 201: ContractDetailSchema, ...errorResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request, reply) => {
      const { contract, isNew } = await service.signContract(actorOf(request), request.params.contractId, request.body);
      return reply.code(isNew ? 201 : 200).send(contract);
    },
  );
}
