// Certificates (/api/certificates), trusted external roots (/api/admin/trusted-roots) and the organisation's
// certificate sign-in setting (/api/organizations/current/settings). The rules live in certificates.service.ts.
// The certificate page's routes stay open to a password-only session where certificate sign-in is required
// (allowWithoutCertificate): that is how a user gets, renews or replaces the certificate they then sign in with.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import {
  AddTrustedRootBodySchema,
  CertificateParamsSchema,
  CertificateRequestListSchema,
  CertificateRequestParamsSchema,
  CertificateRequestSchema,
  CertificateSchema,
  CreateCertificateRequestBodySchema,
  ImportCertificateBodySchema,
  MyCertificatesSchema,
  OrganizationSettingsSchema,
  ReissueCertificateBodySchema,
  RejectCertificateRequestBodySchema,
  RenewCertificateBodySchema,
  RevokeCertificateBodySchema,
  TrustedRootListSchema,
  TrustedRootParamsSchema,
  TrustedRootSchema,
  UpdateOrganizationSettingsBodySchema,
} from "@pwp/shared/certificates";
import { actorOf } from "../../lib/actor.ts";
import { errorResponses } from "../../lib/route-schema.ts";
import { createCertificatesService, type CertificateActor } from "./certificates.service.ts";

const CERTIFICATE_PAGE = { allowWithoutCertificate: true } as const;
const OPERATOR_ONLY = { kinds: ["OPERATOR"] } as const;
const REPRESENTATIVE_ONLY = { roles: ["REPRESENTATIVE"] } as const;

function certificateActorOf(request: FastifyRequest): CertificateActor {
  return { ...actorOf(request), role: request.user.role, kind: request.user.kind, isCertificateSession: request.user.certificate === true };
}

export default async function certificatesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = createCertificatesService({ prisma: app.db.prisma, pki: app.pki, publicUrl: app.config.publicUrl, notifier: app.notifier, now: app.now });
  const signedIn = { security: [{ bearerAuth: [] }] };

  app.get(
    "/certificates",
    {
      config: { permission: CERTIFICATE_PAGE },
      schema: {
        ...signedIn,
        tags: ["certificates"],
        summary: "The caller's certificates and certificate requests, newest first",
        response: { 200: MyCertificatesSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => service.listMine(actorOf(request)),
  );

  app.post(
    "/certificates/requests",
    {
      config: { permission: CERTIFICATE_PAGE },
      schema: {
        ...signedIn,
        tags: ["certificates"],
        summary: "Request a new certificate for a key made in the browser (PKCS#10); it waits for approval",
        body: CreateCertificateRequestBodySchema,
        response: { 201: CertificateRequestSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.requestNew(actorOf(request), request.body)),
  );

  app.delete(
    "/certificates/requests/:requestId",
    {
      config: { permission: CERTIFICATE_PAGE },
      schema: {
        ...signedIn,
        tags: ["certificates"],
        summary: "Cancel one's own pending request (e.g. after losing the key it was made for)",
        params: CertificateRequestParamsSchema,
        response: { 200: CertificateRequestSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.cancel(actorOf(request), request.params.requestId),
  );

  app.get(
    "/certificates/requests/pending-approval",
    {
      config: { permission: "signed-in" },
      schema: {
        ...signedIn,
        tags: ["certificates"],
        summary: "Requests awaiting the caller's decision: members' for the representative, representatives' for ops",
        response: { 200: CertificateRequestListSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => service.listPendingApproval(certificateActorOf(request)),
  );

  app.post(
    "/certificates/requests/:requestId/approve",
    {
      config: { permission: "signed-in", signing: true },
      schema: {
        ...signedIn,
        tags: ["certificates"],
        summary: "Approve a pending request: the certificate is issued (one year) at once",
        params: CertificateRequestParamsSchema,
        response: { 201: CertificateSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.approve(certificateActorOf(request), request.params.requestId)),
  );

  app.post(
    "/certificates/requests/:requestId/reject",
    {
      config: { permission: "signed-in" },
      schema: {
        ...signedIn,
        tags: ["certificates"],
        summary: "Reject a pending request, with the reason the requester will see",
        params: CertificateRequestParamsSchema,
        body: RejectCertificateRequestBodySchema,
        response: { 200: CertificateRequestSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.reject(certificateActorOf(request), request.params.requestId, request.body.reason),
  );

  app.post(
    "/certificates/:certificateId/renew",
    {
      config: { permission: CERTIFICATE_PAGE, signing: true },
      schema: {
        ...signedIn,
        tags: ["certificates"],
        summary: "Renew a certificate in its last 30 days: the new one runs one year past the old expiry",
        params: CertificateParamsSchema,
        body: RenewCertificateBodySchema,
        response: { 201: CertificateSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.renew(actorOf(request), request.params.certificateId, request.body)),
  );

  app.post(
    "/certificates/:certificateId/reissue",
    {
      config: { permission: CERTIFICATE_PAGE, signing: true },
      schema: {
        ...signedIn,
        tags: ["certificates"],
        summary: "Replace a valid certificate with one for a new key; the old one is revoked at once",
        params: CertificateParamsSchema,
        body: ReissueCertificateBodySchema,
        response: { 201: CertificateSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.reissue(actorOf(request), request.params.certificateId, request.body)),
  );

  app.post(
    "/certificates/:certificateId/revoke",
    {
      config: { permission: CERTIFICATE_PAGE },
      schema: {
        ...signedIn,
        tags: ["certificates"],
        summary: "Revoke a certificate (the holder, the organisation's representative or ops); the CRL is published anew",
        params: CertificateParamsSchema,
        body: RevokeCertificateBodySchema,
        response: { 200: CertificateSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.revoke(certificateActorOf(request), request.params.certificateId, request.body.reason),
  );

  app.post(
    "/certificates/import",
    {
      config: { permission: CERTIFICATE_PAGE },
      schema: {
        ...signedIn,
        tags: ["certificates"],
        summary: "Register a certificate from a PKCS#12 opened in the browser (the key stays there)",
        body: ImportCertificateBodySchema,
        response: { 201: CertificateSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.importCertificate(actorOf(request), request.body)),
  );

  app.get(
    "/admin/trusted-roots",
    {
      config: { permission: OPERATOR_ONLY },
      schema: {
        ...signedIn,
        tags: ["certificates"],
        summary: "The roots certificates may chain to: the platform root (always) and the external roots ops added",
        response: { 200: TrustedRootListSchema, ...errorResponses(401, 403) },
      },
    },
    async () => service.listTrustedRoots(),
  );

  app.post(
    "/admin/trusted-roots",
    {
      config: { permission: OPERATOR_ONLY },
      schema: {
        ...signedIn,
        tags: ["certificates"],
        summary: "Trust an external CA root (PEM), e.g. a national CA, so its certificates can be imported",
        body: AddTrustedRootBodySchema,
        response: { 201: TrustedRootSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.addTrustedRoot(actorOf(request), request.body)),
  );

  app.delete(
    "/admin/trusted-roots/:trustedRootId",
    {
      config: { permission: OPERATOR_ONLY },
      schema: {
        ...signedIn,
        tags: ["certificates"],
        summary: "Stop trusting an external root (the platform root cannot be removed)",
        params: TrustedRootParamsSchema,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await service.removeTrustedRoot(actorOf(request), request.params.trustedRootId);
      return reply.code(204).send(null);
    },
  );

  app.patch(
    "/organizations/current/settings",
    {
      config: { permission: REPRESENTATIVE_ONLY },
      schema: {
        ...signedIn,
        tags: ["certificates"],
        summary: "Require certificate sign-in for every user of the organisation (the representative, from a certificate session)",
        body: UpdateOrganizationSettingsBodySchema,
        response: { 200: OrganizationSettingsSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request) => service.updateSettings(certificateActorOf(request), request.body),
  );
}
