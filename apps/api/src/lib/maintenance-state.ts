// Which maintenance windows are open now, read on every API request: cached for a few seconds so the check costs no
// query, refreshed at once in the process that changes a window (other instances see a change within the TTL).
import type { PrismaClient } from "../db/database.ts";
import type { MaintenanceScope } from "../generated/prisma/enums.ts";

const CACHE_TTL_MS = 5_000;

interface OpenWindow {
  scope: MaintenanceScope;
  startsAt: Date;
  endsAt: Date;
}

export interface MaintenanceNow {
  /** The end of the latest open window of either scope (a full window pauses signing too); null when none is open. */
  signingPausedUntil: Date | null;
  systemPausedUntil: Date | null;
  upcoming: OpenWindow[];
}

export function createMaintenanceState(prisma: PrismaClient, now: () => Date) {
  let cache: { loadedAt: number; windows: OpenWindow[] } | undefined;
  let loading: Promise<OpenWindow[]> | undefined;

  async function windows(): Promise<OpenWindow[]> {
    if (cache && Date.now() - cache.loadedAt < CACHE_TTL_MS) return cache.windows;
    // Requests arriving while the cache refreshes share one query.
    loading ??= prisma.maintenanceWindow
      .findMany({
        where: { cancelledAt: null, endsAt: { gt: now() } },
        orderBy: { startsAt: "asc" },
        select: { scope: true, startsAt: true, endsAt: true },
      })
      .then((rows) => {
        cache = { loadedAt: Date.now(), windows: rows };
        return rows;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  }

  return {
    async current(): Promise<MaintenanceNow> {
      const at = now().getTime();
      const all = await windows();
      const open = all.filter((window) => window.startsAt.getTime() <= at && at < window.endsAt.getTime());
      const latestEnd = (scopes: MaintenanceScope[]) =>
        open.filter((window) => scopes.includes(window.scope)).reduce<Date | null>((latest, window) => (!latest || window.endsAt > latest ? window.endsAt : latest), null);
      return {
        signingPausedUntil: latestEnd(["SIGNING", "FULL"]),
        systemPausedUntil: latestEnd(["FULL"]),
        upcoming: all.filter((window) => window.startsAt.getTime() > at),
      };
    },
    invalidate() {
      cache = undefined;
    },
  };
}

export type MaintenanceState = ReturnType<typeof createMaintenanceState>;
