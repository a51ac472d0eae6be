// What contracts need to know about guarantees, without the two modules importing each other: which required
// guarantees still block the contractor's signature, which key notices the contractor has handed to the orderer
// through the platform, and which guarantees the orderer accepted at the lookup.
import type { GuaranteeKind } from "@pwp/shared/contracts";
import type { DbClient } from "../db/database.ts";

/**
 * The kinds that must be in force before the contractor signs. A contract-performance guarantee (계약보증 · 契約保証)
 * secures the signature itself; advance-payment and defect-repair guarantees come after the contract.
 */
export const SIGNING_GATE_GUARANTEE_KINDS: readonly GuaranteeKind[] = ["CONTRACT_PERFORMANCE"];

/**
 * The required kinds that block the contractor's signature: those without a guarantee of that kind from the
 * contract's contractor, linked to the contract, and either issued on the platform (ISSUED, whatever changes it had)
 * or recorded as an offline guarantee.
 */
export async function missingRequiredGuarantees(
  db: DbClient,
  contract: { id: string; contractorOrganizationId: string; requiredGuarantees: readonly GuaranteeKind[] },
): Promise<GuaranteeKind[]> {
  const gating = contract.requiredGuarantees.filter((kind) => SIGNING_GATE_GUARANTEE_KINDS.includes(kind));
  if (gating.length === 0) return [];
  const present = await db.guarantee.findMany({
    where: {
      contractId: contract.id,
      contractorOrganizationId: contract.contractorOrganizationId,
      kind: { in: gating },
      OR: [{ origin: "PLATFORM", status: "ISSUED" }, { origin: "OFFLINE" }],
    },
    distinct: ["kind"],
    select: { kind: true },
  });
  return gating.filter((kind) => !present.some((row) => row.kind === kind));
}

export type SubmittedKeyNotice = { guaranteeId: string; kind: GuaranteeKind; guaranteeNumber: string; submittedAt: Date };

/** The key notices the contractor submitted for this contract, newest first (the orderer may download them). */
export async function listSubmittedKeyNotices(db: DbClient, contract: { id: string; contractorOrganizationId: string }): Promise<SubmittedKeyNotice[]> {
  const rows = await db.guarantee.findMany({
    where: { contractId: contract.id, contractorOrganizationId: contract.contractorOrganizationId, origin: "PLATFORM", keyNoticeSubmittedAt: { not: null }, guaranteeNumber: { not: null } },
    orderBy: [{ keyNoticeSubmittedAt: "desc" }, { id: "asc" }],
    select: { id: true, kind: true, guaranteeNumber: true, keyNoticeSubmittedAt: true },
  });
  return rows.map((row) => ({ guaranteeId: row.id, kind: row.kind, guaranteeNumber: row.guaranteeNumber as string, submittedAt: row.keyNoticeSubmittedAt as Date }));
}

/** Offline numbers come from other issuers: kept apart per contractor so they never meet platform numbers or each other. */
export const OFFLINE_NUMBER_PREFIX = "offline:";

/** The number as people read it: an offline one without the prefix that keeps it apart. */
export function displayGuaranteeNumber(row: { origin: string; guaranteeNumber: string | null; contractorOrganizationId: string }): string | null {
  if (row.guaranteeNumber === null) return null;
  const prefix = `${OFFLINE_NUMBER_PREFIX}${row.contractorOrganizationId}:`;
  return row.origin === "OFFLINE" && row.guaranteeNumber.startsWith(prefix) ? row.guaranteeNumber.slice(prefix.length) : row.guaranteeNumber;
}

export type OfflineGuaranteeRecord = { guaranteeId: string; kind: GuaranteeKind; issuerName: string; guaranteeNumber: string; guaranteeAmount: number; recordedAt: Date };

/**
 * Guarantees the contractor recorded as issued outside the platform and linked to this contract, newest first. They
 * open the signing gate as a platform guarantee does, so the orderer — who signs last — sees each of them and its
 * file, marked as not verified by the platform.
 */
export async function listOfflineGuarantees(db: DbClient, contract: { id: string; contractorOrganizationId: string }): Promise<OfflineGuaranteeRecord[]> {
  const rows = await db.guarantee.findMany({
    where: { contractId: contract.id, contractorOrganizationId: contract.contractorOrganizationId, origin: "OFFLINE" },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: { id: true, kind: true, origin: true, offlineIssuerName: true, guaranteeNumber: true, guaranteeAmount: true, contractorOrganizationId: true, createdAt: true },
  });
  return rows.map((row) => ({
    guaranteeId: row.id,
    kind: row.kind,
    issuerName: row.offlineIssuerName ?? "",
    guaranteeNumber: displayGuaranteeNumber(row) ?? "",
    // At most a contract amount, below 2^53.
    guaranteeAmount: Number(row.guaranteeAmount),
    recordedAt: row.createdAt,
  }));
}

export type AcceptedGuarantee = { guaranteeId: string; kind: GuaranteeKind; guaranteeNumber: string; acceptedAt: Date };

/** The contractor's platform guarantees linked to this contract that the orderer accepted (접수), newest first. */
export async function listAcceptedGuarantees(db: DbClient, contract: { id: string; contractorOrganizationId: string }): Promise<AcceptedGuarantee[]> {
  const rows = await db.guarantee.findMany({
    where: { contractId: contract.id, contractorOrganizationId: contract.contractorOrganizationId, origin: "PLATFORM", acceptanceStatus: "ACCEPTED", guaranteeNumber: { not: null } },
    orderBy: [{ acceptanceDecidedAt: "desc" }, { id: "asc" }],
    select: { id: true, kind: true, guaranteeNumber: true, acceptanceDecidedAt: true },
  });
  return rows.map((row) => ({ guaranteeId: row.id, kind: row.kind, guaranteeNumber: row.guaranteeNumber as string, acceptedAt: row.acceptanceDecidedAt as Date }));
}
