// The contractor's change request (変更申込) without React: the form starts from the open request, sends only what
// differs and always a reason; the surety's change form starts from the request; and the before → after a
// suggested change's reason quotes (the change contract's terms first).
import type { GuaranteeDetail } from "@pwp/shared/guarantees";
import { describe, expect, it } from "vitest";
import { changesForReason, initialChangeRequestValues, toRequestChangeBody } from "../src/features/guarantees/change-request-form";
import { initialVersionActionValues } from "../src/features/guarantees/version-action-form";

const detail = {
  id: "g1",
  kind: "CONTRACT_PERFORMANCE",
  version: 4,
  guaranteeAmount: 123_456_789,
  guaranteeStartDate: "2027-01-04",
  guaranteeEndDate: "2028-02-29",
  contractAmount: 1_234_567_890,
  worksStartDate: "2027-01-04",
  worksEndDate: "2027-12-24",
  worksTitle: "한누리초등학교 증축공사",
  ordererName: "한누리시 교육청",
  depositBankName: "",
  depositBranchName: "",
  changeRequest: null,
  preparedVersion: null,
} as unknown as GuaranteeDetail;

const request = {
  reason: "변경계약: 계약금액 증액",
  amendment: { guaranteeAmount: 130_000_001, guaranteeEndDate: "2028-06-30", contractAmount: 1_300_000_001 },
  requestedAt: "2027-07-01T01:02:03.000Z",
};
const requested = { ...detail, changeRequest: request } as GuaranteeDetail;

describe("the change request form", () => {
  it("starts from the guarantee as it is, or from the open request (a new one replaces it)", () => {
    expect(initialChangeRequestValues(detail)).toMatchObject({ reason: "", amendment: { guaranteeAmount: "123456789", guaranteeEndDate: "2028-02-29" } });
    expect(initialChangeRequestValues(requested)).toMatchObject({
      reason: "변경계약: 계약금액 증액",
      amendment: { guaranteeAmount: "130000001", guaranteeEndDate: "2028-06-30", contractAmount: "1300000001", worksEndDate: "2027-12-24" },
    });
  });

  it("sends only what differs, amounts as integers, with the trimmed reason and the guarantee's version", () => {
    const values = initialChangeRequestValues(detail);
    const result = toRequestChangeBody(detail, {
      reason: "  설계변경  ",
      amendment: { ...values.amendment, guaranteeAmount: "130,000,001", worksEndDate: "2028-06-30", guaranteeEndDate: "2028-02-29" },
    });
    expect(result).toEqual({ body: { version: 4, reason: "설계변경", amendment: { guaranteeAmount: 130_000_001, worksEndDate: "2028-06-30" } } });
  });

  it("needs a reason and something to change, and checks the typed values", () => {
    const values = initialChangeRequestValues(detail);
    expect(toRequestChangeBody(detail, values)).toEqual({ problems: { amendment: "nothingChanged", reason: "required" } });
    expect(toRequestChangeBody(detail, { reason: "x", amendment: { ...values.amendment, guaranteeAmount: "1.5", guaranteeEndDate: "2026-12-31" } })).toEqual({
      problems: { "amendment.guaranteeAmount": "amountNotInteger", "amendment.guaranteeEndDate": "periodOrder" },
    });
  });
});

describe("the surety's change form", () => {
  it("starts from the contractor's request, reason included; other actions and a guarantee without a request start empty", () => {
    const change = initialVersionActionValues(requested, "CHANGE");
    expect(change.reason).toBe("변경계약: 계약금액 증액");
    expect(change.amendment).toMatchObject({ guaranteeAmount: "130000001", guaranteeEndDate: "2028-06-30", contractAmount: "1300000001", worksTitle: "한누리초등학교 증축공사" });
    expect(initialVersionActionValues(requested, "CORRECT")).toMatchObject({ reason: "", amendment: { guaranteeAmount: "123456789" } });
    expect(initialVersionActionValues(detail, "CHANGE")).toMatchObject({ reason: "", amendment: { guaranteeAmount: "123456789" } });
  });
});

describe("the reason of a suggested change", () => {
  const suggested = { contractAmount: 1_300_000_001, worksStartDate: "2027-01-04", worksEndDate: "2028-06-30", guaranteeAmount: 130_000_001, guaranteeEndDate: "2028-06-30" };

  it("quotes the contract's terms that moved, before → after", () => {
    expect(changesForReason(detail, suggested)).toEqual([
      { field: "contractAmount", before: "1234567890", after: "1300000001" },
      { field: "worksEndDate", before: "2027-12-24", after: "2028-06-30" },
    ]);
  });

  it("quotes the guarantee's own values when it already records the contract's terms", () => {
    const recorded = { ...detail, contractAmount: 1_300_000_001, worksEndDate: "2028-06-30" } as GuaranteeDetail;
    expect(changesForReason(recorded, suggested)).toEqual([
      { field: "guaranteeAmount", before: "123456789", after: "130000001" },
      { field: "guaranteeEndDate", before: "2028-02-29", after: "2028-06-30" },
    ]);
  });
});
