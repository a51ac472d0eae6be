// Uploaded files, whatever the module: the type a file really is (from its first bytes, so a renamed text file is
// refused whatever it claims to be), a file name safe to store and send back, and reading a multipart request
// that carries JSON fields and one file, with the limits enforced while the bytes arrive.
import { createHash } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { AppError } from "./app-error.ts";

export const UPLOAD_FILE_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export type UploadFileType = (typeof UPLOAD_FILE_TYPES)[number];

const SIGNATURES: readonly { type: UploadFileType; bytes: readonly number[] }[] = [
  { type: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
];

/** The type the content really is, from its magic bytes; null for anything else. */
export function detectFileType(content: Uint8Array): UploadFileType | null {
  const match = SIGNATURES.find(({ bytes }) => bytes.every((byte, i) => content[i] === byte));
  return match?.type ?? null;
}

/**
 * A file name safe to store and to send back in Content-Disposition: no folders (a browser may send
 * "C:\\fakepath\\x.pdf"), no control or quoting characters, at most 200 characters; Korean and Japanese are kept.
 */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}"<>|:*?]/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  const characters = [...cleaned];
  if (characters.length === 0) return "document";
  if (characters.length <= 200) return cleaned;
  // Keep the extension when shortening.
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : "";
  return characters.slice(0, 200 - [...extension].length).join("") + extension;
}

export interface UploadedFile {
  fileName: string;
  contentType: UploadFileType;
  size: number;
  sha256: string;
  content: Uint8Array<ArrayBuffer>;
}

/** RFC 6266: an ASCII fallback plus the real name in UTF-8 (RFC 5987). */
export function contentDisposition(fileName: string, disposition: "attachment" | "inline" = "attachment"): string {
  const fallback = fileName.replace(/[^\x20-\x7E]/g, "_").replace(/["\\]/g, "_");
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Reads a multipart request with the text fields `fieldNames` and exactly one file in `fileField` (PDF, PNG or
 * JPEG, at most `maxFileBytes`). The route's plugin must register @fastify/multipart with throwFileSizeLimit: false,
 * so an oversized file arrives truncated and is named here.
 */
export async function readSingleFileUpload(
  request: FastifyRequest,
  options: { fileField: string; fieldNames: readonly string[]; maxFileBytes: number; maxFieldBytes: number },
): Promise<{ fields: Map<string, string>; file: UploadedFile }> {
  if (!request.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the request as multipart/form-data.");
  const { fileField, fieldNames, maxFileBytes } = options;
  const fields = new Map<string, string>();
  let file: UploadedFile | undefined;
  const refuse = (field: string, message: string, code: "VALIDATION_FAILED" | "PAYLOAD_TOO_LARGE" = "VALIDATION_FAILED") =>
    new AppError(code, `The upload's ${field} ${message}.`, { fields: [{ field, message }] });
  try {
    const parts = request.parts({
      limits: { files: 2, fileSize: maxFileBytes, fields: fieldNames.length, fieldSize: options.maxFieldBytes, parts: fieldNames.length + 2 },
    });
    for await (const part of parts) {
      if (part.type === "file") {
        if (part.fieldname !== fileField) throw refuse(part.fieldname, "is not an accepted field");
        if (file) throw refuse(fileField, "was sent more than once");
        const fileName = sanitizeFileName(part.filename);
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        if (part.file.truncated) throw refuse(fileField, `is larger than the limit of ${maxFileBytes / 1024 / 1024} MiB`, "PAYLOAD_TOO_LARGE");
        const buffer = Buffer.concat(chunks);
        if (buffer.length === 0) throw refuse(fileField, "is empty");
        const contentType = detectFileType(buffer);
        if (!contentType) throw refuse(fileField, "is not a PDF, PNG or JPEG file");
        file = {
          fileName,
          contentType,
          size: buffer.length,
          sha256: createHash("sha256").update(buffer).digest("hex"),
          content: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) as Uint8Array<ArrayBuffer>,
        };
        continue;
      }
      if (!fieldNames.includes(part.fieldname)) throw refuse(part.fieldname, "is not an accepted field");
      if (part.valueTruncated) throw refuse(part.fieldname, "is too long", "PAYLOAD_TOO_LARGE");
      if (fields.has(part.fieldname)) throw refuse(part.fieldname, "was sent more than once");
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
  if (!file) throw refuse(fileField, "is required");
  return { fields, file };
}
