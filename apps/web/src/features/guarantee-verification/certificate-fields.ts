// The signed certificate document (GuaranteeCertificateDocument) as rows to show: every field labelled in the
// viewer's language, with the value as the certificate writes it in its own language alongside. Names, the works
// title, addresses and the reason are shown exactly as signed (they are not translated: the signature is over
// them); kinds, dates and amounts are data, formatted for the viewer, with the original next to them.
import { formatAmount, formatJapaneseContractAmount, formatKoreanContractAmount } from "@pwp/shared/amounts";
import type { Currency } from "@pwp/shared/contracts";
import type { Locale } from "@pwp/shared/enums";
import type { LookupSignatureStatus } from "@pwp/shared/guarantee-lookup";
import type { GuaranteeCertificateDocument } from "@pwp/shared/guarantees";
import { formatCalendarDate } from "@/lib/format";

export type DocumentLanguage = GuaranteeCertificateDocument["language"];
export type CertificateParty = GuaranteeCertificateDocument["contractor"];

/** i18next's t, narrowed to what this module needs: a key, values, and the language to write in. */
export type Translate = (key: string, options: { lng: Locale } & Record<string, unknown>) => string;

/** The label key of each row, under verify.certificate.fields. */
export type CertificateField =
  | "guaranteeNumber"
  | "version"
  | "kind"
  | "orderer"
  | "contractor"
  | "jvMember"
  | "worksTitle"
  | "contractAmount"
  | "contractDate"
  | "worksPeriod"
  | "guaranteeAmount"
  | "guaranteePeriod"
  | "depositBank"
  | "surety"
  | "issuedOn"
  | "reason";

export type CertificateRow =
  /** Shown exactly as signed, in the document's language. */
  | { type: "asSigned"; field: CertificateField; text: string }
  | { type: "party"; field: CertificateField; party: CertificateParty }
  /**
   * Formatted for the viewer; `original` is how the certificate writes it, or null when that reads the same (the
   * viewer reads the document's language).
   */
  | { type: "formatted"; field: CertificateField; value: string; original: string | null }
  /** As "formatted", with the amount in words of the document's language, which the figures cannot be altered without. */
  | { type: "amount"; field: CertificateField; value: string; original: string | null; words: string | null };

/** 금 일억이천삼백사십오만원정(₩123,450,000) · 金壱億弐千参百四拾五万円也; null where words cannot be written (0). */
export function amountInWords(amount: number, currency: Currency, language: DocumentLanguage): string | null {
  try {
    return language === "ko" ? formatKoreanContractAmount(amount, currency) : formatJapaneseContractAmount(amount, currency);
  } catch {
    // Out of the range words are written for: the figures alone are shown, never a made-up text.
    return null;
  }
}

/**
 * The rows of one version's certificate, in the order the certificate prints them. `viewer` is the UI language;
 * `translate` writes a label or a kind name in a given language (the original column uses the document's).
 */
export function describeCertificate(document: GuaranteeCertificateDocument, viewer: Locale, translate: Translate): CertificateRow[] {
  const original = document.language;
  const isSameLanguage = viewer === original;
  /** The same piece written for the viewer and for the document; the original only where it reads differently. */
  const pair = (write: (language: Locale) => string): { value: string; original: string | null } => {
    const value = write(viewer);
    const originalValue = isSameLanguage ? null : write(original);
    return { value, original: originalValue === value ? null : originalValue };
  };
  const both = (field: CertificateField, write: (language: Locale) => string): CertificateRow => ({ type: "formatted", field, ...pair(write) });
  const amount = (field: CertificateField, value: number): CertificateRow => ({
    type: "amount",
    field,
    ...pair((language) => formatAmount(value, document.currency, language)),
    words: amountInWords(value, document.currency, original),
  });
  const period = (start: string, end: string) => (language: Locale) =>
    translate("verify.certificate.period", { lng: language, start: formatCalendarDate(start, language), end: formatCalendarDate(end, language) });

  const rows: CertificateRow[] = [
    { type: "asSigned", field: "guaranteeNumber", text: document.guaranteeNumber },
    both("version", (language) =>
      translate("verify.certificate.versionValue", {
        lng: language,
        number: document.versionNumber,
        kind: translate(`guarantees.versionKinds.${document.versionKind}`, { lng: language }),
      }),
    ),
    both("kind", (language) => translate(`guarantees.kinds.${document.kind}`, { lng: language })),
    { type: "party", field: "orderer", party: document.orderer },
    { type: "party", field: "contractor", party: document.contractor },
    ...document.jvMembers.map((member): CertificateRow => ({ type: "party", field: "jvMember", party: member })),
    { type: "asSigned", field: "worksTitle", text: document.worksTitle },
    amount("contractAmount", document.contractAmount),
    both("contractDate", (language) => formatCalendarDate(document.contractDate, language)),
    both("worksPeriod", period(document.worksStartDate, document.worksEndDate)),
    amount("guaranteeAmount", document.guaranteeAmount),
    both("guaranteePeriod", period(document.guaranteeStartDate, document.guaranteeEndDate)),
  ];
  if (document.depositBank) {
    rows.push({ type: "asSigned", field: "depositBank", text: [document.depositBank.bankName, document.depositBank.branchName].filter(Boolean).join(" ") });
  }
  rows.push({ type: "party", field: "surety", party: document.surety });
  rows.push(both("issuedOn", (language) => formatCalendarDate(document.issuedOn, language)));
  if (document.reason) rows.push({ type: "asSigned", field: "reason", text: document.reason });
  return rows;
}

/**
 * A before/after value of the version history: the server writes amounts as digits and dates as YYYY-MM-DD; those
 * are formatted for the viewer, anything else (a name, a bank) is shown as it is.
 */
export function formatChangeValue(field: string, value: string | null, currency: Currency, viewer: Locale): string {
  if (value === null || value === "") return "—";
  if (/Amount$/.test(field) && /^\d+$/.test(value) && Number.isSafeInteger(Number(value))) return formatAmount(Number(value), currency, viewer);
  if (/Date$/.test(field)) return formatCalendarDate(value, viewer);
  return value;
}

/**
 * The verdict the page leads with: the PDF's signature and the detached CMS over the signed data must both verify.
 * A certificate revoked later does not enter here: the server already reports REVOKED among the problems (and
 * isValid false) when the revocation came before the time-stamp; a later one leaves a time-stamped signature valid.
 */
export function isVersionSignatureValid(signature: LookupSignatureStatus): boolean {
  return signature.isValid && signature.isDataSignatureValid;
}
