// The platform PKI's public surface (DESIGN.md §4, stable): the CA certificates, the issuing CA's CRL and the
// RFC 3161 time-stamping authority. No session: relying parties and tools (openssl, pdfsig) call these.
import type { FastifyInstance } from "fastify";
import { toPem } from "@pwp/pki/encoding";
import { AppError } from "../../lib/app-error.ts";
import { answerPlatformTimestampRequest } from "../../lib/pki/platform-tsa.ts";
import { errorResponses } from "../../lib/route-schema.ts";

/** A TimeStampReq with a SHA-512 imprint and a nonce is well under 200 bytes. */
const TIMESTAMP_QUERY_LIMIT_BYTES = 8 * 1024;

export default async function pkiRoutes(app: FastifyInstance) {
  app.addContentTypeParser("application/timestamp-query", { parseAs: "buffer", bodyLimit: TIMESTAMP_QUERY_LIMIT_BYTES }, (_request, body, done) => {
    done(null, body);
  });

  app.get(
    "/pki/ca.pem",
    {
      config: { permission: "public" },
      schema: {
        tags: ["pki"],
        summary: "The platform root CA and issuing CA certificates, PEM",
        response: errorResponses(),
      },
    },
    async (_request, reply) => {
      const pem = toPem(app.pki.root.certificateDer, "CERTIFICATE") + toPem(app.pki.issuing.certificateDer, "CERTIFICATE");
      return reply.header("cache-control", "public, max-age=3600").type("application/x-pem-file").send(pem);
    },
  );

  app.get(
    "/pki/crl",
    {
      config: { permission: "public" },
      schema: {
        tags: ["pki"],
        summary: "The issuing CA's current CRL, DER (published anew on every revocation)",
        response: errorResponses(),
      },
    },
    async (_request, reply) => {
      const crl = await app.pki.getCurrentCrl();
      // Revocations publish a new CRL at once: caches must ask again rather than keep an older one until nextUpdate.
      return reply
        .header("cache-control", "no-cache")
        .header("last-modified", crl.thisUpdate.toUTCString())
        .type("application/pkix-crl")
        .send(Buffer.from(crl.der));
    },
  );

  app.post(
    "/pki/tsa",
    {
      config: { permission: "public", rateLimit: { max: 600, timeWindow: 60_000 }, signing: true },
      schema: {
        tags: ["pki"],
        summary: "RFC 3161 time stamping over HTTP: application/timestamp-query in, application/timestamp-reply out",
        response: errorResponses(413, 415, 429),
      },
    },
    async (request, reply) => {
      // JSON and text bodies have parsers of their own; only a time-stamp query arrives here as bytes.
      if (!Buffer.isBuffer(request.body)) {
        throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send an RFC 3161 TimeStampReq as application/timestamp-query.");
      }
      reply.type("application/timestamp-reply").header("cache-control", "no-store");
      // RFC 3161 2.4.2: a request we cannot honour (garbage, SHA-1, a policy or extension we do not offer) gets a
      // TimeStampResp with status rejection and its failInfo, not an HTTP error.
      const answer = await answerPlatformTimestampRequest(app.pki, new Uint8Array(request.body), app.now());
      if (!answer.isGranted) request.log.info({ problem: answer.problem, detail: answer.detail }, "time-stamp request rejected");
      return reply.send(Buffer.from(answer.responseDer));
    },
  );
}
