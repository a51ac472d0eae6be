// The verification lookup's page logic without React: the number prefilled from the key notice's QR link (and never
// a key), the lockout's end in the viewer's language and time zone, the one message for a wrong number or key, the
// signed certificate's fields mapped to rows in the viewer's language with the originals beside them, and what the
// contractor's and surety's guarantee page reads from the lookup log and the events.
import type { LookupSignatureStatus } from "@pwp/shared/guarantee-lookup";
import type { GuaranteeCertificateDocument, GuaranteeEvent } from "@pwp/shared/guarantees";
import i18next, { type TFunction } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import {
  amountInWords,
  describeCertificate,
  formatChangeValue,
  isVersionSignatureValid,
  type CertificateRow,
  type Translate,
} from "../src/features/guarantee-verification/certificate-fields";
import { describeDecisionError, describeLookupError, formatRetryAt, readPrefilledGuaranteeNumber } from "../src/features/guarantee-verification/lookup-input";
import { readOrdererDecision, splitFailedAttempts } from "../src/features/guarantees/lookup-log";
import { ApiError } from "../src/lib/api-client";
import en from "../src/locales/en.json";
import ja from "../src/locales/ja.json";
import ko from "../src/locales/ko.json";

// The real dictionaries: a key the mapping builds that is missing from them fails here, not on a user's screen.
const i18n = i18next.createInstance();
let t: TFunction;
beforeAll(async () => {
  t = await i18n.init({
    resources: { en: { translation: en }, ja: { translation: ja }, ko: { translation: ko } },
    lng: "en",
    fallbackLng: false,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
});
const translate: Translate = (key, options) => {
  // Keys are built at run time from the shared enums; the typed t cannot follow them (see certificate-view.tsx).
  const text = i18n.t(key as "verify.certificate.period", options);
  if (text === key) throw new Error(`Missing translation: ${key}`);
  return text;
};

describe("the prefilled guarantee number", () => {
  it("comes from ?number=, trimmed", () => {
    expect(readPrefilledGuaranteeNumber(new URLSearchParams("number=12345-678901"))).toBe("12345-678901");
    expect(readPrefilledGuaranteeNumber(new URLSearchParams("number=%2012345-678901%20"))).toBe("12345-678901");
  });

  it("is empty without one", () => {
    expect(readPrefilledGuaranteeNumber(new URLSearchParams(""))).toBe("");
  });

  it("never takes a key from the URL, whatever it is called", () => {
    const search = new URLSearchParams("key=ABCD-EFGH-JKMN-PQ&authKey=ABCDEFGHJKMNPQ&number=12345-678901");
    expect(readPrefilledGuaranteeNumber(search)).toBe("12345-678901");
    expect(readPrefilledGuaranteeNumber(new URLSearchParams("authKey=ABCDEFGHJKMNPQ"))).toBe("");
  });

  it("is cut at the length the API accepts", () => {
    expect(readPrefilledGuaranteeNumber(new URLSearchParams(`number=${"1".repeat(100)}`))).toHaveLength(40);
  });
});

describe("the end of a lockout", () => {
  // 15:41:30 in Seoul and Tokyo.
  const retryAt = new Date("2026-03-02T06:41:30Z");
  const sameDay = new Date("2026-03-02T06:26:30Z");

  it("is the time alone when it ends today, rounded up to the minute", () => {
    expect(formatRetryAt(retryAt, "ja", { now: sameDay, timeZone: "Asia/Tokyo" })).toBe("15:42");
    // 오후 3:42 in browsers; a Node built without Korean locale data writes the day period in English.
    expect(formatRetryAt(retryAt, "ko", { now: sameDay, timeZone: "Asia/Seoul" })).toMatch(/^(오후|PM) 3:42$/);
    expect(formatRetryAt(retryAt, "en", { now: sameDay, timeZone: "Asia/Seoul" })).toMatch(/^3:42\s?PM$/u);
  });

  it("is not moved when it falls on a whole minute", () => {
    expect(formatRetryAt(new Date("2026-03-02T06:41:00Z"), "ja", { now: sameDay, timeZone: "Asia/Tokyo" })).toBe("15:41");
  });

  it("is in the viewer's time zone", () => {
    expect(formatRetryAt(retryAt, "ja", { now: sameDay, timeZone: "UTC" })).toBe("6:42");
  });

  it("carries the date when it ends on another day (here: past midnight in Tokyo)", () => {
    const lateRetryAt = new Date("2026-03-02T15:05:10Z"); // 00:05:10 on 3 March in Tokyo
    const lateNow = new Date("2026-03-02T14:55:00Z"); // 23:55 on 2 March
    expect(formatRetryAt(lateRetryAt, "ja", { now: lateNow, timeZone: "Asia/Tokyo" })).toBe("3月3日 0:06");
    expect(formatRetryAt(lateRetryAt, "en", { now: lateNow, timeZone: "Asia/Tokyo" })).toMatch(/^March 3 at 12:06\s?AM$|^March 3, 12:06\s?AM$/u);
  });
});

describe("the lookup's messages", () => {
  it("say the same for any wrong number or key, and never which", () => {
    const notFound = describeLookupError(new ApiError({ status: 404, code: "NOT_FOUND", message: "x" }), t, "en");
    expect(notFound).toBe("No guarantee matches this number and key. Check both and try again.");
    // A typed value the schema still refuses reads the same to the person.
    expect(describeLookupError(new ApiError({ status: 400, code: "VALIDATION_FAILED", message: "x" }), t, "en")).toBe(notFound);
  });

  it("give the unlock time of a lockout", () => {
    const retryAt = new Date(Date.now() + 10 * 60_000);
    const message = describeLookupError(new ApiError({ status: 429, code: "RATE_LIMITED", message: "x", retryAt }), t, "en");
    expect(message).toBe(`Too many failed attempts for this guarantee number. You can try again from ${formatRetryAt(retryAt, "en")}.`);
    expect(describeLookupError(new ApiError({ status: 429, code: "RATE_LIMITED", message: "x" }), t, "en")).toBe(
      "Too many failed attempts for this guarantee number. Please try again later.",
    );
  });

  it("tell a decision already taken apart from the lookup's own refusals", () => {
    expect(describeDecisionError(new ApiError({ status: 409, code: "CONFLICT", message: "x" }), t, "en")).toMatch(/already been accepted or returned/);
    const contractRefused = new ApiError({
      status: 400,
      code: "VALIDATION_FAILED",
      message: "x",
      fields: [{ field: "body.contractId", message: "is not one of your contracts with this guarantee's contractor" }],
    });
    expect(describeDecisionError(contractRefused, t, "en")).toBe("The platform refused it: is not one of your contracts with this guarantee's contractor");
    expect(describeDecisionError(new ApiError({ status: 400, code: "VALIDATION_FAILED", message: "x", fields: [{ field: "body.authKey", message: "bad" }] }), t, "en")).toBe(
      "No guarantee matches this number and key. Check both and try again.",
    );
    expect(describeDecisionError(new ApiError({ status: 404, code: "NOT_FOUND", message: "x" }), t, "en")).toBe(
      "No guarantee matches this number and key. Check both and try again.",
    );
  });
});

const japaneseDocument: GuaranteeCertificateDocument = {
  type: "pwp.guarantee.certificate.v1",
  guaranteeNumber: "12345-678901",
  versionNumber: 2,
  versionKind: "CHANGE",
  kind: "ADVANCE_PAYMENT",
  language: "ja",
  contractor: { name: "株式会社青森建設", registrationNumber: "1234567890123", representativeName: "青森 太郎", address: "青森県むつ市金曲1-1" },
  jvMembers: [{ name: "下北土木株式会社", registrationNumber: null, representativeName: "下北 次郎", address: "青森県むつ市田名部2-2" }],
  orderer: { name: "むつ市長", registrationNumber: null, representativeName: "", address: "" },
  worksTitle: "○○線道路改良工事",
  currency: "JPY",
  contractAmount: 50_000_000,
  contractDate: "2026-03-02",
  worksStartDate: "2026-04-01",
  worksEndDate: "2027-03-15",
  guaranteeAmount: 12_345_000,
  guaranteeStartDate: "2026-04-01",
  guaranteeEndDate: "2027-03-15",
  depositBank: { bankName: "みちのく銀行", branchName: "むつ支店" },
  surety: { name: "東日本建設業保証株式会社", registrationNumber: "9876543210987", representativeName: "保証 花子", address: "東京都中央区八丁堀2-5-1" },
  issuedOn: "2026-03-10",
  reason: "工期延長に伴う変更",
};

function row(rows: CertificateRow[], field: CertificateRow["field"]): CertificateRow {
  const found = rows.find((candidate) => candidate.field === field);
  if (!found) throw new Error(`No row ${field}`);
  return found;
}

describe("the signed certificate's fields", () => {
  it("come in the certificate's order, every field once (JV members one row each)", () => {
    const rows = describeCertificate(japaneseDocument, "en", translate);
    expect(rows.map((candidate) => candidate.field)).toEqual([
      "guaranteeNumber",
      "version",
      "kind",
      "orderer",
      "contractor",
      "jvMember",
      "worksTitle",
      "contractAmount",
      "contractDate",
      "worksPeriod",
      "guaranteeAmount",
      "guaranteePeriod",
      "depositBank",
      "surety",
      "issuedOn",
      "reason",
    ]);
  });

  it("show names, the works title, the bank and the reason exactly as signed", () => {
    const rows = describeCertificate(japaneseDocument, "en", translate);
    expect(row(rows, "worksTitle")).toEqual({ type: "asSigned", field: "worksTitle", text: "○○線道路改良工事" });
    expect(row(rows, "guaranteeNumber")).toEqual({ type: "asSigned", field: "guaranteeNumber", text: "12345-678901" });
    expect(row(rows, "depositBank")).toEqual({ type: "asSigned", field: "depositBank", text: "みちのく銀行 むつ支店" });
    expect(row(rows, "reason")).toEqual({ type: "asSigned", field: "reason", text: "工期延長に伴う変更" });
    expect(row(rows, "contractor")).toEqual({ type: "party", field: "contractor", party: japaneseDocument.contractor });
    expect(row(rows, "jvMember")).toEqual({ type: "party", field: "jvMember", party: japaneseDocument.jvMembers[0] });
  });

  it("write kinds, dates and amounts for the viewer, with the certificate's own wording beside them", () => {
    const rows = describeCertificate(japaneseDocument, "en", translate);
    expect(row(rows, "kind")).toEqual({ type: "formatted", field: "kind", value: "Advance payment guarantee", original: "前払金保証" });
    expect(row(rows, "version")).toEqual({ type: "formatted", field: "version", value: "Version 2 (Change)", original: "第2版（変更）" });
    expect(row(rows, "contractDate")).toEqual({ type: "formatted", field: "contractDate", value: "March 2, 2026", original: "2026年3月2日" });
    expect(row(rows, "guaranteePeriod")).toEqual({
      type: "formatted",
      field: "guaranteePeriod",
      value: "April 1, 2026 – March 15, 2027",
      original: "2026年4月1日～2027年3月15日",
    });
    expect(row(rows, "guaranteeAmount")).toEqual({
      type: "amount",
      field: "guaranteeAmount",
      value: "JPY 12,345,000",
      original: "12,345,000円",
      // The amount in words is the document's language's, whoever reads it.
      words: "金壱千弐百参拾四万五千円也",
    });
  });

  it("leave the original out where the viewer reads the certificate's language", () => {
    const rows = describeCertificate(japaneseDocument, "ja", translate);
    expect(row(rows, "guaranteeAmount")).toEqual({ type: "amount", field: "guaranteeAmount", value: "12,345,000円", original: null, words: "金壱千弐百参拾四万五千円也" });
    expect(row(rows, "kind")).toEqual({ type: "formatted", field: "kind", value: "前払金保証", original: null });
  });

  it("write a Korean certificate's originals in Korean, for a Japanese reader", () => {
    const korean: GuaranteeCertificateDocument = {
      ...japaneseDocument,
      language: "ko",
      currency: "KRW",
      kind: "CONTRACT_PERFORMANCE",
      versionKind: "ISSUE",
      versionNumber: 1,
      guaranteeAmount: 123_450_000,
      depositBank: null,
      jvMembers: [],
      reason: "",
    };
    const rows = describeCertificate(korean, "ja", translate);
    expect(rows.map((candidate) => candidate.field)).not.toContain("depositBank");
    expect(rows.map((candidate) => candidate.field)).not.toContain("reason");
    expect(rows.map((candidate) => candidate.field)).not.toContain("jvMember");
    expect(row(rows, "kind")).toEqual({ type: "formatted", field: "kind", value: "契約保証", original: "계약보증" });
    expect(row(rows, "version")).toEqual({ type: "formatted", field: "version", value: "第1版（新規）", original: "제1차 (신규)" });
    expect(row(rows, "guaranteeAmount")).toEqual({
      type: "amount",
      field: "guaranteeAmount",
      value: "123,450,000ウォン",
      original: "123,450,000원",
      words: "금 일억이천삼백사십오만원정(₩123,450,000)",
    });
  });

  it("write no amount in words for an amount outside the range words are written for", () => {
    expect(amountInWords(0, "JPY", "ja")).toBeNull();
    expect(amountInWords(10_000, "KRW", "ko")).toBe("금 일만원정(₩10,000)");
  });
});

describe("a version's history entry", () => {
  it("formats amounts and dates that changed, and keeps other values as they are", () => {
    expect(formatChangeValue("guaranteeAmount", "12345000", "JPY", "en")).toBe("JPY 12,345,000");
    expect(formatChangeValue("guaranteeEndDate", "2027-03-15", "JPY", "ja")).toBe("2027年3月15日");
    expect(formatChangeValue("depositBankName", "みちのく銀行", "JPY", "en")).toBe("みちのく銀行");
    expect(formatChangeValue("depositBankName", null, "JPY", "en")).toBe("—");
  });
});

describe("the signature verdict", () => {
  const good: LookupSignatureStatus = {
    isValid: true,
    problems: [],
    signerSubject: "CN=保証 花子",
    suretyOrganizationName: "東日本建設業保証株式会社",
    trustedRoot: "CN=PWP Root CA",
    timestamp: { genTime: "2026-03-10T01:00:00Z", authority: "CN=PWP TSA", isValid: true },
    isRevoked: false,
    isDataSignatureValid: true,
    checkedAt: "2026-03-10T01:00:01Z",
  };

  it("needs both the PDF signature and the signature over the data", () => {
    expect(isVersionSignatureValid(good)).toBe(true);
    expect(isVersionSignatureValid({ ...good, isDataSignatureValid: false })).toBe(false);
    expect(isVersionSignatureValid({ ...good, isValid: false, problems: ["DIGEST_MISMATCH"] })).toBe(false);
  });
});

describe("the guarantee page's view of the lookup", () => {
  const now = new Date("2026-03-10T12:00:00Z");

  it("alerts on the failed attempts of the last 24 hours, newest first, and keeps older ones apart", () => {
    const attempts = [
      { at: "2026-03-10T11:00:00Z", ipAddress: "203.0.113.7" },
      { at: "2026-03-08T09:00:00Z", ipAddress: "198.51.100.2" },
      { at: "2026-03-10T11:30:00Z", ipAddress: "203.0.113.7" },
      { at: "2026-03-09T12:00:00Z", ipAddress: "203.0.113.9" },
    ];
    const { recent, earlier } = splitFailedAttempts(attempts, now);
    expect(recent.map((attempt) => attempt.at)).toEqual(["2026-03-10T11:30:00Z", "2026-03-10T11:00:00Z", "2026-03-09T12:00:00Z"]);
    expect(earlier.map((attempt) => attempt.at)).toEqual(["2026-03-08T09:00:00Z"]);
    expect(t("guarantees.lookups.failedAlert", { count: recent.length })).toBe("3 failed attempts to open this guarantee in the last 24 hours");
    expect(t("guarantees.lookups.failedAlert", { count: 1 })).toBe("1 failed attempt to open this guarantee in the last 24 hours");
  });

  const event = (kind: GuaranteeEvent["kind"], createdAt: string, reason = ""): GuaranteeEvent => ({
    id: createdAt,
    kind,
    versionNumber: null,
    actor: { name: "発注 担当", organizationName: "むつ市" },
    reason,
    createdAt,
  });

  it("shows the orderer's latest decision", () => {
    expect(readOrdererDecision([event("ISSUED", "2026-03-01T00:00:00Z")])).toBeNull();
    expect(
      readOrdererDecision([
        event("ISSUED", "2026-03-01T00:00:00Z"),
        event("RETURNED_BY_ORDERER", "2026-03-02T00:00:00Z", "保証金額が不足"),
        event("ACCEPTED", "2026-03-05T00:00:00Z"),
      ]),
    ).toEqual({ status: "ACCEPTED", at: "2026-03-05T00:00:00Z", reason: "", actor: { name: "発注 担当", organizationName: "むつ市" } });
    expect(readOrdererDecision([event("RETURNED_BY_ORDERER", "2026-03-02T00:00:00Z", "保証金額が不足")])).toMatchObject({
      status: "RETURNED",
      reason: "保証金額が不足",
    });
  });
});
