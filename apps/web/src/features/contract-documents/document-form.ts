// The document forms' state and its mapping to the API's content, without React, so the rules are unit-tested.
// They mirror the API's checks (packages/shared/src/contract-documents.ts) so most mistakes are shown as you type;
// the API judges again, and its field errors ("body.content.rows.2.amount") land on the same fields, keyed here
// by the content path without "body.content." ("rows.2.amount"). Amounts are read as exact integers from what was
// typed, and a unit-price row's amount is computed exactly as the API does (integer thousandths, BigInt).
import { parseAmountInput } from "@pwp/shared/amounts";
import {
  CONTRACT_DOCUMENT_KINDS,
  QUANTITY_PATTERN,
  UNIT_PRICE_ROWS_MAX,
  quantityInThousandths,
  unitPriceRowAmount,
  type ChangeContent,
  type ContractDocumentKind,
  type ContractStanding,
  type InspectionContent,
  type InspectionKind,
  type InspectionOutcome,
  type InvoiceContent,
  type UnitPriceRow,
  type UnitPricesContent,
} from "@pwp/shared/contract-documents";
import { CONTRACT_AMOUNT_MAX } from "@pwp/shared/contracts";

export type DocumentFormProblem =
  | "required"
  | "amountNotInteger"
  | "amountRange"
  | "amountRangeWithZero"
  | "periodOrder"
  | "quantityFormat"
  | "rowAmountRange"
  | "rowsRequired"
  | "tooManyRows"
  | "totalMismatch"
  | "changesNothing"
  | "findingsRequired"
  | "completionAmount"
  | "inspectedOverAmount"
  | "inspectedBelowPrevious"
  | "deductionTooLarge"
  | "overInvoiceable";

/**
 * Keyed by the content's field path as the API names it, without "body.content." ("rows.2.quantity"); the content
 * as a whole (a change that changes nothing) is CONTENT_FIELD.
 */
export type DocumentFormProblems = Record<string, DocumentFormProblem>;

/** The key of a problem with the content as a whole (the API's "body.content"). */
export const CONTENT_FIELD = "";

export type FormResult<Content> = { content: Content } | { problems: DocumentFormProblems };

export function isDocumentKind(value: string | null): value is ContractDocumentKind {
  return (CONTRACT_DOCUMENT_KINDS as readonly (string | null)[]).includes(value);
}

// ---- reading what was typed ----------------------------------------------------------------------------------------

/** Separators people type or paste in numbers: commas, spaces and the underscore. */
const SEPARATORS = /[,\s_]/g;

/** An amount where 0 is allowed (a unit price, a deduction, an inspected amount); otherwise as parseAmountInput. */
export function parseAmountOrZero(text: string): { amount: number } | { problem: "required" | "amountNotInteger" | "amountRangeWithZero" } {
  const digits = text.normalize("NFKC").replace(SEPARATORS, "");
  if (/^0+$/.test(digits)) return { amount: 0 };
  const parsed = parseAmountInput(text);
  if ("amount" in parsed) return parsed;
  return parsed.problem === "amountRange" ? { problem: "amountRangeWithZero" } : { problem: parsed.problem };
}

/** A quantity as the API takes it ("12.5"): full-width digits and thousands separators are tidied away. */
export function normalizeQuantity(text: string): string {
  return text.normalize("NFKC").replace(SEPARATORS, "");
}

const quantityPattern = new RegExp(QUANTITY_PATTERN);

export function isQuantity(text: string): boolean {
  return quantityPattern.test(normalizeQuantity(text));
}

/** Optional text goes only when filled in: the API stores a missing one as empty. */
function optionalText<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  const trimmed = value.trim();
  return trimmed === "" ? {} : ({ [key]: trimmed } as Record<K, string>);
}

// ---- CHANGE --------------------------------------------------------------------------------------------------------

export type ChangeFormValues = { amount: string; worksStartDate: string; worksEndDate: string; reason: string; termsNote: string };

/** A new change starts from the terms as they stand: the orderer edits what changes. */
export function changeFormFromStanding(standing: ContractStanding): ChangeFormValues {
  const { current } = standing;
  return { amount: String(current.amount), worksStartDate: current.worksStartDate, worksEndDate: current.worksEndDate, reason: "", termsNote: "" };
}

export function changeFormFromContent(content: ChangeContent): ChangeFormValues {
  return {
    amount: String(content.amount),
    worksStartDate: content.worksStartDate,
    worksEndDate: content.worksEndDate,
    reason: content.reason,
    termsNote: content.termsNote ?? "",
  };
}

/** `current` is the terms as they stand: a change must change them, or say in its note what else changes. */
export function toChangeContent(values: ChangeFormValues, current: ContractStanding["current"]): FormResult<ChangeContent> {
  const problems: DocumentFormProblems = {};
  const amount = parseAmountInput(values.amount);
  if ("problem" in amount) problems.amount = amount.problem;
  if (values.worksStartDate === "") problems.worksStartDate = "required";
  if (values.worksEndDate === "") problems.worksEndDate = "required";
  // ISO dates compare correctly as text.
  else if (values.worksStartDate !== "" && values.worksStartDate > values.worksEndDate) problems.worksEndDate = "periodOrder";
  if (values.reason.trim() === "") problems.reason = "required";
  if (Object.keys(problems).length > 0 || "problem" in amount) return { problems };
  const isSameTerms = amount.amount === current.amount && values.worksStartDate === current.worksStartDate && values.worksEndDate === current.worksEndDate;
  if (isSameTerms && values.termsNote.trim() === "") return { problems: { [CONTENT_FIELD]: "changesNothing" } };
  return {
    content: {
      amount: amount.amount,
      worksStartDate: values.worksStartDate,
      worksEndDate: values.worksEndDate,
      reason: values.reason.trim(),
      ...optionalText("termsNote", values.termsNote),
    },
  };
}

/** The new amount minus the current one (negative for a reduction), exactly; null while the amount is not valid. */
export function changeDifference(amountText: string, currentAmount: number): bigint | null {
  const amount = parseAmountInput(amountText);
  return "amount" in amount ? BigInt(amount.amount) - BigInt(currentAmount) : null;
}

// ---- UNIT_PRICES ---------------------------------------------------------------------------------------------------

/** One row as typed; its amount is always computed (the API requires exactly floor(quantity × unit price)). */
export type UnitPriceFormRow = { key: string; item: string; unit: string; quantity: string; unitPrice: string };
export type UnitPricesFormValues = { rows: UnitPriceFormRow[]; note: string };

let rowCounter = 0;

/** React keys for rows that can be added and removed: an index would carry focus and input to the wrong row. */
export function newRowKey(): string {
  rowCounter += 1;
  return `unit-price-row-${rowCounter}`;
}

export function newUnitPriceRow(values: Partial<Omit<UnitPriceFormRow, "key">> = {}): UnitPriceFormRow {
  return { key: newRowKey(), item: "", unit: "", quantity: "", unitPrice: "", ...values };
}

export function emptyUnitPricesForm(): UnitPricesFormValues {
  return { rows: [newUnitPriceRow()], note: "" };
}

export function unitPricesFormFromContent(content: UnitPricesContent): UnitPricesFormValues {
  return {
    rows: content.rows.map((row) => newUnitPriceRow({ item: row.item, unit: row.unit, quantity: row.quantity, unitPrice: String(row.unitPrice) })),
    note: content.note ?? "",
  };
}

export type RowAmount = { amount: number } | { problem: "quantity" | "unitPrice" | "range" } | null;

/**
 * The row's amount, floor(quantity × unit price), or what keeps it from being computed; null while the row's
 * quantity or unit price is still empty.
 */
export function computeRowAmount(row: Pick<UnitPriceFormRow, "quantity" | "unitPrice">): RowAmount {
  if (row.quantity.trim() === "" || row.unitPrice.trim() === "") return null;
  const quantity = normalizeQuantity(row.quantity);
  const thousandths = quantityInThousandths(quantity);
  if (thousandths === null) return { problem: "quantity" };
  const unitPrice = parseAmountOrZero(row.unitPrice);
  if ("problem" in unitPrice) return { problem: "unitPrice" };
  // Checked in BigInt first: beyond the maximum amount a Number would already have lost digits.
  if ((thousandths * BigInt(unitPrice.amount)) / 1000n > BigInt(CONTRACT_AMOUNT_MAX)) return { problem: "range" };
  const amount = unitPriceRowAmount(quantity, unitPrice.amount);
  return amount === null ? { problem: "quantity" } : { amount };
}

/** The running total of the rows whose amount can be computed, exactly. */
export function unitPricesRunningTotal(rows: readonly Pick<UnitPriceFormRow, "quantity" | "unitPrice">[]): bigint {
  return rows.reduce((sum, row) => {
    const computed = computeRowAmount(row);
    return computed && "amount" in computed ? sum + BigInt(computed.amount) : sum;
  }, 0n);
}

export function toUnitPricesContent(values: UnitPricesFormValues, currentAmount: number): FormResult<UnitPricesContent> {
  const problems: DocumentFormProblems = {};
  if (values.rows.length === 0) problems.rows = "rowsRequired";
  if (values.rows.length > UNIT_PRICE_ROWS_MAX) problems.rows = "tooManyRows";
  const rows: UnitPriceRow[] = [];
  values.rows.forEach((row, index) => {
    const at = (field: string) => `rows.${index}.${field}`;
    if (row.item.trim() === "") problems[at("item")] = "required";
    if (row.unit.trim() === "") problems[at("unit")] = "required";
    if (row.quantity.trim() === "") problems[at("quantity")] = "required";
    else if (!isQuantity(row.quantity)) problems[at("quantity")] = "quantityFormat";
    const unitPrice = parseAmountOrZero(row.unitPrice);
    if ("problem" in unitPrice) problems[at("unitPrice")] = unitPrice.problem;
    const computed = computeRowAmount(row);
    if (computed && "problem" in computed && computed.problem === "range") problems[at("amount")] = "rowAmountRange";
    if (computed && "amount" in computed && "amount" in unitPrice) {
      rows.push({ item: row.item.trim(), unit: row.unit.trim(), quantity: normalizeQuantity(row.quantity), unitPrice: unitPrice.amount, amount: computed.amount });
    }
  });
  if (Object.keys(problems).length === 0 && unitPricesRunningTotal(values.rows) !== BigInt(currentAmount)) problems.rows = "totalMismatch";
  if (Object.keys(problems).length > 0) return { problems };
  return { content: { rows, ...optionalText("note", values.note) } };
}

// ---- INSPECTION ----------------------------------------------------------------------------------------------------

export type InspectionRequestValues = { inspectionKind: InspectionKind; requestedDate: string; requestNote: string };

export function emptyInspectionRequest(): InspectionRequestValues {
  return { inspectionKind: "COMPLETION", requestedDate: "", requestNote: "" };
}

export function inspectionRequestFromContent(content: InspectionContent): InspectionRequestValues {
  return { inspectionKind: content.inspectionKind, requestedDate: content.requestedDate, requestNote: content.requestNote ?? "" };
}

export function toInspectionRequestContent(values: InspectionRequestValues): FormResult<InspectionContent> {
  if (values.requestedDate === "") return { problems: { requestedDate: "required" } };
  return { content: { inspectionKind: values.inspectionKind, requestedDate: values.requestedDate, ...optionalText("requestNote", values.requestNote) } };
}

export type InspectionResultValues = { inspectedOn: string; outcome: InspectionOutcome | ""; findings: string; inspectedAmount: string };

/** The result form starts from a result already recorded, or empty (a passed completion is the whole amount). */
export function inspectionResultFromContent(content: InspectionContent): InspectionResultValues {
  const { result } = content;
  if (!result) return { inspectedOn: "", outcome: "", findings: "", inspectedAmount: "" };
  return { inspectedOn: result.inspectedOn, outcome: result.outcome, findings: result.findings ?? "", inspectedAmount: String(result.inspectedAmount) };
}

/**
 * The request as it was, with the result the orderer records: the content is always sent in full. The inspected
 * amount is cumulative: at most the current amount, the whole of it for a passed completion, and for a pass never
 * less than what earlier inspections accepted.
 */
export function toInspectionResultContent(
  request: InspectionContent,
  values: InspectionResultValues,
  standing: Pick<ContractStanding, "current" | "inspected">,
): FormResult<InspectionContent> {
  const currentAmount = standing.current.amount;
  const problems: DocumentFormProblems = {};
  if (values.inspectedOn === "") problems["result.inspectedOn"] = "required";
  if (values.outcome === "") problems["result.outcome"] = "required";
  if (values.outcome === "FAILED" && values.findings.trim() === "") problems["result.findings"] = "findingsRequired";
  const inspectedAmount = parseAmountOrZero(values.inspectedAmount);
  if ("problem" in inspectedAmount) problems["result.inspectedAmount"] = inspectedAmount.problem;
  else if (inspectedAmount.amount > currentAmount) problems["result.inspectedAmount"] = "inspectedOverAmount";
  else if (values.outcome === "PASSED" && request.inspectionKind === "COMPLETION" && inspectedAmount.amount !== currentAmount) {
    problems["result.inspectedAmount"] = "completionAmount";
  } else if (values.outcome === "PASSED" && inspectedAmount.amount < standing.inspected) problems["result.inspectedAmount"] = "inspectedBelowPrevious";
  if (Object.keys(problems).length > 0 || values.outcome === "" || "problem" in inspectedAmount) return { problems };
  return {
    content: {
      inspectionKind: request.inspectionKind,
      requestedDate: request.requestedDate,
      ...(request.requestNote ? { requestNote: request.requestNote } : {}),
      result: {
        inspectedOn: values.inspectedOn,
        outcome: values.outcome,
        ...optionalText("findings", values.findings),
        inspectedAmount: inspectedAmount.amount,
      },
    },
  };
}

// ---- INVOICE -------------------------------------------------------------------------------------------------------

export type InvoiceFormValues = { grossAmount: string; advanceDeduction: string; invoiceDate: string; note: string };

export function emptyInvoiceForm(today: string): InvoiceFormValues {
  return { grossAmount: "", advanceDeduction: "0", invoiceDate: today, note: "" };
}

export function invoiceFormFromContent(content: InvoiceContent): InvoiceFormValues {
  return { grossAmount: String(content.grossAmount), advanceDeduction: String(content.advanceDeduction), invoiceDate: content.invoiceDate, note: content.note ?? "" };
}

/** Net payable = gross − deduction, exactly; null while either is not a valid amount. */
export function invoiceNet(values: Pick<InvoiceFormValues, "grossAmount" | "advanceDeduction">): bigint | null {
  const gross = parseAmountInput(values.grossAmount);
  const deduction = parseAmountOrZero(values.advanceDeduction);
  return "amount" in gross && "amount" in deduction ? BigInt(gross.amount) - BigInt(deduction.amount) : null;
}

/**
 * What an invoice may claim: the standing's invoiceable, plus its own gross when it is one being revised (the
 * standing counts every invoice not cancelled, this one too; the API leaves it out when judging its edit). When the
 * standing has clamped invoiceable at 0 this is generous — the API's check is the exact one.
 */
export function invoiceableFor(standing: Pick<ContractStanding, "invoiceable" | "inspected">, ownGross = 0): number {
  return Math.min(standing.inspected, standing.invoiceable + ownGross);
}

/** `invoiceable` as invoiceableFor gives it. */
export function toInvoiceContent(values: InvoiceFormValues, invoiceable: number): FormResult<InvoiceContent> {
  const problems: DocumentFormProblems = {};
  const gross = parseAmountInput(values.grossAmount);
  const deduction = parseAmountOrZero(values.advanceDeduction);
  if ("problem" in gross) problems.grossAmount = gross.problem;
  else if (gross.amount > invoiceable) problems.grossAmount = "overInvoiceable";
  if ("problem" in deduction) problems.advanceDeduction = deduction.problem;
  else if ("amount" in gross && deduction.amount > gross.amount) problems.advanceDeduction = "deductionTooLarge";
  if (values.invoiceDate === "") problems.invoiceDate = "required";
  if (Object.keys(problems).length > 0 || "problem" in gross || "problem" in deduction) return { problems };
  return { content: { grossAmount: gross.amount, advanceDeduction: deduction.amount, invoiceDate: values.invoiceDate, ...optionalText("note", values.note) } };
}
