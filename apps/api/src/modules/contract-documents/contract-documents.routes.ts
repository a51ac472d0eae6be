// The documents that follow a completed contract (/api/contracts/:contractId/documents, /api/contract-documents/…):
// change contracts, unit-price agreements, inspections and invoices — drafted, sent, returned, cancelled and signed
// through one workflow. Only the contract's two parties reach them; for anyone else they do not exist (404). The
// rules live in contract-documents.service.ts and document-rules.ts.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import {
  ContractDocumentDetailSchema,
  ContractDocumentListSchema,
  ContractDocumentParamsSchema,
  ContractDocumentPdfQuerySchema,
  ContractDocumentReasonBodySchema,
  ContractDocumentVersionBodySchema,
  CreateContractDocumentBodySchema,
  SignContractDocumentBodySchema,
  UpdateContractDocumentBodySchema,
} from "@pwp/shared/contract-documents";
import { ContractParamsSchema, SIGNED_PDF_MAX_BYTES } from "@pwp/shared/contracts";
import { actorOf } from "../../lib/actor.ts";
import { errorResponses } from "../../lib/route-schema.ts";
import { contentDisposition } from "../../lib/uploads.ts";
import { createContractDocumentsService } from "./contract-documents.service.ts";

const PARTIES = { kinds: ["ORDERER", "CONTRACTOR"] } as const;
/** The signed PDF travels as base64 in JSON: four characters per three bytes, plus the other fields. */
const SIGN_BODY_LIMIT = Math.ceil((SIGNED_PDF_MAX_BYTES * 4) / 3) + 64 * 1024;
const PdfResponseSchema = Type.Unsafe<Uint8Array>({ type: "string", format: "binary", description: "application/pdf" });

export default async function contractDocumentsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = createContractDocumentsService({ prisma: app.db.prisma, pki: app.pki, notifier: app.notifier, now: app.now });
  const signedIn = { security: [{ bearerAuth: [] }] };
  const tags = ["contract documents"];
  const params = ContractDocumentParamsSchema;

  app.get(
    "/contracts/:contractId/documents",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags,
        summary: "The documents that followed a contract, its terms after its changes and its money so far, and what the caller may start",
        params: ContractParamsSchema,
        response: { 200: ContractDocumentListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.listDocuments(actorOf(request), request.params.contractId),
  );

  app.post(
    "/contracts/:contractId/documents",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags,
        summary: "Start a change (orderer), a unit-price agreement, an inspection request or an invoice (contractor) on a completed contract",
        params: ContractParamsSchema,
        body: CreateContractDocumentBodySchema,
        response: { 201: ContractDocumentDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createDocument(actorOf(request), request.params.contractId, request.body)),
  );

  app.get(
    "/contract-documents/:documentId",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags,
        summary: "A document, with its current PDF revision, signatures and what the caller may do now",
        params,
        response: { 200: ContractDocumentDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.getDocument(actorOf(request), request.params.documentId),
  );

  app.put(
    "/contract-documents/:documentId",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags,
        summary: "Edit a draft or returned document (its author; for an inspection, the orderer records the result)",
        params,
        body: UpdateContractDocumentBodySchema,
        response: { 200: ContractDocumentDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.updateDocument(actorOf(request), request.params.documentId, request.body),
  );

  app.delete(
    "/contract-documents/:documentId",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags,
        summary: "Delete a draft that was never sent (its creator; a sent document is cancelled instead)",
        params,
        body: ContractDocumentVersionBodySchema,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.deleteDocument(actorOf(request), request.params.documentId, request.body.version);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/contract-documents/:documentId/send",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags,
        summary: "Send: render the PDF, freeze the content and wait for the signatures in order",
        params,
        body: ContractDocumentVersionBodySchema,
        response: { 200: ContractDocumentDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.sendDocument(actorOf(request), request.params.documentId, request.body.version),
  );

  app.post(
    "/contract-documents/:documentId/return",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags,
        summary: "Return it to its author with a reason (the signer whose turn it is, when not the author)",
        params,
        body: ContractDocumentReasonBodySchema,
        response: { 200: ContractDocumentDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.returnDocument(actorOf(request), request.params.documentId, request.body),
  );

  app.post(
    "/contract-documents/:documentId/cancel",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags,
        summary: "Cancel a sent or returned document with a reason (its author); it is kept",
        params,
        body: ContractDocumentReasonBodySchema,
        response: { 200: ContractDocumentDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.cancelDocument(actorOf(request), request.params.documentId, request.body),
  );

  app.get(
    "/contract-documents/:documentId/pdf",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags,
        summary: "The document's PDF: the current revision, or the edition and revision asked for",
        params,
        querystring: ContractDocumentPdfQuerySchema,
        response: { 200: PdfResponseSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { pdf, fileName } = await service.getPdf(actorOf(request), request.params.documentId, request.query);
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", contentDisposition(fileName))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-cache")
        .send(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
    },
  );

  app.post(
    "/contract-documents/:documentId/signatures",
    {
      config: { permission: PARTIES, signing: true },
      bodyLimit: SIGN_BODY_LIMIT,
      schema: {
        ...signedIn,
        tags,
        summary: "Sign: the current revision plus one incremental update with the caller's PAdES B-T signature (201; 200 for a repeat)",
        params,
        body: SignContractDocumentBodySchema,
        response: { 200: ContractDocumentDetailSchema, 201: ContractDocumentDetailSchema, ...errorResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request, reply) => {
      const { document, isNew } = await service.signDocument(actorOf(request), request.params.documentId, request.body);
      return reply.code(isNew ? 201 : 200).send(document);
    },
  );
}
