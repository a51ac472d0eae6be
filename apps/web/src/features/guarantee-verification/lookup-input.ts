// What the lookup form starts from and what it says when the server refuses. Normalising what was typed (spaces,
// hyphens, full-width digits) is the server's job: a typo must get the same 404 as a wrong key, so the page sends
// the text as it is and never hints which of the two was wrong.
import type { Locale } from "@pwp/shared/enums";
import type { TFunction } from "i18next";
import { isApiError } from "@/lib/api-client";

/** VerifyGuaranteeBodySchema's limit; a longer prefill would only earn a 400 instead of the one generic answer. */
const GUARANTEE_NUMBER_MAX_LENGTH = 40;

/**
 * The guarantee number from /verify?number=… (the QR code on the key notice). Only the number: a key in the URL
 * is never read — it would sit in the browser history, server logs and Referer headers — so the person types it.
 */
export function readPrefilledGuaranteeNumber(search: URLSearchParams): string {
  return (search.get("number") ?? "").trim().slice(0, GUARANTEE_NUMBER_MAX_LENGTH);
}

/**
 * When a lockout ends, in the viewer's language and time zone: the time alone when it ends today, with the date
 * otherwise. Rounded up to the minute, so trying again at the time shown never lands a few seconds too early.
 */
export function formatRetryAt(retryAt: Date, locale: Locale, options: { now?: Date; timeZone?: string } = {}): string {
  const now = options.now ?? new Date();
  const minute = 60_000;
  const rounded = new Date(Math.ceil(retryAt.getTime() / minute) * minute);
  const zone = options.timeZone === undefined ? {} : { timeZone: options.timeZone };
  const day = new Intl.DateTimeFormat("en-CA", { ...zone, year: "numeric", month: "2-digit", day: "2-digit" });
  const isToday = day.format(rounded) === day.format(now);
  return new Intl.DateTimeFormat(locale, {
    ...zone,
    ...(isToday ? {} : { month: "long", day: "numeric" }),
    hour: "numeric",
    minute: "2-digit",
  }).format(rounded);
}

/** One message per refusal of the lookup; 404 never says whether the number or the key was wrong. */
export function describeLookupError(error: unknown, t: TFunction, locale: Locale): string {
  if (!isApiError(error)) return t("errors.unexpected");
  switch (error.code) {
    // The schema is loose on purpose; whatever it still refuses is, for the person, a number and key that do not match.
    case "NOT_FOUND":
    case "VALIDATION_FAILED":
      return t("verify.errors.notFound");
    case "RATE_LIMITED":
      return error.retryAt ? t("verify.errors.locked", { time: formatRetryAt(error.retryAt, locale) }) : t("verify.errors.lockedNoTime");
    case "NETWORK_ERROR":
      return t("errors.network");
    case "SERVICE_UNAVAILABLE":
      return t("verify.errors.unavailable");
    default:
      return t("errors.unexpected");
  }
}

/** Accepting or returning: the same lookup refusals, plus the decision's own (already decided, not the orderer). */
export function describeDecisionError(error: unknown, t: TFunction, locale: Locale): string {
  if (isApiError(error, "CONFLICT")) return t("verify.decision.errors.conflict");
  if (isApiError(error, "FORBIDDEN")) return t("verify.decision.errors.forbidden", { reason: error.message });
  if (isApiError(error) && error.status === 401) return t("verify.decision.errors.signedOut");
  // A refused contract choice names its field; a bad number or key stays the lookup's one generic answer.
  if (isApiError(error, "VALIDATION_FAILED") && error.fields.some((field) => field.field === "body.contractId" || field.field === "body.reason")) {
    return t("verify.decision.errors.rejected", { reason: error.fields.map((field) => field.message).join(" ") });
  }
  return describeLookupError(error, t, locale);
}
