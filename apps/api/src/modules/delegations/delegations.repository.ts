// The only Prisma calls of delegations. Every query carries the organisation in its where clause.
import type { DelegationScope } from "@pwp/shared/enums";
import type { DbClient } from "../../db/database.ts";
import { afterPosition, type PagePosition } from "../../lib/page-cursor.ts";

const DELEGATION_SELECT = {
  id: true,
  grantor: { select: { id: true, name: true } },
  agent: { select: { id: true, name: true } },
  scopes: true,
  validFrom: true,
  validUntil: true,
  parentId: true,
  createdAt: true,
  revokedAt: true,
  revokedReason: true,
} as const;

export function listDelegations(db: DbClient, organizationId: string, after: PagePosition | undefined, take: number) {
  return db.delegation.findMany({
    where: { organizationId, ...afterPosition(after) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
    select: DELEGATION_SELECT,
  });
}

export function findDelegation(db: DbClient, organizationId: string, delegationId: string) {
  return db.delegation.findFirst({ where: { id: delegationId, organizationId }, select: DELEGATION_SELECT });
}

/** The grantors from this delegation up to its root (this one's first): who may revoke it besides the representative. */
export async function listGrantorsUpTheChain(db: DbClient, organizationId: string, delegationId: string): Promise<string[]> {
  const grantors: string[] = [];
  let nextId: string | null = delegationId;
  // The depth bound only guards against a corrupted cycle; real chains are a few links long.
  for (let depth = 0; nextId !== null && depth < 32; depth++) {
    const link: { grantorId: string; parentId: string | null } | null = await db.delegation.findFirst({
      where: { id: nextId, organizationId },
      select: { grantorId: true, parentId: true },
    });
    if (!link) break;
    grantors.push(link.grantorId);
    nextId = link.parentId;
  }
  return grantors;
}

export function findUserInOrganization(db: DbClient, organizationId: string, userId: string) {
  return db.user.findFirst({ where: { id: userId, organizationId }, select: { id: true, role: true, isActive: true } });
}

/** The delegations `agentId` holds that are not revoked and have not ended by `now`: what it could sub-delegate. */
export function listOpenDelegationsHeldBy(db: DbClient, organizationId: string, agentId: string, now: Date) {
  return db.delegation.findMany({
    where: { organizationId, agentId, revokedAt: null, validUntil: { gt: now } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, scopes: true, validFrom: true, validUntil: true },
  });
}

export function createDelegation(
  db: DbClient,
  data: {
    organizationId: string;
    grantorId: string;
    agentId: string;
    parentId: string | null;
    scopes: DelegationScope[];
    validFrom: Date;
    validUntil: Date;
  },
) {
  return db.delegation.create({ data, select: DELEGATION_SELECT });
}

/**
 * Checks that the delegation is still unrevoked and locks its row until the transaction ends (a no-op conditional
 * update takes the same row lock as a revocation). A revocation running at the same time therefore either comes
 * first (and this returns false) or waits and then finds, and revokes, the sub-delegation created under it.
 */
export async function lockOpenDelegation(db: DbClient, organizationId: string, delegationId: string): Promise<boolean> {
  const { count } = await db.delegation.updateMany({
    where: { id: delegationId, organizationId, revokedAt: null },
    data: { revokedAt: null },
  });
  return count === 1;
}
