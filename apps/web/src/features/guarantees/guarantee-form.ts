// The application form (保証申込 · 보증 신청, after the Net Desk form of seed 004) and its mapping to the API bodies,
// without React, so the rules are unit-tested: amounts are read as exact integers from what was typed (separators
// and full-width digits allowed, never a float), the guarantee's share of its base is integer basis points, each
// ticked kind becomes its own draft (the API takes one kind per application), and fields a kind does not carry
// (deposit bank, this year's target amount) are sent empty rather than left over from another kind.
import { parseAmountInput } from "@pwp/shared/amounts";
import { GUARANTEE_KINDS, type ContractDetail, type ContractSummary, type Currency, type GuaranteeKind } from "@pwp/shared/contracts";
import {
  guaranteeShareBasisPoints,
  KINDS_WITH_DEPOSIT_BANK,
  type CreateGuaranteeBody,
  type GuaranteeContact,
  type GuaranteeDelivery,
  type GuaranteeDetail,
  type GuaranteeFeePaymentMethod,
  type UpdateGuaranteeBody,
} from "@pwp/shared/guarantees";

/** This year's target amount (今年度対象額) applies to advance payments, the same kinds that carry a deposit bank. */
export const KINDS_WITH_TARGET_AMOUNT: readonly GuaranteeKind[] = KINDS_WITH_DEPOSIT_BANK;

export type ContactRow = { key: string; name: string; department: string; phone: string; email: string };

/** What each kind of guarantee asks for on its own (seed 004 repeats these per 前払金保証 / 契約保証). */
export type KindValues = {
  /** As typed: digits, possibly with separators. */
  guaranteeAmount: string;
  guaranteeStartDate: string;
  guaranteeEndDate: string;
  targetAmountThisYear: string;
  depositBankName: string;
  depositBranchName: string;
  usesReDeposit: boolean;
  feePaymentMethod: GuaranteeFeePaymentMethod;
  feeBilledTo: string;
  delivery: GuaranteeDelivery;
  wantsPaperFeeStatement: boolean;
};

export type GuaranteeFormValues = {
  /** From one of the contractor's contracts (which fills the works details), or entered by hand. */
  source: "contract" | "standalone";
  contractId: string;
  ordererName: string;
  worksTitle: string;
  contractAmount: string;
  contractDate: string;
  worksStartDate: string;
  worksEndDate: string;
  suretyOrganizationId: string;
  /** In the shared order; exactly one when editing a saved application. */
  kinds: GuaranteeKind[];
  byKind: Record<GuaranteeKind, KindValues>;
  destinationBranch: string;
  notificationEmail: string;
  contacts: ContactRow[];
  message: string;
};

export type GuaranteeFormProblem = "required" | "amountNotInteger" | "amountRange" | "periodOrder" | "kindsRequired";
/** Keys: common fields by the API's name ("worksTitle"), per-kind ones as "ADVANCE_PAYMENT.guaranteeAmount". */
export type GuaranteeFormProblems = Record<string, GuaranteeFormProblem>;

/** The API's per-application fields that belong to a kind's section of the form. */
export const KIND_FIELDS = [
  "kind",
  "guaranteeAmount",
  "guaranteeStartDate",
  "guaranteeEndDate",
  "targetAmountThisYear",
  "depositBankName",
  "depositBranchName",
  "usesReDeposit",
  "feePaymentMethod",
  "feeBilledTo",
  "delivery",
  "wantsPaperFeeStatement",
] as const;

let rowCounter = 0;

/** React keys for rows that can be added and removed: an index would carry focus and input to the wrong row. */
export function newRowKey(): string {
  rowCounter += 1;
  return `guarantee-row-${rowCounter}`;
}

export function newContactRow(): ContactRow {
  return { key: newRowKey(), name: "", department: "", phone: "", email: "" };
}

export function emptyKindValues(feeBilledTo = ""): KindValues {
  return {
    guaranteeAmount: "",
    guaranteeStartDate: "",
    guaranteeEndDate: "",
    targetAmountThisYear: "",
    depositBankName: "",
    depositBranchName: "",
    usesReDeposit: false,
    feePaymentMethod: "LUMP_SUM",
    feeBilledTo,
    // Electronic is what this platform is for; paper stays available as in the Net Desk form.
    delivery: "ELECTRONIC",
    wantsPaperFeeStatement: false,
  };
}

function byKindOf(make: (kind: GuaranteeKind) => KindValues): Record<GuaranteeKind, KindValues> {
  return Object.fromEntries(GUARANTEE_KINDS.map((kind) => [kind, make(kind)])) as Record<GuaranteeKind, KindValues>;
}

/** A new application; who is billed for the fee defaults to the applicant itself, as it usually is. */
export function emptyGuaranteeForm(defaults: { feeBilledTo: string; notificationEmail: string }): GuaranteeFormValues {
  return {
    source: "contract",
    contractId: "",
    ordererName: "",
    worksTitle: "",
    contractAmount: "",
    contractDate: "",
    worksStartDate: "",
    worksEndDate: "",
    suretyOrganizationId: "",
    kinds: [],
    byKind: byKindOf(() => emptyKindValues(defaults.feeBilledTo)),
    destinationBranch: "",
    notificationEmail: defaults.notificationEmail,
    contacts: [],
    message: "",
  };
}

export function guaranteeFormFromDetail(detail: GuaranteeDetail): GuaranteeFormValues {
  const own: KindValues = {
    guaranteeAmount: String(detail.guaranteeAmount),
    guaranteeStartDate: detail.guaranteeStartDate,
    guaranteeEndDate: detail.guaranteeEndDate,
    targetAmountThisYear: detail.targetAmountThisYear === null ? "" : String(detail.targetAmountThisYear),
    depositBankName: detail.depositBankName,
    depositBranchName: detail.depositBranchName,
    usesReDeposit: detail.usesReDeposit,
    feePaymentMethod: detail.feePaymentMethod,
    feeBilledTo: detail.feeBilledTo,
    delivery: detail.delivery,
    wantsPaperFeeStatement: detail.wantsPaperFeeStatement,
  };
  return {
    source: detail.contractId ? "contract" : "standalone",
    contractId: detail.contractId ?? "",
    ordererName: detail.ordererName,
    worksTitle: detail.worksTitle,
    contractAmount: String(detail.contractAmount),
    contractDate: detail.contractDate,
    worksStartDate: detail.worksStartDate,
    worksEndDate: detail.worksEndDate,
    suretyOrganizationId: detail.surety?.id ?? "",
    kinds: [detail.kind],
    // Switching the kind while editing keeps what was typed: the saved values stand for every kind.
    byKind: byKindOf(() => ({ ...own })),
    destinationBranch: detail.destinationBranch,
    notificationEmail: detail.notificationEmail,
    contacts: detail.contacts.map((contact) => ({
      key: newRowKey(),
      name: contact.name,
      department: contact.department ?? "",
      phone: contact.phone ?? "",
      email: contact.email ?? "",
    })),
    message: detail.message,
  };
}

/** What the form takes from a contract (GET /api/contracts/:id: the list has no works period). */
export type PickedContract = Pick<ContractDetail, "id" | "title" | "amount" | "contractDate" | "worksStartDate" | "worksEndDate"> & {
  orderer: Pick<ContractDetail["orderer"], "nameLocal">;
};

/**
 * Choosing a contract fills the works details from it (the API fills them from the contract too; the form shows
 * them so the user sees what the certificate will say), and proposes the works period as the guarantee period
 * where none was entered yet.
 */
export function applyContract(values: GuaranteeFormValues, contract: PickedContract): GuaranteeFormValues {
  const { worksStartDate, worksEndDate } = contract;
  return {
    ...values,
    source: "contract",
    contractId: contract.id,
    ordererName: contract.orderer.nameLocal,
    worksTitle: contract.title,
    contractAmount: String(contract.amount),
    contractDate: contract.contractDate,
    worksStartDate,
    worksEndDate,
    byKind: byKindOf((kind) => {
      const current = values.byKind[kind];
      return {
        ...current,
        guaranteeStartDate: current.guaranteeStartDate || worksStartDate,
        guaranteeEndDate: current.guaranteeEndDate || worksEndDate,
      };
    }),
  };
}

/** 1234 → "12.34" (basis points as a percentage with two decimals, by integer arithmetic). */
export function formatBasisPoints(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const hundredths = Math.abs(basisPoints % 100);
  return `${whole}.${String(hundredths).padStart(2, "0")}`;
}

export type GuaranteeShare = { basisPoints: number; percent: string; base: "target" | "contract"; baseAmount: number };

/**
 * The guarantee amount as a share of its base while the user types (seed 004: 請負金額もしくは今年度対象額に対する
 * 割合): this year's target amount when one is given, else the contract amount; null until both are amounts.
 */
export function computeGuaranteeShare(input: { guaranteeAmount: string; targetAmountThisYear: string; contractAmount: string }): GuaranteeShare | null {
  const guarantee = parseAmountInput(input.guaranteeAmount);
  if (!("amount" in guarantee)) return null;
  const target = parseAmountInput(input.targetAmountThisYear);
  const contract = parseAmountInput(input.contractAmount);
  const base = "amount" in target ? { base: "target" as const, amount: target.amount } : "amount" in contract ? { base: "contract" as const, amount: contract.amount } : null;
  if (!base) return null;
  const basisPoints = guaranteeShareBasisPoints(guarantee.amount, base.amount);
  return { basisPoints, percent: `${formatBasisPoints(basisPoints)}%`, base: base.base, baseAmount: base.amount };
}

function optionalText<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  const trimmed = value.trim();
  return trimmed === "" ? {} : ({ [key]: trimmed } as Record<K, string>);
}

function toContact(row: ContactRow): GuaranteeContact {
  return {
    name: row.name.trim(),
    ...optionalText("department", row.department),
    ...optionalText("phone", row.phone),
    ...optionalText("email", row.email),
  };
}

export type KindBody = { kind: GuaranteeKind; body: CreateGuaranteeBody };

/**
 * One body per ticked kind, in the shared order, or the problems the form can see by itself. Everything else
 * (lengths, the e-mail's form, the surety being a counterparty, the contract being the user's) is the API's to
 * judge; its field errors are shown on the same fields.
 */
export function toGuaranteeBodies(values: GuaranteeFormValues): { bodies: KindBody[] } | { problems: GuaranteeFormProblems } {
  const problems: GuaranteeFormProblems = {};
  const isFromContract = values.source === "contract";
  if (isFromContract && values.contractId === "") problems.contractId = "required";
  if (values.suretyOrganizationId === "") problems.suretyOrganizationId = "required";
  if (values.ordererName.trim() === "") problems.ordererName = "required";
  if (values.worksTitle.trim() === "") problems.worksTitle = "required";
  const contractAmount = parseAmountInput(values.contractAmount);
  if ("problem" in contractAmount) problems.contractAmount = contractAmount.problem;
  for (const field of ["contractDate", "worksStartDate", "worksEndDate"] as const) {
    if (values[field] === "") problems[field] = "required";
  }
  // ISO dates compare correctly as text.
  if (values.worksStartDate && values.worksEndDate && values.worksStartDate > values.worksEndDate) problems.worksEndDate = "periodOrder";
  const kinds = GUARANTEE_KINDS.filter((kind) => values.kinds.includes(kind));
  if (kinds.length === 0) problems.kinds = "kindsRequired";

  const perKind = kinds.map((kind) => {
    const own = values.byKind[kind];
    const amount = parseAmountInput(own.guaranteeAmount);
    if ("problem" in amount) problems[`${kind}.guaranteeAmount`] = amount.problem;
    if (own.guaranteeStartDate === "") problems[`${kind}.guaranteeStartDate`] = "required";
    if (own.guaranteeEndDate === "") problems[`${kind}.guaranteeEndDate`] = "required";
    if (own.guaranteeStartDate && own.guaranteeEndDate && own.guaranteeStartDate > own.guaranteeEndDate) problems[`${kind}.guaranteeEndDate`] = "periodOrder";
    let targetAmountThisYear: number | null = null;
    if (KINDS_WITH_TARGET_AMOUNT.includes(kind) && own.targetAmountThisYear.trim() !== "") {
      const target = parseAmountInput(own.targetAmountThisYear);
      if ("problem" in target) problems[`${kind}.targetAmountThisYear`] = target.problem;
      else targetAmountThisYear = target.amount;
    }
    const hasDepositBank = KINDS_WITH_DEPOSIT_BANK.includes(kind);
    // The deposit bank is 必須 on the Net Desk form: the advance is paid into that account.
    if (hasDepositBank && own.depositBankName.trim() === "") problems[`${kind}.depositBankName`] = "required";
    return { kind, own, amount, targetAmountThisYear, hasDepositBank };
  });
  values.contacts.forEach((contact, index) => {
    if (contact.name.trim() === "") problems[`contacts.${index}.name`] = "required";
  });
  if (Object.keys(problems).length > 0 || "problem" in contractAmount) return { problems };

  const bodies = perKind.flatMap(({ kind, own, amount, targetAmountThisYear, hasDepositBank }): KindBody[] => {
    if ("problem" in amount) return [];
    const body: CreateGuaranteeBody = {
      suretyOrganizationId: values.suretyOrganizationId,
      kind,
      contractId: isFromContract ? values.contractId : null,
      // A platform orderer is known through the contract; a standalone application names it as printed.
      ordererOrganizationId: null,
      ordererName: values.ordererName.trim(),
      worksTitle: values.worksTitle.trim(),
      contractAmount: contractAmount.amount,
      contractDate: values.contractDate,
      worksStartDate: values.worksStartDate,
      worksEndDate: values.worksEndDate,
      guaranteeAmount: amount.amount,
      guaranteeStartDate: own.guaranteeStartDate,
      guaranteeEndDate: own.guaranteeEndDate,
      targetAmountThisYear,
      depositBankName: hasDepositBank ? own.depositBankName.trim() : "",
      depositBranchName: hasDepositBank ? own.depositBranchName.trim() : "",
      usesReDeposit: hasDepositBank ? own.usesReDeposit : false,
      feePaymentMethod: own.feePaymentMethod,
      feeBilledTo: own.feeBilledTo.trim(),
      delivery: own.delivery,
      wantsPaperFeeStatement: own.wantsPaperFeeStatement,
      destinationBranch: values.destinationBranch.trim(),
      notificationEmail: values.notificationEmail.trim(),
      contacts: values.contacts.map(toContact),
      message: values.message.trim(),
    };
    return [{ kind, body }];
  });
  return { bodies };
}

/** The PUT body of a saved application (one kind), with the version the edit started from. */
export function toUpdateBody(values: GuaranteeFormValues, version: number): { body: UpdateGuaranteeBody } | { problems: GuaranteeFormProblems } {
  const onlyKind = values.kinds.slice(0, 1);
  const result = toGuaranteeBodies({ ...values, kinds: onlyKind });
  if ("problems" in result) return result;
  const [first] = result.bodies;
  if (!first) return { problems: { kinds: "kindsRequired" } };
  return { body: { ...first.body, version } };
}

/**
 * The API's field errors of one kind's request, keyed as the form shows them: per-kind fields under the kind
 * ("ADVANCE_PAYMENT.guaranteeAmount"), the rest by their own name. `fields` is readFieldErrors' result.
 */
export function placeKindFieldErrors(kind: GuaranteeKind, fields: Record<string, string>): Record<string, string> {
  const placed: Record<string, string> = {};
  for (const [field, message] of Object.entries(fields)) {
    const root = field.split(".")[0] ?? field;
    const key = (KIND_FIELDS as readonly string[]).includes(root) ? `${kind}.${field}` : field;
    placed[key] ??= message;
  }
  return placed;
}

export type DraftsOutcome = {
  created: GuaranteeDetail[];
  /** The kind whose request failed, and why; the kinds after it were not sent. */
  failure: { kind: GuaranteeKind; error: unknown } | null;
};

/**
 * Sends the drafts one after another and stops at the first failure: the drafts already saved stay (the form then
 * drops their kinds, so a retry does not duplicate them), and the failure is reported on that kind's fields.
 */
export async function createGuaranteeDrafts(bodies: readonly CreateGuaranteeBody[], create: (body: CreateGuaranteeBody) => Promise<GuaranteeDetail>): Promise<DraftsOutcome> {
  const created: GuaranteeDetail[] = [];
  for (const body of bodies) {
    try {
      created.push(await create(body));
    } catch (error) {
      return { created, failure: { kind: body.kind, error } };
    }
  }
  return { created, failure: null };
}

/** The currency the amounts are in: the contract's, or for a standalone application the contractor's country's. */
export function currencyOf(values: Pick<GuaranteeFormValues, "source" | "contractId">, contracts: readonly Pick<ContractSummary, "id" | "currency">[], fallback: Currency): Currency {
  if (values.source !== "contract") return fallback;
  return contracts.find((contract) => contract.id === values.contractId)?.currency ?? fallback;
}
