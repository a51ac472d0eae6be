import type { GuaranteeDisplayStatus, GuaranteeStatus } from "@pwp/shared/guarantees";
import { useTranslation } from "react-i18next";

/**
 * What a reader needs first: while the application is under way its step (draft, submitted, correction
 * requested), afterwards what the guarantee is worth (valid, changed, cancelled, released, expired, offline). The
 * word carries the meaning, the colour only repeats it.
 */
export function GuaranteeStatusBadge({ status, displayStatus }: { status: GuaranteeStatus; displayStatus: GuaranteeDisplayStatus }) {
  const { t } = useTranslation();
  const isPending = displayStatus === "PENDING";
  const modifier = isPending ? status : displayStatus;
  return (
    <span className={`status-badge guarantee-status guarantee-status--${modifier}`}>
      {isPending ? t(`guarantees.statuses.${status}`) : t(`guarantees.displayStatuses.${displayStatus}`)}
    </span>
  );
}
