import type { OrganizationStatus } from "@pwp/shared/enums";
import { useTranslation } from "react-i18next";

/** 대기/승인/보류/반려 · 審査待ち/承認/保留/却下: the word carries the meaning, the colour only repeats it. */
export function StatusBadge({ status }: { status: OrganizationStatus }) {
  const { t } = useTranslation();
  return <span className={`status-badge status-badge--${status}`}>{t(`registration.statuses.${status}`)}</span>;
}
