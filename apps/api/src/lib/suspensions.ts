// Which users and organisations ops have suspended, checked on every authenticated request so an access token issued
// before the suspension stops working at once (refresh tokens are revoked in the suspension's transaction, and
// sign-in refuses them). The sets are small; they are cached for a few seconds, and the process that suspends or
// reactivates drops its cache at once (other instances see it within the TTL).
import type { PrismaClient } from "../db/database.ts";

const CACHE_TTL_MS = 5_000;

interface SuspendedIds {
  users: ReadonlySet<string>;
  organizations: ReadonlySet<string>;
}

export function createSuspensionState(prisma: PrismaClient) {
  let cache: { loadedAt: number; ids: SuspendedIds } | undefined;
  let loading: Promise<SuspendedIds> | undefined;

  function load(): Promise<SuspendedIds> {
    loading ??= Promise.all([
      prisma.user.findMany({ where: { suspendedAt: { not: null } }, select: { id: true } }),
      prisma.organization.findMany({ where: { suspendedAt: { not: null } }, select: { id: true } }),
    ])
      .then(([users, organizations]) => {
        const ids = { users: new Set(users.map((user) => user.id)), organizations: new Set(organizations.map((organization) => organization.id)) };
        cache = { loadedAt: Date.now(), ids };
        return ids;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  }

  return {
    async isSuspended(userId: string, organizationId: string): Promise<boolean> {
      const ids = cache && Date.now() - cache.loadedAt < CACHE_TTL_MS ? cache.ids : await load();
      return ids.users.has(userId) || ids.organizations.has(organizationId);
    },
    invalidate() {
      cache = undefined;
    },
  };
}

export type SuspensionState = ReturnType<typeof createSuspensionState>;
