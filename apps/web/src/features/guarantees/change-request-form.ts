// The contractor's change request (変更申込) without React: the values a contractor asks a surety to change (after
// a change contract: the guarantee amount and period, the contract amount and works end), the body of
// POST …/change-request, and the before → after of a suggested change, from which the request's reason is written.
import type { GuaranteeAmendment, GuaranteeDetail, RequestGuaranteeChangeBody } from "@pwp/shared/guarantees";
import {
  amendmentValuesOf,
  amendmentValuesWith,
  toAmendment,
  type AmendmentField,
  type AmendmentValues,
  type VersionActionProblems,
} from "./version-action-form";

/** What the request form offers, in its order; the surety's own change form offers every field. */
export const CHANGE_REQUEST_FIELDS = ["guaranteeAmount", "guaranteeEndDate", "contractAmount", "worksEndDate"] as const satisfies readonly AmendmentField[];

export type ChangeRequestValues = { amendment: AmendmentValues; reason: string };

/** An open request is edited rather than typed again (a new request replaces it); otherwise the current values. */
export function initialChangeRequestValues(detail: GuaranteeDetail): ChangeRequestValues {
  const request = detail.changeRequest;
  return {
    amendment: request ? amendmentValuesWith(detail, request.amendment) : amendmentValuesOf(detail),
    reason: request?.reason ?? "",
  };
}

/** The body of POST …/change-request: only what differs from the guarantee now, and why; or the form's problems. */
export function toRequestChangeBody(detail: GuaranteeDetail, values: ChangeRequestValues): { body: RequestGuaranteeChangeBody } | { problems: VersionActionProblems } {
  const result = toAmendment(detail, values.amendment, CHANGE_REQUEST_FIELDS);
  const reason = values.reason.trim();
  const problems: VersionActionProblems = "problems" in result ? { ...result.problems } : {};
  if (reason === "") problems.reason = "required";
  if (Object.keys(problems).length > 0 || !("amendment" in result)) return { problems };
  return { body: { version: detail.version, reason, amendment: result.amendment } };
}

const CONTRACT_TERM_FIELDS = ["contractAmount", "worksStartDate", "worksEndDate"] as const satisfies readonly AmendmentField[];
/** What a change contract's suggestion can touch (GuaranteeNeedingChange.amendment): the contract's terms, then the guarantee's. */
const SUGGESTED_FIELDS = [...CONTRACT_TERM_FIELDS, "guaranteeAmount", "guaranteeStartDate", "guaranteeEndDate"] as const satisfies readonly AmendmentField[];
export type SuggestedField = (typeof SUGGESTED_FIELDS)[number];

export type AmendmentChange = { field: SuggestedField; before: string; after: string };

/**
 * What a suggested amendment changes, before → after (amounts as digits, dates YYYY-MM-DD), for the reason of the
 * request: the contract's terms that moved (the change contract is why the guarantee must follow), or, when the
 * guarantee already records those, the guarantee's own values.
 */
export function changesForReason(detail: GuaranteeDetail, amendment: GuaranteeAmendment): AmendmentChange[] {
  const current = amendmentValuesOf(detail);
  const changes = SUGGESTED_FIELDS.flatMap((field): AmendmentChange[] => {
    const value = amendment[field];
    return value !== undefined && String(value) !== current[field] ? [{ field, before: current[field], after: String(value) }] : [];
  });
  const contractTerms = changes.filter((change) => (CONTRACT_TERM_FIELDS as readonly SuggestedField[]).includes(change.field));
  return contractTerms.length > 0 ? contractTerms : changes;
}
