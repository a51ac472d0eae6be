import type { ContractStatus } from "@pwp/shared/contracts";
import { useTranslation } from "react-i18next";

/** 작성중/발송/반려/… · 作成中/送付済/差戻し/…: the word carries the meaning, the colour only repeats it. */
export function ContractStatusBadge({ status }: { status: ContractStatus }) {
  const { t } = useTranslation();
  return <span className={`status-badge contract-status contract-status--${status}`}>{t(`contracts.statuses.${status}`)}</span>;
}
