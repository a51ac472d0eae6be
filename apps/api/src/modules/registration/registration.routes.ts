import fastifyMultipart from "@fastify/multipart";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply } from "fastify";
import { Type } from "typebox";
import {
  APPLICANT_KINDS,
  AdminRegistrationDocumentParamsSchema,
  AdminRegistrationListQuerySchema,
  AdminRegistrationListSchema,
  AdminRegistrationViewSchema,
  MAX_REGISTRATION_DOCUMENT_BYTES,
  MAX_REGISTRATION_DOCUMENTS,
  REGISTRATION_MESSAGE_FIELD,
  RegistrationCreatedSchema,
  RegistrationDecisionBodySchema,
  RegistrationDecisionResultSchema,
  RegistrationDocumentParamsSchema,
  RegistrationOrganizationParamsSchema,
  RegistrationViewSchema,
} from "@pwp/shared/registration";
import { errorResponses } from "../../lib/route-schema.ts";
import { createRegistrationService, parseApplication } from "./registration.service.ts";
import { readRegistrationUpload } from "./registration.uploads.ts";

const APPLICATION_FIELD = "application";

const OPERATOR_ONLY = { kinds: ["OPERATOR"] } as const;
/** Applicants, whatever their review status: the status page and answers to a hold. */
const APPLICANT_ANY_STATUS = { kinds: APPLICANT_KINDS, allowUnapproved: true } as const;

const DocumentContentSchema = Type.Unsafe<Uint8Array>({
  type: "string",
  format: "binary",
  description: "The file as uploaded (PDF, PNG or JPEG), as an attachment",
});

const MULTIPART_DESCRIPTION =
  `multipart/form-data: up to ${MAX_REGISTRATION_DOCUMENTS} files in \`documents\` (PDF, PNG or JPEG, ` +
  `each at most ${MAX_REGISTRATION_DOCUMENT_BYTES / 1024 / 1024} MiB, recognised by their content)`;

/** RFC 6266: an ASCII fallback name plus the real name in UTF-8, so Korean and Japanese names survive. */
function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7E]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function sendDocument(reply: FastifyReply, document: { fileName: string; contentType: string; content: Uint8Array }) {
  return reply
    .header("content-type", document.contentType)
    .header("content-disposition", contentDisposition(document.fileName))
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "private, no-store")
    .send(Buffer.from(document.content.buffer, document.content.byteOffset, document.content.byteLength));
}

export default async function registrationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const registrationService = createRegistrationService({ prisma: app.db.prisma, notifier: app.notifier });

  // Only this module's routes take multipart; the limits are enforced again, per part, in readRegistrationUpload.
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_REGISTRATION_DOCUMENT_BYTES, files: MAX_REGISTRATION_DOCUMENTS + 1, fields: 2, fieldSize: 64 * 1024 },
  });

  app.post(
    "/registrations",
    {
      config: {
        permission: "public",
        // Per client address: enough for an office behind one address, too few for a flood (configurable).
        rateLimit: { max: app.config.registrationRateLimitPerHour, timeWindow: 60 * 60_000 },
      },
      schema: {
        tags: ["registration"],
        summary: "Apply for registration: the organisation, its first user (the representative) and documents",
        description: `${MULTIPART_DESCRIPTION} and a part \`application\` holding the JSON of RegistrationApplication.`,
        consumes: ["multipart/form-data"],
        response: { 201: RegistrationCreatedSchema, ...errorResponses(400, 409, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const upload = await readRegistrationUpload(request, [APPLICATION_FIELD]);
      const application = parseApplication(upload.fields.get(APPLICATION_FIELD));
      const created = await registrationService.submitApplication(application, upload.documents, request.ip);
      return reply.code(201).send(created);
    },
  );

  app.get(
    "/registration",
    {
      config: { permission: APPLICANT_ANY_STATUS },
      schema: {
        tags: ["registration"],
        summary: "Your organisation's application: its fields, status, review history and documents",
        security: [{ bearerAuth: [] }],
        response: { 200: RegistrationViewSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => registrationService.getOwnApplication(request.user.org),
  );

  app.get(
    "/registration/documents/:documentId",
    {
      config: { permission: APPLICANT_ANY_STATUS },
      schema: {
        tags: ["registration"],
        summary: "Download one of your organisation's registration documents",
        security: [{ bearerAuth: [] }],
        params: RegistrationDocumentParamsSchema,
        response: { 200: DocumentContentSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => sendDocument(reply, await registrationService.getDocument(request.user.org, request.params.documentId)),
  );

  app.post(
    "/registration/documents",
    {
      config: { permission: APPLICANT_ANY_STATUS },
      schema: {
        tags: ["registration"],
        summary: "Add documents; while on hold this answers the hold and puts the application back in the queue",
        description: `${MULTIPART_DESCRIPTION} and an optional text part \`message\` for the reviewer.`,
        consumes: ["multipart/form-data"],
        security: [{ bearerAuth: [] }],
        response: { 200: RegistrationViewSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const upload = await readRegistrationUpload(request, [REGISTRATION_MESSAGE_FIELD]);
      return registrationService.addDocuments(
        { userId: request.user.sub, organizationId: request.user.org },
        { documents: upload.documents, message: upload.fields.get(REGISTRATION_MESSAGE_FIELD) ?? "" },
        request.ip,
      );
    },
  );

  app.get(
    "/admin/registrations",
    {
      config: { permission: OPERATOR_ONLY },
      schema: {
        tags: ["registration"],
        summary: "The registration queue: pending applications first come, first served (filterable)",
        security: [{ bearerAuth: [] }],
        querystring: AdminRegistrationListQuerySchema,
        response: { 200: AdminRegistrationListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => registrationService.listApplications(request.query),
  );

  app.get(
    "/admin/registrations/:organizationId",
    {
      config: { permission: OPERATOR_ONLY },
      schema: {
        tags: ["registration"],
        summary: "One application with its applicant, documents and review history",
        security: [{ bearerAuth: [] }],
        params: RegistrationOrganizationParamsSchema,
        response: { 200: AdminRegistrationViewSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => registrationService.getApplicationForReview(request.params.organizationId),
  );

  app.get(
    "/admin/registrations/:organizationId/documents/:documentId",
    {
      config: { permission: OPERATOR_ONLY },
      schema: {
        tags: ["registration"],
        summary: "Download a document of an application",
        security: [{ bearerAuth: [] }],
        params: AdminRegistrationDocumentParamsSchema,
        response: { 200: DocumentContentSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendDocument(reply, await registrationService.getDocument(request.params.organizationId, request.params.documentId)),
  );

  app.post(
    "/admin/registrations/:organizationId/decision",
    {
      config: { permission: OPERATOR_ONLY },
      schema: {
        tags: ["registration"],
        summary: "Approve, put on hold or reject a pending application (a reason is required to hold or reject)",
        security: [{ bearerAuth: [] }],
        params: RegistrationOrganizationParamsSchema,
        body: RegistrationDecisionBodySchema,
        response: { 200: RegistrationDecisionResultSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      registrationService.decide(
        { userId: request.user.sub, organizationId: request.user.org },
        request.params.organizationId,
        request.body,
        request.ip,
      ),
  );
}
