// The rules of each document kind beyond its schema, as pure functions over the contract's standing: what a change
// must change, that unit prices multiply and add up exactly, what an inspection result must say, what an invoice may
// claim. All money is whole units in integers (BigInt where a sum could pass 2^53); nothing is a float.
import {
  quantityInThousandths,
  unitPriceRowAmount,
  unitPricesTotal,
  type ChangeContent,
  type ContractDocumentInput,
  type ContractDocumentKind,
  type ContractDocumentStatus,
  type ContractStanding,
  type GuaranteeNeedingChange,
  type InspectionContent,
  type InvoiceContent,
  type UnitPricesContent,
} from "@pwp/shared/contract-documents";
import type { GuaranteeKind } from "@pwp/shared/contracts";
import type { FieldError } from "@pwp/shared/error-codes";
import type { GuaranteeAmendment } from "@pwp/shared/guarantees";

/** What the standing is computed from: the contract's own terms and its documents. */
export type StandingInput = {
  currency: ContractStanding["currency"];
  contract: { amount: number; worksStartDate: string; worksEndDate: string };
  documents: readonly { id: string; kind: ContractDocumentKind; number: number; status: ContractDocumentStatus; content: unknown; amount: number | null }[];
};

const OPEN_STATUSES: readonly ContractDocumentStatus[] = ["DRAFT", "SENT", "RETURNED"];
export const isOpen = (status: ContractDocumentStatus) => OPEN_STATUSES.includes(status);

function grossOf(document: { kind: ContractDocumentKind; content: unknown }): number {
  return document.kind === "INVOICE" ? (document.content as InvoiceContent).grossAmount : 0;
}

/** The gross amounts invoiced so far (any invoice not cancelled), leaving out `exceptId` (the one being written). */
function invoicedGross(input: StandingInput, exceptId?: string): number {
  return input.documents
    .filter((document) => document.kind === "INVOICE" && document.status !== "CANCELLED" && document.id !== exceptId)
    .reduce((sum, document) => sum + grossOf(document), 0);
}

/** The contract's terms after its completed changes and its money so far (ContractStanding). */
export function standingOf(input: StandingInput, options: { exceptInvoiceId?: string } = {}): ContractStanding {
  const lastChange = input.documents
    .filter((document) => document.kind === "CHANGE" && document.status === "COMPLETED")
    .reduce<(typeof input.documents)[number] | null>((latest, document) => (latest === null || document.number > latest.number ? document : latest), null);
  const change = lastChange ? (lastChange.content as ChangeContent) : null;
  const inspected = input.documents
    .filter((document) => document.kind === "INSPECTION" && document.status === "COMPLETED")
    .map((document) => (document.content as InspectionContent).result)
    .reduce((highest, result) => (result?.outcome === "PASSED" ? Math.max(highest, result.inspectedAmount) : highest), 0);
  const netOf = (statuses: readonly ContractDocumentStatus[]) =>
    input.documents.filter((document) => document.kind === "INVOICE" && statuses.includes(document.status)).reduce((sum, document) => sum + (document.amount ?? 0), 0);
  return {
    currency: input.currency,
    current: change
      ? { amount: change.amount, worksStartDate: change.worksStartDate, worksEndDate: change.worksEndDate, changeNumber: lastChange?.number ?? null }
      : { ...input.contract, changeNumber: null },
    inspected,
    invoiced: netOf(["SENT", "COMPLETED"]),
    received: netOf(["COMPLETED"]),
    invoiceable: Math.max(0, inspected - invoicedGross(input, options.exceptInvoiceId)),
  };
}

/** The amount column: what the contract's totals read without opening the content. */
export function amountOf(input: ContractDocumentInput): number | null {
  switch (input.kind) {
    case "CHANGE":
      return input.content.amount;
    case "UNIT_PRICES":
      return Number(unitPricesTotal(input.content.rows));
    case "INSPECTION":
      return input.content.result?.inspectedAmount ?? null;
    case "INVOICE":
      return input.content.grossAmount - input.content.advanceDeduction;
  }
}

const money = (value: number | bigint) => value.toLocaleString("en-US");
const field = (path: string, message: string): FieldError => ({ field: `body.content${path}`, message });

function changeProblems(content: ChangeContent, standing: ContractStanding): FieldError[] {
  const problems: FieldError[] = [];
  if (content.worksStartDate > content.worksEndDate) problems.push(field(".worksEndDate", "must not be before the works start"));
  const { current } = standing;
  const isSameTerms = content.amount === current.amount && content.worksStartDate === current.worksStartDate && content.worksEndDate === current.worksEndDate;
  if (content.amount < standing.inspected) {
    problems.push(field(".amount", `cannot be less than the ${money(standing.inspected)} already inspected`));
  }
  if (isSameTerms && !content.termsNote?.trim()) {
    problems.push(field("", "changes nothing: give a new amount or works period, or describe the changed terms in termsNote"));
  }
  return problems;
}

function unitPriceProblems(content: UnitPricesContent, standing: ContractStanding): FieldError[] {
  const problems: FieldError[] = [];
  content.rows.forEach((row, index) => {
    if (quantityInThousandths(row.quantity) === null) return;
    const expected = unitPriceRowAmount(row.quantity, row.unitPrice);
    if (expected !== row.amount) problems.push(field(`.rows.${index}.amount`, `must be quantity × unit price = ${money(expected ?? 0)}`));
  });
  const total = unitPricesTotal(content.rows);
  if (total !== BigInt(standing.current.amount)) {
    problems.push(field(".rows", `add up to ${money(total)}; they must add up to the contract amount ${money(standing.current.amount)}`));
  }
  return problems;
}

function inspectionProblems(content: InspectionContent, standing: ContractStanding): FieldError[] {
  const { result } = content;
  if (!result) return [];
  const problems: FieldError[] = [];
  if (result.outcome === "FAILED" && !result.findings?.trim()) problems.push(field(".result.findings", "are required when the inspection failed: say what must be put right"));
  if (result.inspectedAmount > standing.current.amount) {
    problems.push(field(".result.inspectedAmount", `must not exceed the contract amount ${money(standing.current.amount)}`));
  } else if (result.outcome === "PASSED" && content.inspectionKind === "COMPLETION" && result.inspectedAmount !== standing.current.amount) {
    problems.push(field(".result.inspectedAmount", `must be the whole contract amount ${money(standing.current.amount)} for a passed completion inspection`));
  } else if (result.outcome === "PASSED" && result.inspectedAmount < standing.inspected) {
    problems.push(field(".result.inspectedAmount", `is cumulative and cannot be less than the ${money(standing.inspected)} already inspected`));
  }
  return problems;
}

function invoiceProblems(content: InvoiceContent, standing: ContractStanding): FieldError[] {
  const problems: FieldError[] = [];
  if (content.advanceDeduction > content.grossAmount) problems.push(field(".advanceDeduction", "must not exceed the gross amount"));
  if (content.grossAmount > standing.invoiceable) {
    problems.push(field(".grossAmount", `is more than is due: ${money(standing.invoiceable)} of the inspected ${money(standing.inspected)} is not invoiced yet`));
  }
  return problems;
}

/** Field errors of the content against the standing (the standing leaving out the document itself, for an invoice). */
export function contentProblems(input: ContractDocumentInput, standing: ContractStanding): FieldError[] {
  switch (input.kind) {
    case "CHANGE":
      return changeProblems(input.content, standing);
    case "UNIT_PRICES":
      return unitPriceProblems(input.content, standing);
    case "INSPECTION":
      return inspectionProblems(input.content, standing);
    case "INVOICE":
      return invoiceProblems(input.content, standing);
  }
}

/** What must be there before it is sent (beyond contentProblems): an inspection's result. */
export function sendProblems(input: ContractDocumentInput): FieldError[] {
  return input.kind === "INSPECTION" && !input.content.result ? [field(".result", "must be recorded before the inspection is sent")] : [];
}

/**
 * The orderer writes an inspection's result and nothing else of the contractor's request: the request's fields
 * must stay as the contractor sent them.
 */
export function inspectionRequestChanges(before: InspectionContent, after: InspectionContent): FieldError[] {
  const keys = ["inspectionKind", "requestedDate", "requestNote"] as const;
  return keys.filter((key) => (before[key] ?? "") !== (after[key] ?? "")).map((key) => field(`.${key}`, "is the contractor's request and cannot be changed"));
}

/** An issued guarantee linked to the contract, as the check below reads it. */
export type LinkedGuarantee = {
  id: string;
  kind: GuaranteeKind;
  guaranteeNumber: string;
  contractAmount: number;
  guaranteeAmount: number;
  worksEndDate: string;
  guaranteeEndDate: string;
  version: number;
  hasChangeRequest: boolean;
};

/**
 * The linked guarantees the contract's current terms have outgrown (a higher contract amount than the one guaranteed,
 * a works end past the guarantee's period), with the change to ask for: the guarantee amount in the same proportion
 * to the new contract amount (rounded up: a guarantee never covers less than its ratio), the period reaching the new
 * works end.
 */
export function guaranteesNeedingChange(
  standing: Pick<ContractStanding, "current" | "currency">,
  guarantees: readonly LinkedGuarantee[],
  options: { withVersion: boolean },
): GuaranteeNeedingChange[] {
  const { current } = standing;
  return guarantees.flatMap((guarantee) => {
    const reasons: GuaranteeNeedingChange["reasons"] = [];
    if (current.amount > guarantee.contractAmount) reasons.push("CONTRACT_AMOUNT");
    if (current.worksEndDate > guarantee.guaranteeEndDate) reasons.push("WORKS_PERIOD");
    if (reasons.length === 0) return [];
    const amendment: GuaranteeAmendment = { contractAmount: current.amount, worksStartDate: current.worksStartDate, worksEndDate: current.worksEndDate };
    if (reasons.includes("CONTRACT_AMOUNT")) {
      const scaled = (BigInt(guarantee.guaranteeAmount) * BigInt(current.amount) + BigInt(guarantee.contractAmount) - 1n) / BigInt(guarantee.contractAmount);
      amendment.guaranteeAmount = Number(scaled);
    }
    if (reasons.includes("WORKS_PERIOD")) amendment.guaranteeEndDate = current.worksEndDate;
    return [
      {
        guaranteeId: guarantee.id,
        kind: guarantee.kind,
        guaranteeNumber: guarantee.guaranteeNumber,
        currency: standing.currency,
        reasons,
        version: options.withVersion ? guarantee.version : null,
        isChangeRequested: guarantee.hasChangeRequest,
        amendment,
      },
    ];
  });
}
