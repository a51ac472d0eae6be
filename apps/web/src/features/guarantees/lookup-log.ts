// What the contractor and the surety see of the verification lookup on their guarantee: the failed attempts of the
// last day (an alert: someone may be guessing keys) apart from older ones, and the orderer's decision (접수/반려),
// read from the guarantee's events.
import type { GuaranteeLookupLog } from "@pwp/shared/guarantee-lookup";
import type { GuaranteeEvent } from "@pwp/shared/guarantees";

export const FAILED_ATTEMPT_ALERT_WINDOW_MS = 24 * 60 * 60 * 1000;

type FailedAttempt = GuaranteeLookupLog["failedAttempts"][number];

/** Newest first, split at 24 hours before `now`. */
export function splitFailedAttempts(attempts: readonly FailedAttempt[], now: Date): { recent: FailedAttempt[]; earlier: FailedAttempt[] } {
  const since = now.getTime() - FAILED_ATTEMPT_ALERT_WINDOW_MS;
  const sorted = [...attempts].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return { recent: sorted.filter((attempt) => Date.parse(attempt.at) >= since), earlier: sorted.filter((attempt) => Date.parse(attempt.at) < since) };
}

export type OrdererDecision = { status: "ACCEPTED" | "RETURNED"; at: string; reason: string; actor: GuaranteeEvent["actor"] };

/** The latest acceptance or return; null while the orderer has not decided. */
export function readOrdererDecision(events: readonly GuaranteeEvent[]): OrdererDecision | null {
  const decisions = events
    .filter((event) => event.kind === "ACCEPTED" || event.kind === "RETURNED_BY_ORDERER")
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const latest = decisions[0];
  if (!latest) return null;
  return { status: latest.kind === "ACCEPTED" ? "ACCEPTED" : "RETURNED", at: latest.createdAt, reason: latest.reason, actor: latest.actor };
}
