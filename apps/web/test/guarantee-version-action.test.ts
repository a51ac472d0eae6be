// The surety's signing actions without React: the fee computed in integers from base × rate (the rate typed as a
// percentage, kept as basis points), an edited fee left alone, a change or correction sending only what differs,
// a partial release sending the remaining amount, and the reason every action after the issue needs.
import type { GuaranteeDetail } from "@pwp/shared/guarantees";
import { describe, expect, it } from "vitest";
import {
  computeDefaultFee,
  initialVersionActionValues,
  isPreparedFor,
  parseRatePercent,
  proposedFee,
  toAmendment,
  toPrepareBody,
  withFeeInputs,
} from "../src/features/guarantees/version-action-form";
import { checkOfflineFile, toOfflineData, emptyOfflineForm } from "../src/features/guarantees/offline-guarantee-form";

const detail = {
  id: "g1",
  kind: "ADVANCE_PAYMENT",
  version: 7,
  guaranteeAmount: 20_000_000,
  guaranteeStartDate: "2026-04-02",
  guaranteeEndDate: "2027-03-15",
  contractAmount: 50_000_000,
  worksStartDate: "2026-04-02",
  worksEndDate: "2027-03-15",
  worksTitle: "○○線道路改良工事",
  ordererName: "むつ市長",
  depositBankName: "○○銀行",
  depositBranchName: "××支店",
  preparedVersion: null,
} as unknown as GuaranteeDetail;

describe("the fee rate", () => {
  it("is read as a percentage with at most two decimals, into basis points", () => {
    expect(parseRatePercent("0.45")).toEqual({ basisPoints: 45 });
    expect(parseRatePercent("1")).toEqual({ basisPoints: 100 });
    expect(parseRatePercent("12.5")).toEqual({ basisPoints: 1250 });
    expect(parseRatePercent("０．４５%")).toEqual({ basisPoints: 45 });
    expect(parseRatePercent("100")).toEqual({ basisPoints: 10_000 });
    expect(parseRatePercent("")).toEqual({ problem: "required" });
    expect(parseRatePercent("0.455")).toEqual({ problem: "rateFormat" });
    expect(parseRatePercent("100.01")).toEqual({ problem: "rateFormat" });
    expect(parseRatePercent("-1")).toEqual({ problem: "rateFormat" });
    expect(parseRatePercent("1e2")).toEqual({ problem: "rateFormat" });
  });
});

describe("the default fee", () => {
  it("is base × rate rounded down to the whole unit, in integers", () => {
    expect(computeDefaultFee(20_000_000, 45)).toBe(90_000);
    // 12,345 × 0.33% = 40.7385 → 40.
    expect(computeDefaultFee(12_345, 33)).toBe(40);
    // Near the top of the range a float product would lose digits: 999,999,999,999,999 × 0.01% = 99,999,999,999.9999.
    expect(computeDefaultFee(999_999_999_999_999, 1)).toBe(99_999_999_999);
    expect(computeDefaultFee(999_999_999_999_999, 10_000)).toBe(999_999_999_999_999);
  });

  it("follows base and rate until the user types a fee of their own", () => {
    let values = initialVersionActionValues(detail);
    expect(values.feeBaseAmount).toBe("20000000");
    values = withFeeInputs(values, { feeRatePercent: "0.45" });
    expect(values.feeAmount).toBe("90000");
    values = withFeeInputs(values, { feeBaseAmount: "10,000,000" });
    expect(values.feeAmount).toBe("45000");
    values = { ...values, feeAmount: "44000", isFeeEdited: true };
    values = withFeeInputs(values, { feeRatePercent: "0.5" });
    expect(values.feeAmount).toBe("44000");
    expect(proposedFee(values)).toBe(50_000);
  });
});

describe("toPrepareBody", () => {
  it("issues with the fee and no reason", () => {
    const values = withFeeInputs(initialVersionActionValues(detail), { feeRatePercent: "0.45" });
    expect(toPrepareBody("ISSUE", detail, values)).toEqual({
      body: { action: "ISSUE", version: 7, fee: { baseAmount: 20_000_000, rateBasisPoints: 45, feeAmount: 90_000 } },
    });
  });

  it("accepts a waived fee of 0 and names the fee fields that are wrong", () => {
    const base = initialVersionActionValues(detail);
    expect(toPrepareBody("ISSUE", detail, { ...base, feeRatePercent: "0", feeAmount: "0" })).toMatchObject({ body: { fee: { rateBasisPoints: 0, feeAmount: 0 } } });
    expect(toPrepareBody("ISSUE", detail, { ...base, feeBaseAmount: "", feeRatePercent: "abc", feeAmount: "1.5" })).toEqual({
      problems: { "fee.baseAmount": "required", "fee.rateBasisPoints": "rateFormat", "fee.feeAmount": "amountNotInteger" },
    });
  });

  it("changes only what differs, with the reason", () => {
    const values = initialVersionActionValues(detail);
    values.amendment = { ...values.amendment, guaranteeAmount: "25,000,000", guaranteeEndDate: "2027-06-30", worksTitle: " ○○線道路改良工事 " };
    values.reason = " 請負金額の変更に伴う ";
    expect(toPrepareBody("CHANGE", detail, values)).toEqual({
      body: { action: "CHANGE", version: 7, reason: "請負金額の変更に伴う", amendment: { guaranteeAmount: 25_000_000, guaranteeEndDate: "2027-06-30" } },
    });
  });

  it("refuses a change that changes nothing, one without a reason, and a period that ends before it starts", () => {
    const values = initialVersionActionValues(detail);
    expect(toPrepareBody("CORRECT", detail, values)).toEqual({ problems: { reason: "required", amendment: "nothingChanged" } });
    values.amendment = { ...values.amendment, guaranteeStartDate: "2028-01-01", worksTitle: "" };
    values.reason = "x";
    expect(toAmendment(detail, values.amendment)).toEqual({ problems: { "amendment.worksTitle": "required", "amendment.guaranteeEndDate": "periodOrder" } });
  });

  it("cancels and releases the whole guarantee with a reason only", () => {
    const values = { ...initialVersionActionValues(detail), reason: "工事完成" };
    expect(toPrepareBody("CANCEL", detail, values)).toEqual({ body: { action: "CANCEL", version: 7, reason: "工事完成" } });
    expect(toPrepareBody("RELEASE", detail, values)).toEqual({ body: { action: "RELEASE", version: 7, reason: "工事完成" } });
  });

  it("releases part of it by sending the remaining amount, which must be less than the current one", () => {
    const values = { ...initialVersionActionValues(detail), reason: "一部解除", release: "partial" as const, remainingAmount: "5,000,000" };
    expect(toPrepareBody("RELEASE", detail, values)).toEqual({ body: { action: "RELEASE", version: 7, reason: "一部解除", amendment: { guaranteeAmount: 5_000_000 } } });
    expect(toPrepareBody("RELEASE", detail, { ...values, remainingAmount: "20000000" })).toEqual({ problems: { "amendment.guaranteeAmount": "notLess" } });
  });
});

describe("isPreparedFor", () => {
  it("matches a waiting prepared version to the action that makes its kind", () => {
    const prepared = { ...detail, preparedVersion: { number: 2, kind: "CHANGE" as const, guaranteeNumber: "00001-000001", canonicalJson: "{}", certificatePdfSha256: "", feeStatementPdfSha256: null } };
    expect(isPreparedFor(prepared, "CHANGE")).toBe(true);
    expect(isPreparedFor(prepared, "CORRECT")).toBe(false);
    expect(isPreparedFor(detail, "ISSUE")).toBe(false);
  });
});

describe("the offline record", () => {
  const file = { size: 1000, type: "application/pdf" };
  const values = {
    ...emptyOfflineForm("JPY"),
    kind: "CONTRACT_PERFORMANCE" as const,
    issuerName: " ○○銀行 ",
    guaranteeNumber: "B-123",
    ordererName: "むつ市",
    worksTitle: "○○工事",
    contractAmount: "50,000,000",
    guaranteeAmount: "5000000",
    guaranteeStartDate: "2026-04-02",
    guaranteeEndDate: "2027-03-15",
    contractDate: "2026-04-01",
    worksStartDate: "2026-04-02",
    worksEndDate: "2027-03-15",
  };

  it("maps to the data part, with the works dates only when there is no contract", () => {
    expect(toOfflineData(values, file)).toEqual({
      data: {
        kind: "CONTRACT_PERFORMANCE",
        issuerName: "○○銀行",
        guaranteeNumber: "B-123",
        contractId: null,
        ordererName: "むつ市",
        worksTitle: "○○工事",
        contractAmount: 50_000_000,
        guaranteeAmount: 5_000_000,
        currency: "JPY",
        guaranteeStartDate: "2026-04-02",
        guaranteeEndDate: "2027-03-15",
        contractDate: "2026-04-01",
        worksStartDate: "2026-04-02",
        worksEndDate: "2027-03-15",
      },
    });
    const withContract = toOfflineData({ ...values, contractId: "4f2d3c1b-1a2b-4c3d-8e9f-0a1b2c3d4e5f", contractDate: "" }, file);
    expect(withContract).toMatchObject({ data: { contractId: "4f2d3c1b-1a2b-4c3d-8e9f-0a1b2c3d4e5f" } });
    expect("data" in withContract && "contractDate" in withContract.data).toBe(false);
  });

  it("needs the file, a PDF or an image, up to 10 MB", () => {
    expect(checkOfflineFile(null)).toBe("required");
    expect(checkOfflineFile({ size: 10 * 1024 * 1024 + 1, type: "application/pdf" })).toBe("fileTooLarge");
    expect(checkOfflineFile({ size: 10, type: "application/zip" })).toBe("fileType");
    expect(checkOfflineFile({ size: 10, type: "image/jpeg" })).toBeNull();
    expect(toOfflineData({ ...values, kind: "", worksEndDate: "" }, null)).toEqual({ problems: { kind: "required", worksEndDate: "required", file: "required" } });
  });
});
