// Recording a guarantee issued outside the platform (another issuer, or paper): its metadata and the scan or PDF.
// Pure, so the rules are unit-tested; the API checks everything again and stores the file as it came.
import { CURRENCIES, type ContractSummary, type Currency, type GuaranteeKind } from "@pwp/shared/contracts";
import { OFFLINE_GUARANTEE_FILE_MAX_BYTES, type OfflineGuaranteeData } from "@pwp/shared/guarantees";
import { parseAmountInput } from "@pwp/shared/amounts";

/** What the file input offers; the server decides from the bytes, this only guides the picker and the check. */
export const OFFLINE_FILE_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;

export type OfflineFormValues = {
  kind: GuaranteeKind | "";
  issuerName: string;
  guaranteeNumber: string;
  contractId: string;
  ordererName: string;
  worksTitle: string;
  contractAmount: string;
  guaranteeAmount: string;
  currency: Currency;
  guaranteeStartDate: string;
  guaranteeEndDate: string;
  /** Asked only without a contract: with one, the API takes them from it. */
  contractDate: string;
  worksStartDate: string;
  worksEndDate: string;
};

export type OfflineFormProblem = "required" | "amountNotInteger" | "amountRange" | "periodOrder" | "fileTooLarge" | "fileType";
export type OfflineFormProblems = Record<string, OfflineFormProblem>;

export function emptyOfflineForm(currency: Currency): OfflineFormValues {
  return {
    kind: "",
    issuerName: "",
    guaranteeNumber: "",
    contractId: "",
    ordererName: "",
    worksTitle: "",
    contractAmount: "",
    guaranteeAmount: "",
    currency,
    guaranteeStartDate: "",
    guaranteeEndDate: "",
    contractDate: "",
    worksStartDate: "",
    worksEndDate: "",
  };
}

/** Choosing the contract the guarantee belongs to fills its orderer, title, amount and currency. */
export function applyOfflineContract(values: OfflineFormValues, contract: Pick<ContractSummary, "id" | "title" | "amount" | "currency"> & { orderer: Pick<ContractSummary["orderer"], "nameLocal"> }): OfflineFormValues {
  return { ...values, contractId: contract.id, ordererName: contract.orderer.nameLocal, worksTitle: contract.title, contractAmount: String(contract.amount), currency: contract.currency };
}

export function checkOfflineFile(file: Pick<File, "size" | "type"> | null): OfflineFormProblem | null {
  if (!file) return "required";
  if (file.size > OFFLINE_GUARANTEE_FILE_MAX_BYTES) return "fileTooLarge";
  if (!(OFFLINE_FILE_TYPES as readonly string[]).includes(file.type)) return "fileType";
  return null;
}

export function toOfflineData(values: OfflineFormValues, file: Pick<File, "size" | "type"> | null): { data: OfflineGuaranteeData } | { problems: OfflineFormProblems } {
  const problems: OfflineFormProblems = {};
  if (values.kind === "") problems.kind = "required";
  for (const field of ["issuerName", "guaranteeNumber", "ordererName", "worksTitle"] as const) {
    if (values[field].trim() === "") problems[field] = "required";
  }
  const contractAmount = parseAmountInput(values.contractAmount);
  if ("problem" in contractAmount) problems.contractAmount = contractAmount.problem;
  const guaranteeAmount = parseAmountInput(values.guaranteeAmount);
  if ("problem" in guaranteeAmount) problems.guaranteeAmount = guaranteeAmount.problem;
  if (values.guaranteeStartDate === "") problems.guaranteeStartDate = "required";
  if (values.guaranteeEndDate === "") problems.guaranteeEndDate = "required";
  if (values.guaranteeStartDate && values.guaranteeEndDate && values.guaranteeStartDate > values.guaranteeEndDate) problems.guaranteeEndDate = "periodOrder";
  const hasContract = values.contractId !== "";
  if (!hasContract) {
    for (const field of ["contractDate", "worksStartDate", "worksEndDate"] as const) {
      if (values[field] === "") problems[field] = "required";
    }
    if (values.worksStartDate && values.worksEndDate && values.worksStartDate > values.worksEndDate) problems.worksEndDate = "periodOrder";
  }
  if (!(CURRENCIES as readonly string[]).includes(values.currency)) problems.currency = "required";
  const fileProblem = checkOfflineFile(file);
  if (fileProblem) problems.file = fileProblem;
  if (Object.keys(problems).length > 0 || values.kind === "" || "problem" in contractAmount || "problem" in guaranteeAmount) return { problems };
  return {
    data: {
      kind: values.kind,
      issuerName: values.issuerName.trim(),
      guaranteeNumber: values.guaranteeNumber.trim(),
      contractId: values.contractId === "" ? null : values.contractId,
      ordererName: values.ordererName.trim(),
      worksTitle: values.worksTitle.trim(),
      contractAmount: contractAmount.amount,
      guaranteeAmount: guaranteeAmount.amount,
      currency: values.currency,
      guaranteeStartDate: values.guaranteeStartDate,
      guaranteeEndDate: values.guaranteeEndDate,
      ...(hasContract ? {} : { contractDate: values.contractDate, worksStartDate: values.worksStartDate, worksEndDate: values.worksEndDate }),
    },
  };
}
