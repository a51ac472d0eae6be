import type { ContractDocumentKind } from "@pwp/shared/contract-documents";
import type { TFunction } from "i18next";

/** "Change contract No. 2" · "변경계약 제2호" · "変更契約 第2号": how a document is named in lists, headings and links. */
export function documentLabel(t: TFunction, kind: ContractDocumentKind, number: number): string {
  return t("contractDocuments.title", { kind: t(`contractDocuments.kinds.${kind}`), number });
}

/** The user's own calendar day (YYYY-MM-DD): a document is dated where it is written. */
export function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}
