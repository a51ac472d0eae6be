// What follows a completed contract (issue 8): change contracts (変更契約/변경계약), unit-price agreements
// (総価契約単価合意), inspections (検査) and invoices (請求). One document workflow for every kind, as the contract's:
// the author side writes it, sending freezes it into a PDF, the kind's signing sides sign it in order (PAdES B-T in
// the browser, verified like a contract signature), a signer may return it with a reason for the author to revise.
// The kinds differ only in their content, their rules and who writes and signs — declared here, once, for the
// API that enforces them and the UI that shows them.
import { Type, type Static } from "typebox";
import {
  CONTRACT_AMOUNT_MAX,
  CONTRACT_REASON_MAX_LENGTH,
  ContractDocumentKindSchema,
  ContractRevisionInfoSchema,
  ContractSideSchema,
  CurrencySchema,
  GuaranteeKindSchema,
  SIGNED_PDF_MAX_BYTES,
  type ContractDocumentKind,
  type ContractSide,
} from "./contracts";
import type { DelegationScope } from "./enums";
import { GuaranteeAmendmentSchema } from "./guarantees";

// ---- kinds, statuses, actions (prisma/schema.prisma keeps the same values) ----------------------------------------

// The kinds are declared with the contract (its timeline names them); here is where they are used.
export { CONTRACT_DOCUMENT_KINDS, ContractDocumentKindSchema, type ContractDocumentKind } from "./contracts";

export const CONTRACT_DOCUMENT_STATUSES = ["DRAFT", "SENT", "RETURNED", "COMPLETED", "CANCELLED"] as const;
export type ContractDocumentStatus = (typeof CONTRACT_DOCUMENT_STATUSES)[number];
export const ContractDocumentStatusSchema = Type.Enum(CONTRACT_DOCUMENT_STATUSES);

export const CONTRACT_DOCUMENT_ACTIONS = ["EDIT", "DELETE", "SEND", "RETURN", "SIGN", "CANCEL"] as const;
export type ContractDocumentAction = (typeof CONTRACT_DOCUMENT_ACTIONS)[number];
export const ContractDocumentActionSchema = Type.Enum(CONTRACT_DOCUMENT_ACTIONS);

type KindRules = {
  /** Who starts it: the orderer drafts a change; the contractor requests an inspection, the orderer then writes its result. */
  creator: ContractSide;
  /** Who writes its content, sends it and may cancel it. */
  author: ContractSide;
  /** Who signs, in order. */
  signers: readonly ContractSide[];
  /** The authority a signer needs: the representative's, or a delegation with this scope. */
  scope: DelegationScope;
};

export const CONTRACT_DOCUMENT_RULES: Record<ContractDocumentKind, KindRules> = {
  // The orderer proposes new terms; the contractor signs, then the orderer (as the contract itself).
  CHANGE: { creator: "ORDERER", author: "ORDERER", signers: ["CONTRACTOR", "ORDERER"], scope: "CONTRACTS" },
  // The contractor submits its unit prices as a signed document; the orderer agrees by signing.
  UNIT_PRICES: { creator: "CONTRACTOR", author: "CONTRACTOR", signers: ["CONTRACTOR", "ORDERER"], scope: "CONTRACTS" },
  // The contractor asks for it; the orderer records the result and signs it alone.
  INSPECTION: { creator: "CONTRACTOR", author: "ORDERER", signers: ["ORDERER"], scope: "BILLING" },
  // The contractor signs its invoice; the orderer's signature is the receipt.
  INVOICE: { creator: "CONTRACTOR", author: "CONTRACTOR", signers: ["CONTRACTOR", "ORDERER"], scope: "BILLING" },
};

/** The side whose signature is next on a sent document with `signedCount` signatures, or null when none is. */
export function nextSignerSide(kind: ContractDocumentKind, status: ContractDocumentStatus, signedCount: number): ContractSide | null {
  return status === "SENT" ? (CONTRACT_DOCUMENT_RULES[kind].signers[signedCount] ?? null) : null;
}

/**
 * The state after `action` by `side`, or null when the step is not allowed. A draft (never sent) can be deleted by
 * whoever created it; the author edits, sends and cancels; the side whose turn it is signs, or returns it when it
 * is not the author's own document.
 */
export function nextDocumentStatus(
  document: { kind: ContractDocumentKind; status: ContractDocumentStatus; signedCount: number },
  action: ContractDocumentAction,
  side: ContractSide,
): ContractDocumentStatus | "DELETED" | null {
  const rules = CONTRACT_DOCUMENT_RULES[document.kind];
  const { status } = document;
  const turn = nextSignerSide(document.kind, status, document.signedCount);
  switch (action) {
    case "EDIT":
      return (status === "DRAFT" || status === "RETURNED") && side === rules.author ? status : null;
    case "DELETE":
      return status === "DRAFT" && side === rules.creator ? "DELETED" : null;
    case "SEND":
      return (status === "DRAFT" || status === "RETURNED") && side === rules.author ? "SENT" : null;
    case "SIGN":
      if (turn !== side) return null;
      return document.signedCount + 1 === rules.signers.length ? "COMPLETED" : "SENT";
    case "RETURN":
      return turn === side && side !== rules.author ? "RETURNED" : null;
    case "CANCEL":
      return (status === "SENT" || status === "RETURNED") && side === rules.author ? "CANCELLED" : null;
  }
}

export function allowedDocumentActions(document: { kind: ContractDocumentKind; status: ContractDocumentStatus; signedCount: number }, side: ContractSide): ContractDocumentAction[] {
  return CONTRACT_DOCUMENT_ACTIONS.filter((action) => nextDocumentStatus(document, action, side) !== null);
}

/**
 * A draft is its writers' business: the side that is neither its creator nor its author sees it once it is sent
 * (the contractor does not see a change the orderer is still drafting, as with a contract).
 */
export function isDocumentVisibleTo(kind: ContractDocumentKind, status: ContractDocumentStatus, side: ContractSide): boolean {
  const rules = CONTRACT_DOCUMENT_RULES[kind];
  return status !== "DRAFT" || side === rules.creator || side === rules.author;
}

/** Whose move it is: the author's while it is written, the next signer's while sent, nobody's at the end. */
export function awaitingDocumentSide(kind: ContractDocumentKind, status: ContractDocumentStatus, signedCount: number): ContractSide | null {
  if (status === "DRAFT" || status === "RETURNED") return CONTRACT_DOCUMENT_RULES[kind].author;
  return nextSignerSide(kind, status, signedCount);
}

// ---- content of each kind ------------------------------------------------------------------------------------------

const DateSchema = Type.String({ format: "date", description: "YYYY-MM-DD" });
const DateTimeSchema = Type.String({ format: "date-time" });
const UuidSchema = Type.String({ format: "uuid" });
const Text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength, ...(minLength > 0 ? { pattern: "\\S" } : {}) });
const Amount = (minimum = 0) => Type.Integer({ minimum, maximum: CONTRACT_AMOUNT_MAX });

export const DOCUMENT_NOTE_MAX_LENGTH = 10_000;
export const UNIT_PRICE_ROWS_MAX = 500;
/** Up to 9 digits and 3 decimals (m³ to the litre): multiplied as integers in thousandths, never as floats. */
export const QUANTITY_PATTERN = "^[0-9]{1,9}(\\.[0-9]{1,3})?$";

/** A change's new terms, in full (what the contract says after it), and why. */
export const ChangeContentSchema = Type.Object(
  {
    amount: Amount(1),
    worksStartDate: DateSchema,
    worksEndDate: DateSchema,
    reason: Text(CONTRACT_REASON_MAX_LENGTH, 1),
    /** Other changed terms, as text. */
    termsNote: Type.Optional(Text(DOCUMENT_NOTE_MAX_LENGTH)),
  },
  { additionalProperties: false },
);
export type ChangeContent = Static<typeof ChangeContentSchema>;

export const UnitPriceRowSchema = Type.Object(
  {
    item: Text(200, 1),
    unit: Text(20, 1),
    quantity: Type.String({ pattern: QUANTITY_PATTERN }),
    unitPrice: Amount(0),
    /** quantity × unitPrice, truncated to a whole unit. */
    amount: Amount(0),
  },
  { additionalProperties: false },
);
export type UnitPriceRow = Static<typeof UnitPriceRowSchema>;

/** The rows' amounts must add up to the contract's current amount. */
export const UnitPricesContentSchema = Type.Object(
  { rows: Type.Array(UnitPriceRowSchema, { minItems: 1, maxItems: UNIT_PRICE_ROWS_MAX }), note: Type.Optional(Text(DOCUMENT_NOTE_MAX_LENGTH)) },
  { additionalProperties: false },
);
export type UnitPricesContent = Static<typeof UnitPricesContentSchema>;

export const INSPECTION_KINDS = ["COMPLETION", "PARTIAL"] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_OUTCOMES = ["PASSED", "FAILED"] as const;
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];

export const InspectionResultSchema = Type.Object(
  {
    inspectedOn: DateSchema,
    outcome: Type.Enum(INSPECTION_OUTCOMES),
    /** Required when it failed: what must be put right. */
    findings: Type.Optional(Text(DOCUMENT_NOTE_MAX_LENGTH)),
    /** The value of the work accepted so far (出来高/기성), cumulative; the whole current amount on completion. */
    inspectedAmount: Amount(0),
  },
  { additionalProperties: false },
);
export type InspectionResult = Static<typeof InspectionResultSchema>;

/** The contractor's request, then (written by the orderer before sending) the result. */
export const InspectionContentSchema = Type.Object(
  {
    inspectionKind: Type.Enum(INSPECTION_KINDS),
    requestedDate: DateSchema,
    requestNote: Type.Optional(Text(DOCUMENT_NOTE_MAX_LENGTH)),
    result: Type.Optional(InspectionResultSchema),
  },
  { additionalProperties: false },
);
export type InspectionContent = Static<typeof InspectionContentSchema>;

/** Net payable = gross − the advance payment deducted from it. */
export const InvoiceContentSchema = Type.Object(
  {
    grossAmount: Amount(1),
    advanceDeduction: Amount(0),
    invoiceDate: DateSchema,
    note: Type.Optional(Text(DOCUMENT_NOTE_MAX_LENGTH)),
  },
  { additionalProperties: false },
);
export type InvoiceContent = Static<typeof InvoiceContentSchema>;

export type ContractDocumentContent = ChangeContent | UnitPricesContent | InspectionContent | InvoiceContent;

export const CONTENT_SCHEMA_BY_KIND = {
  CHANGE: ChangeContentSchema,
  UNIT_PRICES: UnitPricesContentSchema,
  INSPECTION: InspectionContentSchema,
  INVOICE: InvoiceContentSchema,
} as const;

/** The content as one tagged union, so a body carries its kind and its content checked together. */
export const ContractDocumentInputSchema = Type.Union([
  Type.Object({ kind: Type.Literal("CHANGE"), content: ChangeContentSchema }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal("UNIT_PRICES"), content: UnitPricesContentSchema }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal("INSPECTION"), content: InspectionContentSchema }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal("INVOICE"), content: InvoiceContentSchema }, { additionalProperties: false }),
]);
export type ContractDocumentInput = Static<typeof ContractDocumentInputSchema>;

// ---- integer arithmetic the API enforces and the forms show as you type --------------------------------------------

/** "12.5" → 12500 thousandths; null when it is not a quantity. */
export function quantityInThousandths(quantity: string): bigint | null {
  const match = new RegExp(QUANTITY_PATTERN).exec(quantity);
  if (!match) return null;
  const [whole, fraction = ""] = quantity.split(".");
  return BigInt(whole ?? "0") * 1000n + BigInt(fraction.padEnd(3, "0"));
}

/** quantity × unitPrice, truncated to a whole unit (as 円未満切捨て / 원 미만 절사), exactly. */
export function unitPriceRowAmount(quantity: string, unitPrice: number): number | null {
  const thousandths = quantityInThousandths(quantity);
  if (thousandths === null) return null;
  return Number((thousandths * BigInt(unitPrice)) / 1000n);
}

/** The sum of the rows' amounts, exact beyond 2^53. */
export function unitPricesTotal(rows: readonly Pick<UnitPriceRow, "amount">[]): bigint {
  return rows.reduce((sum, row) => sum + BigInt(row.amount), 0n);
}

// ---- request shapes ------------------------------------------------------------------------------------------------

export const ContractDocumentParamsSchema = Type.Object({ documentId: UuidSchema });
export type ContractDocumentParams = Static<typeof ContractDocumentParamsSchema>;

export const CreateContractDocumentBodySchema = ContractDocumentInputSchema;
export type CreateContractDocumentBody = ContractDocumentInput;

/** The content again, with the version the edit was made on (a stale one is a 409). */
export const UpdateContractDocumentBodySchema = Type.Union([
  Type.Object({ kind: Type.Literal("CHANGE"), content: ChangeContentSchema, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal("UNIT_PRICES"), content: UnitPricesContentSchema, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal("INSPECTION"), content: InspectionContentSchema, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal("INVOICE"), content: InvoiceContentSchema, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
]);
export type UpdateContractDocumentBody = Static<typeof UpdateContractDocumentBodySchema>;

export const ContractDocumentVersionBodySchema = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type ContractDocumentVersionBody = Static<typeof ContractDocumentVersionBodySchema>;

export const ContractDocumentReasonBodySchema = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: Text(CONTRACT_REASON_MAX_LENGTH, 1) },
  { additionalProperties: false },
);
export type ContractDocumentReasonBody = Static<typeof ContractDocumentReasonBodySchema>;

/** As SignContractBody: the current revision's bytes plus one incremental update with the signer's side's signature. */
export const SignContractDocumentBodySchema = Type.Object(
  {
    edition: Type.Integer({ minimum: 1 }),
    revision: Type.Integer({ minimum: 0 }),
    signedPdf: Type.String({ contentEncoding: "base64", minLength: 1, maxLength: Math.ceil((SIGNED_PDF_MAX_BYTES * 4) / 3) + 4 }),
  },
  { additionalProperties: false },
);
export type SignContractDocumentBody = Static<typeof SignContractDocumentBodySchema>;

export const ContractDocumentPdfQuerySchema = Type.Object(
  { edition: Type.Optional(Type.Integer({ minimum: 1 })), revision: Type.Optional(Type.Integer({ minimum: 0 })) },
  { additionalProperties: false },
);
export type ContractDocumentPdfQuery = Static<typeof ContractDocumentPdfQuerySchema>;

// ---- response shapes -----------------------------------------------------------------------------------------------

export const ContractDocumentSignatureSchema = Type.Object({
  id: UuidSchema,
  position: Type.Integer(),
  side: ContractSideSchema,
  fieldName: Type.String(),
  signer: Type.Object({ id: UuidSchema, name: Type.String() }),
  organizationName: Type.String(),
  delegationId: Type.Union([UuidSchema, Type.Null()]),
  signedAt: DateTimeSchema,
});
export type ContractDocumentSignature = Static<typeof ContractDocumentSignatureSchema>;

export const ContractDocumentSummarySchema = Type.Object({
  id: UuidSchema,
  contractId: UuidSchema,
  kind: ContractDocumentKindSchema,
  number: Type.Integer(),
  status: ContractDocumentStatusSchema,
  /** The amount it is about (a change's new amount, an inspection's inspected amount, an invoice's net amount). */
  amount: Type.Union([Type.Integer(), Type.Null()]),
  currency: CurrencySchema,
  awaitingSide: Type.Union([ContractSideSchema, Type.Null()]),
  updatedAt: DateTimeSchema,
});
export type ContractDocumentSummary = Static<typeof ContractDocumentSummarySchema>;

export const ContractDocumentDetailSchema = Type.Object({
  ...ContractDocumentSummarySchema.properties,
  contractNumber: Type.String(),
  contractTitle: Type.String(),
  /** The orderer's country: the PDF's language and layout. */
  country: Type.Enum(["KR", "JP"]),
  content: Type.Unknown({ description: "The kind's content (ChangeContent, UnitPricesContent, InspectionContent or InvoiceContent)" }),
  mySide: ContractSideSchema,
  version: Type.Integer(),
  edition: Type.Integer(),
  currentRevision: Type.Union([ContractRevisionInfoSchema, Type.Null()]),
  /** Signatures over the current edition, in signing order. */
  signatures: Type.Array(ContractDocumentSignatureSchema),
  /** The field the caller signs in, when it is their turn. */
  signatureField: Type.Union([Type.String(), Type.Null()]),
  allowedActions: Type.Array(ContractDocumentActionSchema),
  createdAt: DateTimeSchema,
  sentAt: Type.Union([DateTimeSchema, Type.Null()]),
  completedAt: Type.Union([DateTimeSchema, Type.Null()]),
  cancelledAt: Type.Union([DateTimeSchema, Type.Null()]),
});
export type ContractDocumentDetail = Static<typeof ContractDocumentDetailSchema>;

/** The contract's terms as they stand after its completed changes, and its money so far. */
export const ContractStandingSchema = Type.Object({
  currency: CurrencySchema,
  current: Type.Object({ amount: Type.Integer(), worksStartDate: DateSchema, worksEndDate: DateSchema, changeNumber: Type.Union([Type.Integer(), Type.Null()]) }),
  /** The cumulative inspected amount of the latest passed inspection. */
  inspected: Type.Integer(),
  /** Net amounts of invoices sent or received (not cancelled). */
  invoiced: Type.Integer(),
  /** Net amounts of invoices whose receipt the orderer signed. */
  received: Type.Integer(),
  /** What an invoice may still claim (gross): inspected − gross already invoiced. */
  invoiceable: Type.Integer(),
});
export type ContractStanding = Static<typeof ContractStandingSchema>;

/**
 * An issued guarantee linked to the contract that its current terms have outgrown: a change raised the contract
 * amount above the one it guarantees, or moved the works end past its period. Both sides see it; the contractor asks
 * the surety for the suggested change in one step (POST /api/guarantees/:id/change-request with `amendment`).
 */
export const GuaranteeNeedingChangeSchema = Type.Object({
  guaranteeId: UuidSchema,
  kind: GuaranteeKindSchema,
  guaranteeNumber: Type.String(),
  currency: CurrencySchema,
  reasons: Type.Array(Type.Enum(["CONTRACT_AMOUNT", "WORKS_PERIOD"])),
  /** The guarantee's optimistic-lock version, for the request (contractor only; null for the orderer). */
  version: Type.Union([Type.Integer(), Type.Null()]),
  isChangeRequested: Type.Boolean(),
  /** What to ask for: the new contract amount and works period, the guarantee amount in the same proportion, a period reaching the works end. */
  amendment: GuaranteeAmendmentSchema,
});
export type GuaranteeNeedingChange = Static<typeof GuaranteeNeedingChangeSchema>;

export const ContractDocumentListSchema = Type.Object({
  standing: ContractStandingSchema,
  documents: Type.Array(ContractDocumentSummarySchema),
  /** The kinds the caller's side may start now. */
  canCreate: Type.Array(ContractDocumentKindSchema),
  guaranteesNeedingChange: Type.Array(GuaranteeNeedingChangeSchema),
});
export type ContractDocumentList = Static<typeof ContractDocumentListSchema>;
