// POST /api/verify/pdf (DESIGN.md §4, stable): anyone can upload a PDF and get every signature in it checked
// against what the platform trusts. No session; limited per client address, as each verification costs CPU.
import fastifyMultipart from "@fastify/multipart";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { PdfVerificationReportSchema } from "@pwp/shared/pdf-verification";
import { AppError } from "../../lib/app-error.ts";
import { verifyPlatformPdf } from "../../lib/pki/pdf-verification.ts";
import { errorResponses } from "../../lib/route-schema.ts";

/** Contract PDFs are well under a megabyte; scanned attachments can be large, but not this large. */
export const MAX_VERIFIED_PDF_BYTES = 30 * 1024 * 1024;
const FILE_FIELD = "file";
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

const tooLarge = (field: string) =>
  new AppError("PAYLOAD_TOO_LARGE", `The PDF is larger than ${MAX_VERIFIED_PDF_BYTES / 1024 / 1024} MiB.`, {
    fields: [{ field, message: `is larger than ${MAX_VERIFIED_PDF_BYTES / 1024 / 1024} MiB` }],
  });

/** The uploaded bytes and the field they came in: the raw body, or the multipart part `file`. */
async function readUpload(request: FastifyRequest): Promise<{ pdf: Uint8Array; field: string }> {
  if (request.isMultipart()) {
    let upload: { pdf: Uint8Array; field: string } | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type !== "file" || part.fieldname !== FILE_FIELD) {
          throw new AppError("VALIDATION_FAILED", `Unexpected field "${part.fieldname}"; send the PDF in the field "${FILE_FIELD}".`, {
            fields: [{ field: part.fieldname, message: "is not an accepted field" }],
          });
        }
        if (upload) {
          throw new AppError("VALIDATION_FAILED", "Send one PDF at a time.", { fields: [{ field: FILE_FIELD, message: "was sent more than once" }] });
        }
        const buffer = await part.toBuffer();
        upload = { pdf: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), field: FILE_FIELD };
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      const code = (error as { code?: string }).code;
      if (code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge(FILE_FIELD);
      if (code === "FST_FIELDS_LIMIT" || code === "FST_PARTS_LIMIT" || code === "FST_FILES_LIMIT") {
        throw new AppError("PAYLOAD_TOO_LARGE", "The request has too many parts.", { cause: error });
      }
      throw new AppError("VALIDATION_FAILED", "The multipart request could not be read.", {
        fields: [{ field: "body", message: "is not well-formed multipart/form-data" }],
        cause: error,
      });
    }
    if (!upload) throw new AppError("VALIDATION_FAILED", `No PDF in the field "${FILE_FIELD}".`, { fields: [{ field: FILE_FIELD, message: "is required" }] });
    return upload;
  }
  // Only application/pdf reaches here as bytes: JSON and text have parsers of their own.
  if (!Buffer.isBuffer(request.body)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the PDF as application/pdf or as multipart/form-data in the field \"file\".");
  return { pdf: new Uint8Array(request.body.buffer, request.body.byteOffset, request.body.byteLength), field: "body" };
}

export default async function pdfVerificationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  // Both parsers live in this plugin's scope only; registration keeps its own multipart settings.
  app.addContentTypeParser("application/pdf", { parseAs: "buffer", bodyLimit: MAX_VERIFIED_PDF_BYTES }, (_request, body, done) => done(null, body));
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_VERIFIED_PDF_BYTES, files: 1, fields: 0, parts: 2 } });

  app.post(
    "/verify/pdf",
    {
      bodyLimit: MAX_VERIFIED_PDF_BYTES,
      config: {
        permission: "public",
        rateLimit: { max: app.config.pdfVerificationRateLimitPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: ["verification"],
        summary: "Verify every signature in a PDF: signer, chain, time-stamp, whether later changes were only signatures",
        description:
          `The PDF as an application/pdf body, or as multipart/form-data in the field \`file\`; at most ${MAX_VERIFIED_PDF_BYTES / 1024 / 1024} MiB. ` +
          "An unsigned PDF gives an empty list of signatures.",
        consumes: ["application/pdf", "multipart/form-data"],
        response: { 200: PdfVerificationReportSchema, ...errorResponses(400, 413, 415, 429) },
      },
    },
    async (request) => {
      const { pdf, field } = await readUpload(request);
      if (pdf.length < PDF_MAGIC.length || PDF_MAGIC.some((byte, index) => pdf[index] !== byte)) {
        throw new AppError("VALIDATION_FAILED", "The file is not a PDF.", { fields: [{ field, message: "is not a PDF (it does not start with %PDF-)" }] });
      }
      const { report } = await verifyPlatformPdf(app.db.prisma, app.pki, pdf, { now: app.now(), field });
      return report;
    },
  );
}
