// The surety's signing actions (issue, change, correct, cancel, release) as form state and the body of
// POST …/versions/prepare, without React, so the rules are unit-tested: the fee defaults to base × rate computed in
// integers (rate typed as a percentage with at most two decimals, kept as basis points; the fee rounded down to the
// whole won or yen, as fee statements do), a change or correction sends only what differs from the current version,
// a partial release sends the remaining amount, and every action after the issue needs a reason.
import { VERSION_KIND_BY_ACTION, type GuaranteeAmendment, type GuaranteeDetail, type PrepareGuaranteeVersionBody, type SigningGuaranteeAction } from "@pwp/shared/guarantees";
import { parseAmountInput } from "@pwp/shared/amounts";

export type AmendmentField = keyof GuaranteeAmendment;

/** The order the change and correction form shows them in. */
export const AMENDMENT_FIELDS = [
  "guaranteeAmount",
  "guaranteeStartDate",
  "guaranteeEndDate",
  "contractAmount",
  "worksStartDate",
  "worksEndDate",
  "worksTitle",
  "ordererName",
  "depositBankName",
  "depositBranchName",
] as const satisfies readonly AmendmentField[];

const AMOUNT_FIELDS: ReadonlySet<AmendmentField> = new Set(["guaranteeAmount", "contractAmount"]);
const DATE_FIELDS: ReadonlySet<AmendmentField> = new Set(["guaranteeStartDate", "guaranteeEndDate", "worksStartDate", "worksEndDate"]);
/** Text the certificate cannot print empty; the deposit bank may be cleared. */
const REQUIRED_TEXT_FIELDS: ReadonlySet<AmendmentField> = new Set(["worksTitle", "ordererName"]);

export type AmendmentValues = Record<AmendmentField, string>;

export type VersionActionValues = {
  amendment: AmendmentValues;
  release: "whole" | "partial";
  /** The guarantee amount that remains after a partial release. */
  remainingAmount: string;
  reason: string;
  feeBaseAmount: string;
  /** A percentage as typed, e.g. "0.45". */
  feeRatePercent: string;
  feeAmount: string;
  /** Once the user types the fee themselves, base and rate no longer overwrite it. */
  isFeeEdited: boolean;
};

export type VersionActionProblem = "required" | "amountNotInteger" | "amountRange" | "rateFormat" | "periodOrder" | "nothingChanged" | "notLess";
export type VersionActionProblems = Record<string, VersionActionProblem>;

export function amendmentValuesOf(detail: GuaranteeDetail): AmendmentValues {
  return {
    guaranteeAmount: String(detail.guaranteeAmount),
    guaranteeStartDate: detail.guaranteeStartDate,
    guaranteeEndDate: detail.guaranteeEndDate,
    contractAmount: String(detail.contractAmount),
    worksStartDate: detail.worksStartDate,
    worksEndDate: detail.worksEndDate,
    worksTitle: detail.worksTitle,
    ordererName: detail.ordererName,
    depositBankName: detail.depositBankName,
    depositBranchName: detail.depositBranchName,
  };
}

/** The current values with those of an amendment put in their place (amounts as digits, as the form holds them). */
export function amendmentValuesWith(detail: GuaranteeDetail, amendment: GuaranteeAmendment): AmendmentValues {
  const values = amendmentValuesOf(detail);
  for (const field of AMENDMENT_FIELDS) {
    const value = amendment[field];
    if (value !== undefined) values[field] = String(value);
  }
  return values;
}

/**
 * A change starts from the contractor's open request (変更申込), when there is one: the surety checks what was asked
 * for rather than typing it again, and can still alter it.
 */
export function initialVersionActionValues(detail: GuaranteeDetail, action?: SigningGuaranteeAction): VersionActionValues {
  const request = action === "CHANGE" ? detail.changeRequest : null;
  return {
    amendment: request ? amendmentValuesWith(detail, request.amendment) : amendmentValuesOf(detail),
    release: "whole",
    remainingAmount: "",
    reason: request?.reason ?? "",
    // The guarantee amount is what the fee is usually charged on; the surety can change it.
    feeBaseAmount: String(detail.guaranteeAmount),
    feeRatePercent: "",
    feeAmount: "",
    isFeeEdited: false,
  };
}

/** "0.45" → 45 basis points; "1" → 100; at most two decimals, 0 to 100%. Full-width digits are accepted. */
export function parseRatePercent(text: string): { basisPoints: number } | { problem: "required" | "rateFormat" } {
  const value = text.normalize("NFKC").replace(/[\s%]/g, "");
  if (value === "") return { problem: "required" };
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) return { problem: "rateFormat" };
  const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  if (basisPoints > 10_000) return { problem: "rateFormat" };
  return { basisPoints };
}

/** base × rate, rounded down to the whole unit, in integers: 20,000,000 × 0.45% = 90,000. */
export function computeDefaultFee(baseAmount: number, rateBasisPoints: number): number {
  return Number((BigInt(baseAmount) * BigInt(rateBasisPoints)) / 10_000n);
}

/** The fee the form proposes for what is typed now, or null while base or rate is not readable. */
export function proposedFee(values: Pick<VersionActionValues, "feeBaseAmount" | "feeRatePercent">): number | null {
  const base = parseAmountInput(values.feeBaseAmount);
  const rate = parseRatePercent(values.feeRatePercent);
  return "amount" in base && "basisPoints" in rate ? computeDefaultFee(base.amount, rate.basisPoints) : null;
}

/** Base or rate changed: the fee follows unless the user has typed their own. */
export function withFeeInputs(values: VersionActionValues, patch: Partial<Pick<VersionActionValues, "feeBaseAmount" | "feeRatePercent">>): VersionActionValues {
  const next = { ...values, ...patch };
  if (next.isFeeEdited) return next;
  const fee = proposedFee(next);
  return { ...next, feeAmount: fee === null ? "" : String(fee) };
}

/** A fee of 0 is a real fee statement (waived); the amount parser's minimum of 1 does not apply. */
function parseFee(text: string): { amount: number } | { problem: "required" | "amountNotInteger" | "amountRange" } {
  const digits = text.normalize("NFKC").replace(/[,\s_]/g, "");
  if (/^0+$/.test(digits)) return { amount: 0 };
  return parseAmountInput(text);
}

/** The reason is asked for on every version after the first issue (seed 004 notes: 変更の発生番号 and why). */
export function isReasonRequired(action: SigningGuaranteeAction): boolean {
  return action !== "ISSUE";
}

/**
 * What a change or correction alters: only the fields that differ from the current version (the API keeps the
 * rest), or problems. Amounts are compared as integers, so "20,000,000" equals 20000000. `fields` are those the
 * form shows (the contractor's change request asks for fewer than the surety's change).
 */
export function toAmendment(
  detail: GuaranteeDetail,
  values: AmendmentValues,
  fields: readonly AmendmentField[] = AMENDMENT_FIELDS,
): { amendment: GuaranteeAmendment } | { problems: VersionActionProblems } {
  const current = amendmentValuesOf(detail);
  const problems: VersionActionProblems = {};
  const amendment: Record<string, string | number> = {};
  for (const field of fields) {
    const typed = values[field];
    if (AMOUNT_FIELDS.has(field)) {
      const parsed = parseAmountInput(typed);
      if ("problem" in parsed) problems[`amendment.${field}`] = parsed.problem;
      else if (String(parsed.amount) !== current[field]) amendment[field] = parsed.amount;
    } else if (DATE_FIELDS.has(field)) {
      if (typed === "") problems[`amendment.${field}`] = "required";
      else if (typed !== current[field]) amendment[field] = typed;
    } else {
      const trimmed = typed.trim();
      if (trimmed === "" && REQUIRED_TEXT_FIELDS.has(field)) problems[`amendment.${field}`] = "required";
      else if (trimmed !== current[field]) amendment[field] = trimmed;
    }
  }
  if (values.guaranteeStartDate && values.guaranteeEndDate && values.guaranteeStartDate > values.guaranteeEndDate) problems["amendment.guaranteeEndDate"] = "periodOrder";
  if (values.worksStartDate && values.worksEndDate && values.worksStartDate > values.worksEndDate) problems["amendment.worksEndDate"] = "periodOrder";
  if (Object.keys(problems).length === 0 && Object.keys(amendment).length === 0) problems.amendment = "nothingChanged";
  if (Object.keys(problems).length > 0) return { problems };
  return { amendment: amendment as GuaranteeAmendment };
}

/** The body of POST …/versions/prepare for the action, or the problems the form can see by itself. */
export function toPrepareBody(
  action: SigningGuaranteeAction,
  detail: GuaranteeDetail,
  values: VersionActionValues,
): { body: PrepareGuaranteeVersionBody } | { problems: VersionActionProblems } {
  const problems: VersionActionProblems = {};
  const body: PrepareGuaranteeVersionBody = { action, version: detail.version };
  const reason = values.reason.trim();
  if (isReasonRequired(action)) {
    if (reason === "") problems.reason = "required";
    else body.reason = reason;
  }

  if (action === "ISSUE") {
    const base = parseAmountInput(values.feeBaseAmount);
    const rate = parseRatePercent(values.feeRatePercent);
    const fee = parseFee(values.feeAmount);
    if ("problem" in base) problems["fee.baseAmount"] = base.problem;
    if ("problem" in rate) problems["fee.rateBasisPoints"] = rate.problem;
    if ("problem" in fee) problems["fee.feeAmount"] = fee.problem;
    if ("amount" in base && "basisPoints" in rate && "amount" in fee) {
      body.fee = { baseAmount: base.amount, rateBasisPoints: rate.basisPoints, feeAmount: fee.amount };
    }
  } else if (action === "CHANGE" || action === "CORRECT") {
    const result = toAmendment(detail, values.amendment);
    if ("problems" in result) Object.assign(problems, result.problems);
    else body.amendment = result.amendment;
  } else if (action === "RELEASE" && values.release === "partial") {
    const remaining = parseAmountInput(values.remainingAmount);
    if ("problem" in remaining) problems["amendment.guaranteeAmount"] = remaining.problem;
    // What remains after a partial release is less than what was guaranteed; all of it is a whole release.
    else if (remaining.amount >= detail.guaranteeAmount) problems["amendment.guaranteeAmount"] = "notLess";
    else body.amendment = { guaranteeAmount: remaining.amount };
  }
  if (Object.keys(problems).length > 0) return { problems };
  return { body };
}

/** Whether a version the server prepared earlier (and nobody signed) is the one this action would make. */
export function isPreparedFor(detail: Pick<GuaranteeDetail, "preparedVersion">, action: SigningGuaranteeAction): boolean {
  return detail.preparedVersion !== null && detail.preparedVersion.kind === VERSION_KIND_BY_ACTION[action];
}
