// Where a notice or maintenance window stands, for the ops tables.

export type PeriodState = "SCHEDULED" | "CURRENT" | "ENDED" | "WITHDRAWN";

/** Withdrawn (or cancelled) wins over the dates. */
export function periodState(period: { startsAt: string; endsAt: string; withdrawnAt: string | null }, now: Date): PeriodState {
  if (period.withdrawnAt) return "WITHDRAWN";
  if (new Date(period.endsAt) <= now) return "ENDED";
  if (new Date(period.startsAt) > now) return "SCHEDULED";
  return "CURRENT";
}
