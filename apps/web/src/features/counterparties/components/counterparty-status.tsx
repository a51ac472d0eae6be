import type { CounterpartySummary } from "@pwp/shared/counterparties";
import { useTranslation } from "react-i18next";

export type CounterpartyState = "onPlatform" | "registering" | "invited" | "invitationExpired" | "notInvited";

/** Where the counterparty stands: on the platform, applied through the invitation, invited, or the link lapsed. */
export function getCounterpartyState(counterparty: Pick<CounterpartySummary, "isOnPlatform" | "invitation">, now = Date.now()): CounterpartyState {
  if (counterparty.isOnPlatform) return "onPlatform";
  const { invitation } = counterparty;
  if (!invitation) return "notInvited";
  if (invitation.acceptedAt) return "registering";
  return new Date(invitation.expiresAt).getTime() > now ? "invited" : "invitationExpired";
}

export function CounterpartyStatusBadge({ counterparty }: { counterparty: Pick<CounterpartySummary, "isOnPlatform" | "invitation"> }) {
  const { t } = useTranslation();
  const state = getCounterpartyState(counterparty);
  return <span className={`counterparty-status counterparty-status--${state}`}>{t(`counterparties.status.${state}`)}</span>;
}
