import { describe, expect, it } from "vitest";
import { CONTRACT_SIDES, type ContractSide } from "../src/contracts";
import {
  allowedDocumentActions,
  awaitingDocumentSide,
  CONTRACT_DOCUMENT_ACTIONS,
  CONTRACT_DOCUMENT_KINDS,
  CONTRACT_DOCUMENT_STATUSES,
  isDocumentVisibleTo,
  nextDocumentStatus,
  quantityInThousandths,
  unitPriceRowAmount,
  unitPricesTotal,
  type ContractDocumentKind,
  type ContractDocumentStatus,
} from "../src/contract-documents";

/**
 * Every allowed step of a change contract (contractor signs, then the orderer) and of an inspection (the orderer
 * alone), written out by hand: "status signedCount action side" → next.
 */
const EXPECTED_CHANGE: Record<string, ContractDocumentStatus | "DELETED"> = {
  "DRAFT 0 EDIT ORDERER": "DRAFT",
  "RETURNED 0 EDIT ORDERER": "RETURNED",
  "DRAFT 0 DELETE ORDERER": "DELETED",
  "DRAFT 0 SEND ORDERER": "SENT",
  "RETURNED 0 SEND ORDERER": "SENT",
  "SENT 0 SIGN CONTRACTOR": "SENT",
  "SENT 1 SIGN ORDERER": "COMPLETED",
  "SENT 0 RETURN CONTRACTOR": "RETURNED",
  "SENT 0 CANCEL ORDERER": "CANCELLED",
  "SENT 1 CANCEL ORDERER": "CANCELLED",
  "RETURNED 0 CANCEL ORDERER": "CANCELLED",
};

const EXPECTED_INSPECTION: Record<string, ContractDocumentStatus | "DELETED"> = {
  "DRAFT 0 EDIT ORDERER": "DRAFT",
  "RETURNED 0 EDIT ORDERER": "RETURNED",
  // The contractor created the request and may withdraw it while it is a draft; the orderer writes the result.
  "DRAFT 0 DELETE CONTRACTOR": "DELETED",
  "DRAFT 0 SEND ORDERER": "SENT",
  "RETURNED 0 SEND ORDERER": "SENT",
  "SENT 0 SIGN ORDERER": "COMPLETED",
  "SENT 0 CANCEL ORDERER": "CANCELLED",
  "RETURNED 0 CANCEL ORDERER": "CANCELLED",
};

function table(kind: ContractDocumentKind): Record<string, ContractDocumentStatus | "DELETED"> {
  const actual: Record<string, ContractDocumentStatus | "DELETED"> = {};
  for (const status of CONTRACT_DOCUMENT_STATUSES) {
    for (const signedCount of [0, 1]) {
      for (const action of CONTRACT_DOCUMENT_ACTIONS) {
        for (const side of CONTRACT_SIDES) {
          const next = nextDocumentStatus({ kind, status, signedCount }, action, side);
          if (next !== null) actual[`${status} ${signedCount} ${action} ${side}`] = next;
        }
      }
    }
  }
  return actual;
}

describe("the contract document state machine", () => {
  it("allows exactly the listed steps of a change contract", () => {
    // Statuses other than SENT do not depend on the count: keep the table to the counts that can occur.
    const actual = Object.fromEntries(Object.entries(table("CHANGE")).filter(([key]) => key.startsWith("SENT") || key.split(" ")[1] === "0"));
    expect(actual).toEqual(EXPECTED_CHANGE);
  });

  it("allows exactly the listed steps of an inspection", () => {
    const actual = Object.fromEntries(Object.entries(table("INSPECTION")).filter(([key]) => key.split(" ")[1] === "0"));
    expect(actual).toEqual(EXPECTED_INSPECTION);
  });

  it("unit prices and invoices are written and signed first by the contractor, agreed or received by the orderer", () => {
    for (const kind of ["UNIT_PRICES", "INVOICE"] as const) {
      expect(allowedDocumentActions({ kind, status: "DRAFT", signedCount: 0 }, "CONTRACTOR")).toEqual(["EDIT", "DELETE", "SEND"]);
      expect(allowedDocumentActions({ kind, status: "DRAFT", signedCount: 0 }, "ORDERER")).toEqual([]);
      expect(allowedDocumentActions({ kind, status: "SENT", signedCount: 0 }, "CONTRACTOR")).toEqual(["SIGN", "CANCEL"]);
      // The orderer signs (agrees, receives) or returns it once the contractor has signed.
      expect(allowedDocumentActions({ kind, status: "SENT", signedCount: 1 }, "ORDERER")).toEqual(["RETURN", "SIGN"]);
      expect(nextDocumentStatus({ kind, status: "SENT", signedCount: 1 }, "SIGN", "ORDERER")).toBe("COMPLETED");
    }
  });

  it("nothing moves a completed or cancelled document", () => {
    for (const kind of CONTRACT_DOCUMENT_KINDS) {
      for (const status of ["COMPLETED", "CANCELLED"] as const) {
        for (const side of CONTRACT_SIDES) expect(allowedDocumentActions({ kind, status, signedCount: 2 }, side)).toEqual([]);
      }
    }
  });

  it("says whose move it is", () => {
    expect(awaitingDocumentSide("CHANGE", "DRAFT", 0)).toBe("ORDERER");
    expect(awaitingDocumentSide("CHANGE", "SENT", 0)).toBe("CONTRACTOR");
    expect(awaitingDocumentSide("CHANGE", "SENT", 1)).toBe("ORDERER");
    expect(awaitingDocumentSide("INSPECTION", "DRAFT", 0)).toBe("ORDERER");
    expect(awaitingDocumentSide("INVOICE", "RETURNED", 0)).toBe("CONTRACTOR");
    expect(awaitingDocumentSide("INVOICE", "COMPLETED", 2)).toBeNull();
  });

  it("a draft is seen by those who write it only; once sent, by both", () => {
    const visible = (kind: ContractDocumentKind, side: ContractSide) => isDocumentVisibleTo(kind, "DRAFT", side);
    expect([visible("CHANGE", "ORDERER"), visible("CHANGE", "CONTRACTOR")]).toEqual([true, false]);
    expect([visible("UNIT_PRICES", "ORDERER"), visible("UNIT_PRICES", "CONTRACTOR")]).toEqual([false, true]);
    expect([visible("INSPECTION", "ORDERER"), visible("INSPECTION", "CONTRACTOR")]).toEqual([true, true]);
    for (const status of ["SENT", "RETURNED", "COMPLETED", "CANCELLED"] as const) expect(isDocumentVisibleTo("CHANGE", status, "CONTRACTOR")).toBe(true);
  });
});

describe("unit-price arithmetic", () => {
  it("reads quantities as thousandths and refuses anything else", () => {
    expect(quantityInThousandths("12")).toBe(12_000n);
    expect(quantityInThousandths("12.5")).toBe(12_500n);
    expect(quantityInThousandths("0.001")).toBe(1n);
    for (const bad of ["", "1.2345", "-1", "1e3", " 1", "1.", ".5", "1,000"]) expect(quantityInThousandths(bad)).toBeNull();
  });

  it("multiplies exactly and truncates to a whole unit (0.1 × 3 is 0.3, not 0.30000000000000004)", () => {
    expect(unitPriceRowAmount("0.1", 3)).toBe(0);
    expect(unitPriceRowAmount("12.345", 1000)).toBe(12_345);
    expect(unitPriceRowAmount("2.5", 333)).toBe(832);
    expect(unitPriceRowAmount("999999999.999", 1_000_000)).toBe(999_999_999_999_000);
  });

  it("adds up beyond 2^53 without losing a unit", () => {
    const rows = [{ amount: 999_999_999_999_999 }, { amount: 999_999_999_999_999 }, { amount: 3 }];
    expect(unitPricesTotal(rows)).toBe(2_000_000_000_000_001n);
  });
});
