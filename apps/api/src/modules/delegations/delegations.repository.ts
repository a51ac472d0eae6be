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
  grantCertificateId: true,
  revocationCertificateId: true,
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

export type SignedStatementRecord = { statementId: string; statement: Uint8Array<ArrayBuffer>; signedData: Uint8Array<ArrayBuffer>; certificateId: string };

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
    grant: SignedStatementRecord;
  },
) {
  const { grant, ...fields } = data;
  return db.delegation.create({
    data: {
      ...fields,
      grantStatementId: grant.statementId,
      grantStatement: grant.statement,
      grantSignedData: grant.signedData,
      grantCertificateId: grant.certificateId,
    },
    select: DELEGATION_SELECT,
  });
}

/** Stores the revoker's signed statement on the delegation they revoked (not on the ones revoked with it). */
export async function recordRevocationStatement(db: DbClient, organizationId: string, delegationId: string, revocation: SignedStatementRecord) {
  await db.delegation.updateMany({
    where: { id: delegationId, organizationId },
    data: {
      revocationStatementId: revocation.statementId,
      revocationStatement: revocation.statement,
      revocationSignedData: revocation.signedData,
      revocationCertificateId: revocation.certificateId,
    },
  });
}

/**
 * Whether a statement id was already used, by a grant or a revocation in any organisation: statement ids are
 * unique platform-wide (the columns are unique), so this answers a replay check and reveals nothing else.
 */
export async function isStatementIdUsed(db: DbClient, statementId: string): Promise<boolean> {
  const found = await db.delegation.findFirst({
    where: { OR: [{ grantStatementId: statementId }, { revocationStatementId: statementId }] },
    select: { id: true },
  });
  return found !== null;
}

/** The signed statements of one delegation of the organisation, as stored. */
export function findDelegationStatements(db: DbClient, organizationId: string, delegationId: string) {
  return db.delegation.findFirst({
    where: { id: delegationId, organizationId },
    select: {
      createdAt: true,
      revokedAt: true,
      grantStatementId: true,
      grantStatement: true,
      grantSignedData: true,
      grantCertificateId: true,
      revocationStatementId: true,
      revocationStatement: true,
      revocationSignedData: true,
      revocationCertificateId: true,
    },
  });
}

/** Subject DNs of the organisation's certificates with these ids (the signers shown with each delegation). */
export function listCertificateSubjects(db: DbClient, organizationId: string, certificateIds: string[]) {
  if (certificateIds.length === 0) return Promise.resolve([]);
  return db.certificate.findMany({ where: { id: { in: certificateIds }, organizationId }, select: { id: true, subjectDn: true } });
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
