import type { ContractDocumentStatus } from "@pwp/shared/contract-documents";
import { useTranslation } from "react-i18next";

/** 작성 중/서명 요청/반려/… · 作成中/署名依頼中/差戻し/…: the word carries the meaning, the colour only repeats it. */
export function DocumentStatusBadge({ status }: { status: ContractDocumentStatus }) {
  const { t } = useTranslation();
  return <span className={`status-badge document-status document-status--${status}`}>{t(`contractDocuments.statuses.${status}`)}</span>;
}
