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
