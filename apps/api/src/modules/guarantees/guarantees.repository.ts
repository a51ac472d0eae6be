// The only Prisma calls of guarantees. Every query on a guarantee carries the caller's organisation (as the
// contractor, or as the surety once the application was sent) in its where clause, so another organisation's ids
// match nothing. PDF bytes, the offline file and the stored key are selected only by the functions that need them.
import type { GuaranteeKind } from "@pwp/shared/contracts";
import type { OrganizationKind } from "@pwp/shared/enums";
import type { GuaranteeEventKind, GuaranteeSide, GuaranteeStatus, GuaranteeVersionKind } from "@pwp/shared/guarantees";
import type { DbClient } from "../../db/database.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { guaranteeVisibleTo } from "../../lib/guarantee-access.ts";

const ORGANIZATION_SELECT = {
  id: true,
  country: true,
  registrationNumber: true,
  nameLocal: true,
  nameLatin: true,
  representativeName: true,
  address: true,
} as const satisfies Prisma.OrganizationSelect;

const SUMMARY_SELECT = {
  id: true,
  origin: true,
  kind: true,
  status: true,
  guaranteeNumber: true,
  worksTitle: true,
  ordererName: true,
  contractorOrganizationId: true,
  suretyOrganizationId: true,
  contractorOrganization: { select: ORGANIZATION_SELECT },
  suretyOrganization: { select: ORGANIZATION_SELECT },
  offlineIssuerName: true,
  guaranteeAmount: true,
  currency: true,
  guaranteeEndDate: true,
  currentVersion: true,
  updatedAt: true,
} as const satisfies Prisma.GuaranteeSelect;

const DETAIL_SELECT = {
  ...SUMMARY_SELECT,
  contractId: true,
  ordererOrganizationId: true,
  ordererOrganization: { select: ORGANIZATION_SELECT },
  contractAmount: true,
  contractDate: true,
  worksStartDate: true,
  worksEndDate: true,
  guaranteeStartDate: true,
  targetAmountThisYear: true,
  depositBankName: true,
  depositBranchName: true,
  usesReDeposit: true,
  feePaymentMethod: true,
  feeBilledTo: true,
  delivery: true,
  wantsPaperFeeStatement: true,
  destinationBranch: true,
  notificationEmail: true,
  contacts: true,
  message: true,
  issuedAt: true,
  keyNoticeSubmittedAt: true,
  changeRequest: true,
  version: true,
  createdAt: true,
  // A joint venture's firms besides its lead (the guarantee's contractor): the certificate names them all.
  contract: {
    select: { jointVentureMembers: { where: { position: { gt: 0 } }, orderBy: { position: "asc" }, select: { organization: { select: ORGANIZATION_SELECT } } } },
  },
} as const satisfies Prisma.GuaranteeSelect;

export type GuaranteeSummaryRow = Prisma.GuaranteeGetPayload<{ select: typeof SUMMARY_SELECT }>;
export type GuaranteeDetailRow = Prisma.GuaranteeGetPayload<{ select: typeof DETAIL_SELECT }>;
export type OrganizationRow = Prisma.OrganizationGetPayload<{ select: typeof ORGANIZATION_SELECT }>;

/** The contractor sees all its guarantees; the surety sees applications once sent to it (never a draft). */
export const visibleTo = guaranteeVisibleTo;

function sideWhere(organizationId: string, side: GuaranteeSide): Prisma.GuaranteeWhereInput {
  return side === "CONTRACTOR" ? { contractorOrganizationId: organizationId } : { suretyOrganizationId: organizationId, status: { not: "DRAFT" } };
}

/** Postgres LIKE treats % and _ as wildcards; someone searching "50%" means the characters. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export function listGuarantees(
  db: DbClient,
  options: {
    organizationId: string;
    side: GuaranteeSide;
    status: GuaranteeStatus | undefined;
    kind: GuaranteeKind | undefined;
    /** The status that waits on the caller's side (awaitingMe); undefined for no such filter. */
    awaitingStatus: GuaranteeStatus | undefined;
    contractId: string | undefined;
    q: string | undefined;
    /** The (updatedAt, id) of the last row of the previous page: this page starts after it, newest first. */
    before: { updatedAt: Date; id: string } | undefined;
    take: number;
  },
) {
  const conditions: Prisma.GuaranteeWhereInput[] = [sideWhere(options.organizationId, options.side)];
  if (options.status) conditions.push({ status: options.status });
  if (options.awaitingStatus) conditions.push({ status: options.awaitingStatus, origin: "PLATFORM" });
  if (options.kind) conditions.push({ kind: options.kind });
  if (options.contractId) conditions.push({ contractId: options.contractId });
  if (options.q) {
    const pattern = escapeLike(options.q);
    conditions.push({
      OR: [
        { worksTitle: { contains: pattern, mode: "insensitive" } },
        { ordererName: { contains: pattern, mode: "insensitive" } },
        { guaranteeNumber: { contains: pattern, mode: "insensitive" } },
      ],
    });
  }
  if (options.before) {
    const { updatedAt, id } = options.before;
    conditions.push({ OR: [{ updatedAt: { lt: updatedAt } }, { updatedAt, id: { lt: id } }] });
  }
  return db.guarantee.findMany({
    where: { AND: conditions },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: options.take,
    select: SUMMARY_SELECT,
  });
}

export function findGuarantee(db: DbClient, organizationId: string, guaranteeId: string) {
  return db.guarantee.findFirst({ where: { id: guaranteeId, ...visibleTo(organizationId) }, select: DETAIL_SELECT });
}

/**
 * A platform guarantee whose key notice the contractor submitted for a contract this orderer made: the one thing the
 * orderer reads here (the notice; the certificate itself comes through the lookup with the key).
 */
export function findGuaranteeForOrderer(db: DbClient, ordererOrganizationId: string, guaranteeId: string) {
  return db.guarantee.findFirst({
    where: { id: guaranteeId, origin: "PLATFORM", keyNoticeSubmittedAt: { not: null }, contract: { ordererOrganizationId } },
    select: DETAIL_SELECT,
  });
}

/** An offline guarantee the contractor linked to a contract `ordererOrganizationId` orders: the orderer may read its file. */
export function findOfflineGuaranteeForOrderer(db: DbClient, ordererOrganizationId: string, guaranteeId: string) {
  return db.guarantee.findFirst({ where: { id: guaranteeId, origin: "OFFLINE", contract: { ordererOrganizationId } }, select: DETAIL_SELECT });
}

// ---- what an application refers to ------------------------------------------------------------------------------

export function findApprovedOrganization(db: DbClient, organizationId: string, kind: OrganizationKind) {
  return db.organization.findFirst({ where: { id: organizationId, kind, status: "APPROVED" }, select: ORGANIZATION_SELECT });
}

export function findOrganization(db: DbClient, organizationId: string) {
  return db.organization.findUnique({ where: { id: organizationId }, select: ORGANIZATION_SELECT });
}

/** One of the contractor's contracts as the contractor sees them (sent to it: never the orderer's draft). */
export function findContractorContract(db: DbClient, contractorOrganizationId: string, contractId: string) {
  return db.contract.findFirst({
    where: { id: contractId, contractorOrganizationId, status: { not: "DRAFT" } },
    select: {
      id: true,
      status: true,
      title: true,
      amount: true,
      currency: true,
      contractDate: true,
      worksStartDate: true,
      worksEndDate: true,
      ordererOrganizationId: true,
      ordererOrganization: { select: { nameLocal: true, country: true } },
    },
  });
}

// ---- creating, changing and deleting ------------------------------------------------------------------------------

export type ApplicationData = {
  kind: GuaranteeKind;
  suretyOrganizationId: string;
  contractId: string | null;
  ordererOrganizationId: string | null;
  ordererName: string;
  worksTitle: string;
  currency: "KRW" | "JPY";
  contractAmount: bigint;
  contractDate: Date;
  worksStartDate: Date;
  worksEndDate: Date;
  guaranteeAmount: bigint;
  guaranteeStartDate: Date;
  guaranteeEndDate: Date;
  targetAmountThisYear: bigint | null;
  depositBankName: string;
  depositBranchName: string;
  usesReDeposit: boolean;
  feePaymentMethod: "LUMP_SUM" | "INSTALLMENTS";
  feeBilledTo: string;
  delivery: "ELECTRONIC" | "PAPER";
  wantsPaperFeeStatement: boolean;
  destinationBranch: string;
  notificationEmail: string;
  contacts: Prisma.InputJsonArray;
  message: string;
};

export function createGuarantee(db: DbClient, data: ApplicationData & { contractorOrganizationId: string; createdById: string }) {
  return db.guarantee.create({ data, select: { id: true } });
}

export type OfflineData = {
  kind: GuaranteeKind;
  contractorOrganizationId: string;
  contractId: string | null;
  ordererOrganizationId: string | null;
  ordererName: string;
  worksTitle: string;
  currency: "KRW" | "JPY";
  contractAmount: bigint;
  contractDate: Date;
  worksStartDate: Date;
  worksEndDate: Date;
  guaranteeAmount: bigint;
  guaranteeStartDate: Date;
  guaranteeEndDate: Date;
  guaranteeNumber: string;
  offlineIssuerName: string;
  offlineFile: Uint8Array<ArrayBuffer>;
  offlineFileName: string;
  offlineFileSha256: string;
  createdById: string;
};

export function createOfflineGuarantee(db: DbClient, data: OfflineData) {
  return db.guarantee.create({ data: { ...data, origin: "OFFLINE", status: "ISSUED" }, select: { id: true } });
}

/** Where a transition may apply: the caller's side's guarantee, in the status and version read. */
export type Expected = { guaranteeId: string; organizationId: string; side: GuaranteeSide; status: GuaranteeStatus; version: number };

/**
 * Applies `data` and bumps the version only if the guarantee is still as read: of two clients racing from the same
 * version exactly one gets true. The row stays locked until the transaction ends.
 */
export async function updateGuaranteeIf(db: DbClient, expected: Expected, data: Prisma.GuaranteeUpdateManyMutationInput): Promise<boolean> {
  const { count } = await db.guarantee.updateMany({
    where: { id: expected.guaranteeId, ...sideWhere(expected.organizationId, expected.side), status: expected.status, version: expected.version },
    data: { ...data, version: { increment: 1 } },
  });
  return count === 1;
}

export async function deleteDraft(db: DbClient, contractorOrganizationId: string, guaranteeId: string): Promise<boolean> {
  const { count } = await db.guarantee.deleteMany({ where: { id: guaranteeId, contractorOrganizationId, status: "DRAFT", origin: "PLATFORM" } });
  return count === 1;
}

/** Sets the number once: a guarantee keeps the number it was first given, whatever happens to a prepared version. */
export async function setGuaranteeNumberIfUnset(db: DbClient, guaranteeId: string, guaranteeNumber: string): Promise<boolean> {
  const { count } = await db.guarantee.updateMany({ where: { id: guaranteeId, guaranteeNumber: null }, data: { guaranteeNumber } });
  return count === 1;
}

export function findGuaranteeNumber(db: DbClient, guaranteeId: string) {
  return db.guarantee.findUnique({ where: { id: guaranteeId }, select: { guaranteeNumber: true } });
}

// ---- versions -------------------------------------------------------------------------------------------------------

export async function listSignedVersions(db: DbClient, guaranteeId: string) {
  const versions = await db.guaranteeVersion.findMany({
    where: { guaranteeId, signedAt: { not: null } },
    orderBy: { number: "asc" },
    select: { number: true, kind: true, changes: true, reason: true, signerUserId: true, certificateId: true, signedAt: true, createdAt: true },
  });
  if (versions.length === 0) return [];
  const [users, certificates, withFee] = await Promise.all([
    db.user.findMany({ where: { id: { in: versions.flatMap((v) => (v.signerUserId ? [v.signerUserId] : [])) } }, select: { id: true, name: true } }),
    db.certificate.findMany({ where: { id: { in: versions.flatMap((v) => (v.certificateId ? [v.certificateId] : [])) } }, select: { id: true, subjectDn: true } }),
    db.guaranteeVersion.findMany({ where: { guaranteeId, signedAt: { not: null }, feeStatementPdf: { not: null } }, select: { number: true } }),
  ]);
  return versions.map((version) => ({
    ...version,
    signerName: users.find((user) => user.id === version.signerUserId)?.name ?? null,
    certificateSubject: certificates.find((certificate) => certificate.id === version.certificateId)?.subjectDn ?? null,
    hasFeeStatement: withFee.some((row) => row.number === version.number),
  }));
}

const PREPARED_SELECT = {
  id: true,
  number: true,
  kind: true,
  canonicalJson: true,
  changes: true,
  reason: true,
  certificatePdf: true,
  feeStatementPdf: true,
} as const satisfies Prisma.GuaranteeVersionSelect;

/** The version waiting for the surety's signature, with its bytes (at most one per guarantee). */
export function findPreparedVersion(db: DbClient, guaranteeId: string) {
  return db.guaranteeVersion.findFirst({ where: { guaranteeId, signedAt: null }, orderBy: { number: "desc" }, select: PREPARED_SELECT });
}

/** The latest signed version's canonical document (the basis of a change). */
export function findLatestSignedDocument(db: DbClient, guaranteeId: string) {
  return db.guaranteeVersion.findFirst({ where: { guaranteeId, signedAt: { not: null } }, orderBy: { number: "desc" }, select: { number: true, canonicalJson: true } });
}

export async function deletePreparedVersions(db: DbClient, guaranteeId: string): Promise<void> {
  await db.guaranteeVersion.deleteMany({ where: { guaranteeId, signedAt: null } });
}

export function createPreparedVersion(
  db: DbClient,
  data: {
    guaranteeId: string;
    number: number;
    kind: GuaranteeVersionKind;
    canonicalJson: string;
    changes: Prisma.InputJsonArray;
    reason: string;
    certificatePdf: Uint8Array<ArrayBuffer>;
    feeStatementPdf: Uint8Array<ArrayBuffer> | null;
    preparedById: string;
  },
) {
  return db.guaranteeVersion.create({ data, select: { id: true } });
}

/** Stores the signed bytes on the prepared row, only while it is still unsigned (a racing signature gets false). */
export async function markVersionSigned(
  db: DbClient,
  versionId: string,
  data: {
    certificatePdf: Uint8Array<ArrayBuffer>;
    feeStatementPdf: Uint8Array<ArrayBuffer> | null;
    signedData: Uint8Array<ArrayBuffer>;
    signerUserId: string;
    certificateId: string;
    delegationId: string | null;
    signedAt: Date;
    verification: Prisma.InputJsonObject;
    /** When the signed version reached the platform (電子保証発行日時): the row becomes the version then. */
    createdAt: Date;
  },
): Promise<boolean> {
  const { count } = await db.guaranteeVersion.updateMany({ where: { id: versionId, signedAt: null }, data });
  return count === 1;
}

/** A version's stored bytes for download; `isSignedOnly` hides a prepared (unsigned) version. */
export function findVersionFiles(db: DbClient, guaranteeId: string, number: number, isSignedOnly: boolean) {
  return db.guaranteeVersion.findFirst({
    where: { guaranteeId, number, ...(isSignedOnly ? { signedAt: { not: null } } : {}) },
    select: { number: true, signedAt: true, certificatePdf: true, feeStatementPdf: true },
  });
}

/** A signed version's signed bytes, to recognise a repeated submission. */
export function findSignedVersion(db: DbClient, guaranteeId: string, number: number) {
  return db.guaranteeVersion.findFirst({
    where: { guaranteeId, number, signedAt: { not: null } },
    select: { signedData: true, certificatePdf: true, feeStatementPdf: true },
  });
}

export function findCertificateSummary(db: DbClient, certificateId: string) {
  return db.certificate.findUnique({ where: { id: certificateId }, select: { id: true, fingerprintSha256: true, subjectDn: true, serialNumberHex: true } });
}

// ---- the key and the offline file -------------------------------------------------------------------------------------

export function findStoredAuthKey(db: DbClient, guaranteeId: string) {
  return db.guarantee.findUnique({ where: { id: guaranteeId }, select: { guaranteeNumber: true, authKeyCiphertext: true } });
}

export function findOfflineFile(db: DbClient, guaranteeId: string) {
  return db.guarantee.findUnique({ where: { id: guaranteeId }, select: { offlineFile: true, offlineFileName: true, offlineFileSha256: true } });
}

// ---- the history ------------------------------------------------------------------------------------------------------

export function createEvent(
  db: DbClient,
  data: { guaranteeId: string; kind: GuaranteeEventKind; versionNumber?: number | null; actorUserId: string; actorOrganizationId: string; reason?: string },
) {
  return db.guaranteeEvent.create({ data, select: { id: true } });
}

export async function listEvents(db: DbClient, guaranteeId: string) {
  const events = await db.guaranteeEvent.findMany({
    where: { guaranteeId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, versionNumber: true, actorUserId: true, actorOrganizationId: true, reason: true, createdAt: true },
  });
  const userIds = [...new Set(events.flatMap((event) => (event.actorUserId ? [event.actorUserId] : [])))];
  const organizationIds = [...new Set(events.flatMap((event) => (event.actorOrganizationId ? [event.actorOrganizationId] : [])))];
  const [users, organizations] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }),
    db.organization.findMany({ where: { id: { in: organizationIds } }, select: { id: true, nameLocal: true } }),
  ]);
  return events.map((event) => ({
    ...event,
    actorName: users.find((user) => user.id === event.actorUserId)?.name ?? null,
    actorOrganizationName: organizations.find((organization) => organization.id === event.actorOrganizationId)?.nameLocal ?? null,
  }));
}
