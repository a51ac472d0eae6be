// Electronic guarantees (/api/guarantees): the contractor's application, the surety's review, the signed versions
// (issue, change, correction, cancellation, release), the authentication key and its notice, offline guarantees.
// Contractor routes take organisations of kind CONTRACTOR, surety routes kind SURETY; a guarantee of which the
// caller's organisation is neither the contractor nor the surety does not exist for it (404). The one exception is
// the key notice, which the orderer of the linked contract may download once the contractor submitted it.
// The rules live in guarantees.service.ts.
import fastifyMultipart from "@fastify/multipart";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import {
  CreateGuaranteeBodySchema,
  GuaranteeAuthKeySchema,
  GuaranteeDetailSchema,
  GuaranteeListQuerySchema,
  GuaranteeListSchema,
  GuaranteeParamsSchema,
  GuaranteeReasonBodySchema,
  GuaranteeVersionBodySchema,
  RequestGuaranteeChangeBodySchema,
  GuaranteeVersionParamsSchema,
  OFFLINE_GUARANTEE_FILE_MAX_BYTES,
  PreparedGuaranteeVersionSchema,
  PrepareGuaranteeVersionBodySchema,
  SIGNED_GUARANTEE_PDF_MAX_BYTES,
  SignGuaranteeVersionBodySchema,
  UpdateGuaranteeBodySchema,
  type GuaranteeSide,
} from "@pwp/shared/guarantees";
import { actorOf } from "../../lib/actor.ts";
import { errorResponses } from "../../lib/route-schema.ts";
import { contentDisposition, detectFileType, readSingleFileUpload } from "../../lib/uploads.ts";
import { createGuaranteesService } from "./guarantees.service.ts";

const PARTIES = { kinds: ["CONTRACTOR", "SURETY"] } as const;
const CONTRACTORS = { kinds: ["CONTRACTOR"] } as const;
const SURETIES = { kinds: ["SURETY"] } as const;
/** The key notice: the two parties, and the orderer of the linked contract once the contractor submitted it. */
const NOTICE_READERS = { kinds: ["CONTRACTOR", "SURETY", "ORDERER"] } as const;
/** An offline guarantee's file: its contractor, and the orderer of the contract it is linked to (no surety issued it). */
const OFFLINE_FILE_READERS = { kinds: ["CONTRACTOR", "ORDERER"] } as const;

/** The signed JSON's CMS plus two signed PDFs, base64 in JSON: four characters per three bytes, plus room. */
const SIGN_BODY_LIMIT = 2 * Math.ceil((SIGNED_GUARANTEE_PDF_MAX_BYTES * 4) / 3) + 256 * 1024;
const OFFLINE_DATA_MAX_BYTES = 64 * 1024;

const PdfResponseSchema = Type.Unsafe<Uint8Array>({ type: "string", format: "binary", description: "application/pdf" });
const FileResponseSchema = Type.Unsafe<Uint8Array>({ type: "string", format: "binary", description: "application/pdf, image/png or image/jpeg" });

/** A guarantee number (00000-000000, or an offline issuer's) as part of a file name. */
const fileNameOf = (guaranteeNumber: string, suffix: string) => `${guaranteeNumber.replace(/[^\p{L}\p{N}._-]/gu, "_")}${suffix}.pdf`;

function sendBytes(reply: FastifyReply, bytes: Uint8Array, options: { contentType: string; fileName: string; cacheControl: string; etag?: string }) {
  if (options.etag) reply.header("etag", options.etag);
  return reply
    .header("content-type", options.contentType)
    .header("content-disposition", contentDisposition(options.fileName))
    .header("x-content-type-options", "nosniff")
    .header("cache-control", options.cacheControl)
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** The side an organisation acts on: its kind decides (a contractor never sureties, and the reverse). */
function sideOfRequest(request: FastifyRequest): GuaranteeSide {
  return request.user.kind === "SURETY" ? "SURETY" : "CONTRACTOR";
}

export default async function guaranteesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = createGuaranteesService({ prisma: app.db.prisma, pki: app.pki, config: app.config, notifier: app.notifier, now: app.now });
  const signedIn = { security: [{ bearerAuth: [] }] };
  const tags = ["guarantees"];
  const params = GuaranteeParamsSchema;

  // Only the offline upload takes multipart; its limits are enforced again, per part, in readSingleFileUpload.
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: OFFLINE_GUARANTEE_FILE_MAX_BYTES, files: 2, fields: 1, fieldSize: OFFLINE_DATA_MAX_BYTES },
  });

  app.get(
    "/guarantees",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags,
        summary: "The caller's organisation's guarantees (as contractor, or as surety once sent), most recently changed first",
        querystring: GuaranteeListQuerySchema,
        response: { 200: GuaranteeListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.listGuarantees(actorOf(request), sideOfRequest(request), request.query),
  );

  app.post(
    "/guarantees",
    {
      config: { permission: CONTRACTORS },
      schema: {
        ...signedIn,
        tags,
        summary: "Draft an application to a surety (from a contract, or with the orderer and works details entered)",
        body: CreateGuaranteeBodySchema,
        response: { 201: GuaranteeDetailSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createGuarantee(actorOf(request), request.body)),
  );

  app.post(
    "/guarantees/offline",
    {
      config: { permission: CONTRACTORS },
      bodyLimit: OFFLINE_GUARANTEE_FILE_MAX_BYTES + OFFLINE_DATA_MAX_BYTES + 64 * 1024,
      schema: {
        ...signedIn,
        tags,
        summary: "Record a guarantee issued outside the platform: its details and its scan or PDF (not verified by the platform)",
        description: `multipart/form-data: a part \`data\` with the JSON of OfflineGuaranteeData and a part \`file\` (PDF, PNG or JPEG, at most ${OFFLINE_GUARANTEE_FILE_MAX_BYTES / 1024 / 1024} MiB).`,
        consumes: ["multipart/form-data"],
        response: { 201: GuaranteeDetailSchema, ...errorResponses(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const upload = await readSingleFileUpload(request, {
        fileField: "file",
        fieldNames: ["data"],
        maxFileBytes: OFFLINE_GUARANTEE_FILE_MAX_BYTES,
        maxFieldBytes: OFFLINE_DATA_MAX_BYTES,
      });
      return reply.code(201).send(await service.recordOfflineGuarantee(actorOf(request), { data: upload.fields.get("data"), file: upload.file }));
    },
  );

  app.get(
    "/guarantees/:guaranteeId",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags,
        summary: "A guarantee with its versions, history and what the caller may do now (the key is never here)",
        params,
        response: { 200: GuaranteeDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.getGuarantee(actorOf(request), request.params.guaranteeId),
  );

  app.put(
    "/guarantees/:guaranteeId",
    {
      config: { permission: CONTRACTORS },
      schema: {
        ...signedIn,
        tags,
        summary: "Edit a draft or an application sent back for corrections (optimistic lock on version)",
        params,
        body: UpdateGuaranteeBodySchema,
        response: { 200: GuaranteeDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.updateGuarantee(actorOf(request), request.params.guaranteeId, request.body),
  );

  app.delete(
    "/guarantees/:guaranteeId",
    {
      config: { permission: CONTRACTORS },
      schema: {
        ...signedIn,
        tags,
        summary: "Delete a draft that was never sent",
        params,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.deleteGuarantee(actorOf(request), request.params.guaranteeId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/guarantees/:guaranteeId/submit",
    {
      config: { permission: CONTRACTORS },
      schema: {
        ...signedIn,
        tags,
        summary: "Send the application to the surety (again after corrections); needs authority in the guarantees scope",
        params,
        body: GuaranteeVersionBodySchema,
        response: { 200: GuaranteeDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.submitGuarantee(actorOf(request), request.params.guaranteeId, request.body.version),
  );

  app.post(
    "/guarantees/:guaranteeId/request-correction",
    {
      config: { permission: SURETIES },
      schema: {
        ...signedIn,
        tags,
        summary: "Send the application back to the contractor for corrections, with what to correct",
        params,
        body: GuaranteeReasonBodySchema,
        response: { 200: GuaranteeDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.requestCorrection(actorOf(request), request.params.guaranteeId, request.body),
  );

  app.post(
    "/guarantees/:guaranteeId/refuse",
    {
      config: { permission: SURETIES },
      schema: {
        ...signedIn,
        tags,
        summary: "Refuse the application, with a reason",
        params,
        body: GuaranteeReasonBodySchema,
        response: { 200: GuaranteeDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.refuseGuarantee(actorOf(request), request.params.guaranteeId, request.body),
  );

  app.post(
    "/guarantees/:guaranteeId/versions/prepare",
    {
      config: { permission: SURETIES, signing: true },
      schema: {
        ...signedIn,
        tags,
        summary: "Prepare a version to sign (issue, change, correction, cancellation, release): the canonical JSON and its PDFs",
        params,
        body: PrepareGuaranteeVersionBodySchema,
        response: { 201: PreparedGuaranteeVersionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.prepareVersion(actorOf(request), request.params.guaranteeId, request.body)),
  );

  for (const [path, which, suffix] of [
    ["certificate.pdf", "certificate", ""],
    ["fee-statement.pdf", "feeStatement", "_fee-statement"],
  ] as const) {
    app.get(
      `/guarantees/:guaranteeId/versions/:number/${path}`,
      {
        config: { permission: PARTIES },
        schema: {
          ...signedIn,
          tags,
          summary:
            which === "certificate"
              ? "A version's certificate PDF: as prepared (surety only) or as signed (both parties)"
              : "A version's fee statement PDF (保証料計算書): as prepared (surety only) or as signed (both parties)",
          params: GuaranteeVersionParamsSchema,
          response: { 200: PdfResponseSchema, 304: Type.Null(), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const file = await service.getVersionPdf(actorOf(request), request.params.guaranteeId, request.params.number, which);
        // Stored bytes never change for a signed version, and a prepared one is replaced under a new hash.
        const etag = `"${file.sha256}"`;
        if (request.headers["if-none-match"] === etag) return reply.code(304).header("etag", etag).header("cache-control", "private, no-cache").send(null);
        return sendBytes(reply, file.pdf, {
          contentType: "application/pdf",
          fileName: fileNameOf(file.guaranteeNumber, `_v${file.number}${suffix}${file.isSigned ? "" : "_unsigned"}`),
          cacheControl: "private, no-cache",
          etag,
        });
      },
    );
  }

  app.post(
    "/guarantees/:guaranteeId/versions/:number/sign",
    {
      config: { permission: SURETIES, signing: true },
      bodyLimit: SIGN_BODY_LIMIT,
      schema: {
        ...signedIn,
        tags,
        summary: "Sign a prepared version: the CMS over its JSON and the PAdES B-T signed PDFs, all verified before acceptance (201; 200 for a repeat)",
        params: GuaranteeVersionParamsSchema,
        body: SignGuaranteeVersionBodySchema,
        response: { 200: GuaranteeDetailSchema, 201: GuaranteeDetailSchema, ...errorResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request, reply) => {
      const { guarantee, isNew } = await service.signVersion(actorOf(request), request.params.guaranteeId, request.params.number, request.body);
      return reply.code(isNew ? 201 : 200).send(guarantee);
    },
  );

  app.post(
    "/guarantees/:guaranteeId/rekey",
    {
      config: { permission: SURETIES },
      schema: {
        ...signedIn,
        tags,
        summary: "Give an issued guarantee a new authentication key; the old one stops working at once",
        params,
        body: GuaranteeVersionBodySchema,
        response: { 200: GuaranteeDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.rekeyGuarantee(actorOf(request), request.params.guaranteeId, request.body.version),
  );

  app.get(
    "/guarantees/:guaranteeId/auth-key",
    {
      config: { permission: PARTIES },
      schema: {
        ...signedIn,
        tags,
        summary: "The authentication key of an issued guarantee, for its contractor and surety (every view is audited)",
        params,
        response: { 200: GuaranteeAuthKeySchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const key = await service.getAuthKey(actorOf(request), request.params.guaranteeId);
      return reply.header("cache-control", "no-store").header("pragma", "no-cache").send(key);
    },
  );

  app.get(
    "/guarantees/:guaranteeId/key-notice.pdf",
    {
      config: { permission: NOTICE_READERS },
      schema: {
        ...signedIn,
        tags,
        summary: "The authentication key notice PDF (認証キーのお知らせ), for the contractor, the surety and, once submitted, the orderer",
        params,
        response: { 200: PdfResponseSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const notice = await service.getKeyNotice(actorOf(request), request.params.guaranteeId);
      // It carries the key: never stored by a cache.
      return sendBytes(reply, notice.pdf, { contentType: "application/pdf", fileName: fileNameOf(notice.guaranteeNumber, "_key-notice"), cacheControl: "no-store" });
    },
  );

  app.post(
    "/guarantees/:guaranteeId/submit-key-notice",
    {
      config: { permission: CONTRACTORS },
      schema: {
        ...signedIn,
        tags,
        summary: "Submit the key notice to the orderer of the linked contract through the platform",
        params,
        body: GuaranteeVersionBodySchema,
        response: { 200: GuaranteeDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.submitKeyNotice(actorOf(request), request.params.guaranteeId, request.body.version),
  );

  app.post(
    "/guarantees/:guaranteeId/change-request",
    {
      config: { permission: CONTRACTORS },
      schema: {
        ...signedIn,
        tags,
        summary: "Ask the surety to change an issued guarantee (変更申込), e.g. after a change contract; the surety signs the change",
        params,
        body: RequestGuaranteeChangeBodySchema,
        response: { 200: GuaranteeDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.requestChange(actorOf(request), request.params.guaranteeId, request.body),
  );

  app.get(
    "/guarantees/:guaranteeId/offline-file",
    {
      config: { permission: OFFLINE_FILE_READERS },
      schema: {
        ...signedIn,
        tags,
        summary: "The scan or PDF of an offline guarantee, as uploaded; also for the orderer of the contract it is linked to",
        params,
        response: { 200: FileResponseSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const file = await service.getOfflineFile(actorOf(request), request.params.guaranteeId);
      return sendBytes(reply, file.content, {
        contentType: detectFileType(file.content) ?? "application/octet-stream",
        fileName: file.fileName,
        cacheControl: "private, no-cache",
        etag: `"${file.sha256}"`,
      });
    },
  );
}
