// Reading a registration's multipart request: text fields and the `documents` files, with the limits enforced
// while the bytes arrive, and each file's type recognised from its first bytes (a renamed text file is refused
// whatever it claims to be).
import { createHash } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { Multipart } from "@fastify/multipart";
import {
  MAX_REGISTRATION_DOCUMENT_BYTES,
  MAX_REGISTRATION_DOCUMENTS,
  type RegistrationDocumentType,
} from "@pwp/shared/registration";
import { AppError } from "../../lib/app-error.ts";
import { detectFileType, sanitizeFileName } from "../../lib/uploads.ts";

export const DOCUMENTS_FIELD = "documents";
/** Large enough for any application JSON, small enough to refuse abuse early. */
const MAX_FIELD_BYTES = 64 * 1024;

export interface UploadedDocument {
  fileName: string;
  contentType: RegistrationDocumentType;
  size: number;
  sha256: string;
  content: Uint8Array<ArrayBuffer>;
}

export interface RegistrationUpload {
  fields: Map<string, string>;
  documents: UploadedDocument[];
}

/** The document type the content really is, from its magic bytes; null for anything else (lib/uploads.ts). */
export function detectDocumentType(content: Uint8Array): RegistrationDocumentType | null {
  return detectFileType(content);
}

export { sanitizeFileName };

function tooLarge(fileName: string): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `"${fileName}" is larger than ${MAX_REGISTRATION_DOCUMENT_BYTES / 1024 / 1024} MiB.`, {
    fields: [{ field: DOCUMENTS_FIELD, message: `"${fileName}" is larger than the limit of 10 MiB` }],
  });
}

async function readDocument(part: Extract<Multipart, { type: "file" }>): Promise<UploadedDocument> {
  const fileName = sanitizeFileName(part.filename);
  const chunks: Buffer[] = [];
  for await (const chunk of part.file) chunks.push(chunk as Buffer);
  if (part.file.truncated) throw tooLarge(fileName);
  const buffer = Buffer.concat(chunks);
  if (buffer.length === 0) {
    throw new AppError("VALIDATION_FAILED", `"${fileName}" is empty.`, {
      fields: [{ field: DOCUMENTS_FIELD, message: `"${fileName}" is empty` }],
    });
  }
  const contentType = detectDocumentType(buffer);
  if (!contentType) {
    throw new AppError("VALIDATION_FAILED", `"${fileName}" is not a PDF, PNG or JPEG file.`, {
      fields: [{ field: DOCUMENTS_FIELD, message: `"${fileName}" is not a PDF, PNG or JPEG file` }],
    });
  }
  return {
    fileName,
    contentType,
    size: buffer.length,
    sha256: createHash("sha256").update(buffer).digest("hex"),
    content: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) as Uint8Array<ArrayBuffer>,
  };
}

/** Reads the whole request: the named text fields and up to MAX_REGISTRATION_DOCUMENTS files under `documents`. */
export async function readRegistrationUpload(request: FastifyRequest, fieldNames: readonly string[]): Promise<RegistrationUpload> {
  if (!request.isMultipart()) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the request as multipart/form-data.");
  }
  const fields = new Map<string, string>();
  const documents: UploadedDocument[] = [];
  try {
    // The plugin is registered with throwFileSizeLimit: false, so an oversized file arrives truncated and
    // readDocument names it. One more file than allowed, so the eleventh is seen and named by our own check.
    const parts = request.parts({
      limits: {
        files: MAX_REGISTRATION_DOCUMENTS + 1,
        fileSize: MAX_REGISTRATION_DOCUMENT_BYTES,
        fields: fieldNames.length,
        fieldSize: MAX_FIELD_BYTES,
        parts: MAX_REGISTRATION_DOCUMENTS + fieldNames.length + 1,
      },
    });
    for await (const part of parts) {
      if (part.type === "file") {
        if (part.fieldname !== DOCUMENTS_FIELD) {
          throw new AppError("VALIDATION_FAILED", `Unexpected file field "${part.fieldname}".`, {
            fields: [{ field: part.fieldname, message: "is not an accepted field" }],
          });
        }
        if (documents.length === MAX_REGISTRATION_DOCUMENTS) {
          const fileName = sanitizeFileName(part.filename);
          throw new AppError("PAYLOAD_TOO_LARGE", `At most ${MAX_REGISTRATION_DOCUMENTS} documents can be sent at once; "${fileName}" is one too many.`, {
            fields: [{ field: DOCUMENTS_FIELD, message: `at most ${MAX_REGISTRATION_DOCUMENTS} files; "${fileName}" is one too many` }],
          });
        }
        documents.push(await readDocument(part));
        continue;
      }
      if (!fieldNames.includes(part.fieldname)) {
        throw new AppError("VALIDATION_FAILED", `Unexpected field "${part.fieldname}".`, {
          fields: [{ field: part.fieldname, message: "is not an accepted field" }],
        });
      }
      if (part.valueTruncated) {
        throw new AppError("PAYLOAD_TOO_LARGE", `The field "${part.fieldname}" is too long.`, {
          fields: [{ field: part.fieldname, message: "is too long" }],
        });
      }
      if (fields.has(part.fieldname)) {
        throw new AppError("VALIDATION_FAILED", `The field "${part.fieldname}" was sent twice.`, {
          fields: [{ field: part.fieldname, message: "was sent more than once" }],
        });
      }
      fields.set(part.fieldname, typeof part.value === "string" ? part.value : String(part.value));
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === "FST_FIELDS_LIMIT" || code === "FST_PARTS_LIMIT" || code === "FST_FILES_LIMIT") {
      throw new AppError("PAYLOAD_TOO_LARGE", "The request has too many parts.", { cause: error });
    }
    throw new AppError("VALIDATION_FAILED", "The multipart request could not be read.", {
      fields: [{ field: "body", message: "is not well-formed multipart/form-data" }],
      cause: error,
    });
  }
  return { fields, documents };
}
