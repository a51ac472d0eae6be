// The document forms' arithmetic and checks, which mirror the API's: a unit-price row's amount is
// floor(quantity × unit price) in exact integers, the rows must add up to the current amount, a change must change
// something, an inspection's amount is cumulative, an invoice claims at most what is invoiceable.
import type { ContractStanding, InspectionContent } from "@pwp/shared/contract-documents";
import { describe, expect, it } from "vitest";
import {
  CONTENT_FIELD,
  changeDifference,
  changeFormFromStanding,
  computeRowAmount,
  emptyInvoiceForm,
  invoiceableFor,
  invoiceNet,
  newUnitPriceRow,
  parseAmountOrZero,
  toChangeContent,
  toInspectionRequestContent,
  toInspectionResultContent,
  toInvoiceContent,
  toUnitPricesContent,
  unitPricesFormFromContent,
  unitPricesRunningTotal,
} from "../src/features/contract-documents/document-form";

const standing: ContractStanding = {
  currency: "KRW",
  current: { amount: 150_000_000, worksStartDate: "2027-01-04", worksEndDate: "2027-06-30", changeNumber: null },
  inspected: 60_000_000,
  invoiced: 40_000_000,
  received: 0,
  invoiceable: 20_000_000,
};

describe("parseAmountOrZero", () => {
  it("takes 0 where the API allows it and keeps the range message honest", () => {
    expect(parseAmountOrZero("0")).toEqual({ amount: 0 });
    expect(parseAmountOrZero("０")).toEqual({ amount: 0 });
    expect(parseAmountOrZero("1,000")).toEqual({ amount: 1000 });
    expect(parseAmountOrZero("")).toEqual({ problem: "required" });
    expect(parseAmountOrZero("1.5")).toEqual({ problem: "amountNotInteger" });
    expect(parseAmountOrZero("1000000000000000")).toEqual({ problem: "amountRangeWithZero" });
  });
});

describe("unit-price rows", () => {
  it("computes floor(quantity × unit price) exactly, also where floats go wrong", () => {
    expect(computeRowAmount({ quantity: "12.5", unitPrice: "850,000" })).toEqual({ amount: 10_625_000 });
    expect(computeRowAmount({ quantity: "0.333", unitPrice: "1000" })).toEqual({ amount: 333 });
    // 1.005 × 1000 is 1004.9999999999999 as a float.
    expect(computeRowAmount({ quantity: "1.005", unitPrice: "1000" })).toEqual({ amount: 1005 });
    expect(computeRowAmount({ quantity: "0.001", unitPrice: "999" })).toEqual({ amount: 0 });
    expect(computeRowAmount({ quantity: "１,０００", unitPrice: "7" })).toEqual({ amount: 7000 });
  });

  it("says why a row cannot be computed, and waits for both values", () => {
    expect(computeRowAmount({ quantity: "", unitPrice: "1" })).toBeNull();
    expect(computeRowAmount({ quantity: "1.2345", unitPrice: "1" })).toEqual({ problem: "quantity" });
    expect(computeRowAmount({ quantity: "-1", unitPrice: "1" })).toEqual({ problem: "quantity" });
    expect(computeRowAmount({ quantity: "1", unitPrice: "1.5" })).toEqual({ problem: "unitPrice" });
    expect(computeRowAmount({ quantity: "999999999.999", unitPrice: "999999999999999" })).toEqual({ problem: "range" });
  });

  it("adds the computable rows in BigInt", () => {
    const rows = [
      { quantity: "999999", unitPrice: "999999999" },
      { quantity: "1", unitPrice: "1" },
      { quantity: "x", unitPrice: "1" },
    ];
    expect(unitPricesRunningTotal(rows)).toBe(999_998_999_000_002n);
  });

  it("builds the content when the rows add up to the current amount, tidying what was typed", () => {
    const values = {
      rows: [
        newUnitPriceRow({ item: " 철근 ", unit: "ton", quantity: "12.5", unitPrice: "850,000" }),
        newUnitPriceRow({ item: "거푸집", unit: "m2", quantity: "5,575", unitPrice: "25000" }),
      ],
      note: "  ",
    };
    expect(toUnitPricesContent(values, 150_000_000)).toEqual({
      content: {
        rows: [
          { item: "철근", unit: "ton", quantity: "12.5", unitPrice: 850_000, amount: 10_625_000 },
          { item: "거푸집", unit: "m2", quantity: "5575", unitPrice: 25_000, amount: 139_375_000 },
        ],
      },
    });
  });

  it("keys problems by the API's paths and refuses a total that is not the current amount", () => {
    const values = { rows: [newUnitPriceRow({ item: "", unit: "m", quantity: "1.2345", unitPrice: "" })], note: "" };
    expect(toUnitPricesContent(values, 100)).toEqual({ problems: { "rows.0.item": "required", "rows.0.quantity": "quantityFormat", "rows.0.unitPrice": "required" } });
    const short = { rows: [newUnitPriceRow({ item: "A", unit: "m", quantity: "1", unitPrice: "99" })], note: "" };
    expect(toUnitPricesContent(short, 100)).toEqual({ problems: { rows: "totalMismatch" } });
    expect(toUnitPricesContent({ rows: [], note: "" }, 100)).toEqual({ problems: { rows: "rowsRequired" } });
  });

  it("reads saved content back into the table", () => {
    const form = unitPricesFormFromContent({ rows: [{ item: "A", unit: "m", quantity: "2", unitPrice: 3, amount: 6 }], note: "n" });
    expect(form.rows.map(({ key: _key, ...row }) => row)).toEqual([{ item: "A", unit: "m", quantity: "2", unitPrice: "3" }]);
    expect(form.note).toBe("n");
  });
});

describe("change", () => {
  it("starts from the current terms and shows the difference", () => {
    const values = changeFormFromStanding(standing);
    expect(values).toMatchObject({ amount: "150000000", worksStartDate: "2027-01-04", worksEndDate: "2027-06-30" });
    expect(changeDifference("160,000,000", standing.current.amount)).toBe(10_000_000n);
    expect(changeDifference("140000000", standing.current.amount)).toBe(-10_000_000n);
    expect(changeDifference("abc", standing.current.amount)).toBeNull();
  });

  it("refuses a change that changes nothing unless its note says what does", () => {
    const values = { ...changeFormFromStanding(standing), reason: "설계 변경" };
    expect(toChangeContent(values, standing.current)).toEqual({ problems: { [CONTENT_FIELD]: "changesNothing" } });
    expect(toChangeContent({ ...values, termsNote: "지체상금률 변경" }, standing.current)).toEqual({
      content: { amount: 150_000_000, worksStartDate: "2027-01-04", worksEndDate: "2027-06-30", reason: "설계 변경", termsNote: "지체상금률 변경" },
    });
  });

  it("checks the amount, the period and the reason", () => {
    const values = { amount: "0", worksStartDate: "2027-07-01", worksEndDate: "2027-06-30", reason: " ", termsNote: "" };
    expect(toChangeContent(values, standing.current)).toEqual({ problems: { amount: "amountRange", worksEndDate: "periodOrder", reason: "required" } });
  });
});

describe("inspection", () => {
  const request: InspectionContent = { inspectionKind: "PARTIAL", requestedDate: "2027-03-02", requestNote: "1차 기성" };

  it("builds the contractor's request", () => {
    expect(toInspectionRequestContent({ inspectionKind: "COMPLETION", requestedDate: "", requestNote: "" })).toEqual({ problems: { requestedDate: "required" } });
    expect(toInspectionRequestContent({ inspectionKind: "PARTIAL", requestedDate: "2027-03-02", requestNote: " 1차 기성 " })).toEqual({ content: request });
  });

  it("keeps the request as it was and adds the result", () => {
    const result = toInspectionResultContent(request, { inspectedOn: "2027-03-05", outcome: "PASSED", findings: "", inspectedAmount: "70,000,000" }, standing);
    expect(result).toEqual({ content: { ...request, result: { inspectedOn: "2027-03-05", outcome: "PASSED", inspectedAmount: 70_000_000 } } });
  });

  it("requires findings when it failed, and the whole amount for a passed completion", () => {
    expect(toInspectionResultContent(request, { inspectedOn: "2027-03-05", outcome: "FAILED", findings: " ", inspectedAmount: "0" }, standing)).toEqual({
      problems: { "result.findings": "findingsRequired" },
    });
    const completion = { ...request, inspectionKind: "COMPLETION" as const };
    expect(toInspectionResultContent(completion, { inspectedOn: "2027-07-01", outcome: "PASSED", findings: "", inspectedAmount: "149999999" }, standing)).toEqual({
      problems: { "result.inspectedAmount": "completionAmount" },
    });
  });

  it("treats the amount as cumulative: not above the contract amount, not below what passed before", () => {
    const values = { inspectedOn: "2027-03-05", outcome: "PASSED" as const, findings: "" };
    expect(toInspectionResultContent(request, { ...values, inspectedAmount: "150000001" }, standing)).toEqual({ problems: { "result.inspectedAmount": "inspectedOverAmount" } });
    expect(toInspectionResultContent(request, { ...values, inspectedAmount: "59999999" }, standing)).toEqual({ problems: { "result.inspectedAmount": "inspectedBelowPrevious" } });
    expect(toInspectionResultContent(request, { ...values, outcome: "" as const, inspectedAmount: "" }, standing)).toEqual({
      problems: { "result.outcome": "required", "result.inspectedAmount": "required" },
    });
  });
});

describe("invoice", () => {
  it("computes the net payable exactly", () => {
    expect(invoiceNet({ grossAmount: "20,000,000", advanceDeduction: "3,000,000" })).toBe(17_000_000n);
    expect(invoiceNet({ grossAmount: "", advanceDeduction: "0" })).toBeNull();
  });

  it("claims at most what is invoiceable, counting back a revised invoice's own gross", () => {
    expect(invoiceableFor(standing)).toBe(20_000_000);
    expect(invoiceableFor(standing, 15_000_000)).toBe(35_000_000);
    expect(invoiceableFor({ inspected: 10, invoiceable: 0 }, 50)).toBe(10);
  });

  it("checks gross, deduction and date", () => {
    const values = { ...emptyInvoiceForm("2027-03-10"), grossAmount: "20000000", advanceDeduction: "3000000" };
    expect(toInvoiceContent(values, 20_000_000)).toEqual({ content: { grossAmount: 20_000_000, advanceDeduction: 3_000_000, invoiceDate: "2027-03-10" } });
    expect(toInvoiceContent(values, 19_999_999)).toEqual({ problems: { grossAmount: "overInvoiceable" } });
    expect(toInvoiceContent({ ...values, advanceDeduction: "20000001", invoiceDate: "" }, 20_000_000)).toEqual({
      problems: { advanceDeduction: "deductionTooLarge", invoiceDate: "required" },
    });
  });
});
