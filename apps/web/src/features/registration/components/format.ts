// Small display helpers of the registration pages.
import {
  MAX_REGISTRATION_DOCUMENT_BYTES,
  MAX_REGISTRATION_DOCUMENTS,
  REGISTRATION_DOCUMENT_TYPES,
} from "@pwp/shared/registration";
import type { TFunction } from "i18next";

/** 1.2 MB, 340 KB: in the UI language's number format. */
export function formatFileSize(bytes: number, language: string): string {
  const format = (value: number, unit: "kilobyte" | "megabyte") =>
    new Intl.NumberFormat(language, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 }).format(value);
  if (bytes >= 1024 * 1024) return format(bytes / 1024 / 1024, "megabyte");
  return format(Math.max(bytes / 1024, 0.1), "kilobyte");
}

export const ACCEPTED_DOCUMENTS = [...REGISTRATION_DOCUMENT_TYPES, ".pdf", ".png", ".jpg", ".jpeg"].join(",");

/**
 * The browser's own view of the chosen files, checked before sending so the user hears at once about a wrong
 * type or size. The server checks again, by content, and has the last word.
 */
export function checkFiles(files: readonly File[], t: TFunction): string | null {
  if (files.length > MAX_REGISTRATION_DOCUMENTS) return t("registration.errors.tooManyFiles", { count: MAX_REGISTRATION_DOCUMENTS });
  for (const file of files) {
    if (file.size === 0) return t("registration.errors.fileEmpty", { name: file.name });
    if (file.size > MAX_REGISTRATION_DOCUMENT_BYTES) return t("registration.errors.fileTooLarge", { name: file.name });
    const isAccepted = (REGISTRATION_DOCUMENT_TYPES as readonly string[]).includes(file.type) || /\.(pdf|png|jpe?g)$/i.test(file.name);
    if (!isAccepted) return t("registration.errors.fileType", { name: file.name });
  }
  return null;
}

