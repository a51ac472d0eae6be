// The only Prisma calls of contracts. Every query on a contract carries the caller's organisation (on either side)
// in its where clause, so another organisation's ids match nothing; the PDF and annex bytes are selected only by
// the functions that need them.
import type { ContractSide, ContractStatus, GuaranteeKind } from "@pwp/shared/contracts";
import type { DbClient } from "../../db/database.ts";
import type { Prisma } from "../../generated/prisma/client.ts";

const PARTY_SELECT = {
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
  contractNumber: true,
  title: true,
  amount: true,
  currency: true,
  status: true,
  contractDate: true,
  ordererOrganizationId: true,
  contractorOrganizationId: true,
  ordererOrganization: { select: PARTY_SELECT },
  contractorOrganization: { select: PARTY_SELECT },
  jointVentureName: true,
  updatedAt: true,
} as const satisfies Prisma.ContractSelect;

const DETAIL_SELECT = {
  ...SUMMARY_SELECT,
  worksStartDate: true,
  worksEndDate: true,
  place: true,
  termsSections: true,
  requiredGuarantees: true,
  annexFileName: true,
  annexSha256: true,
  version: true,
  edition: true,
  createdAt: true,
  sentAt: true,
  completedAt: true,
  cancelledAt: true,
  contacts: { select: { side: true, name: true, department: true, phone: true, email: true }, orderBy: [{ side: "asc" }, { position: "asc" }] },
  jointVentureMembers: {
    select: { organizationId: true, position: true, shareBasisPoints: true, organization: { select: PARTY_SELECT } },
    orderBy: { position: "asc" },
  },
} as const satisfies Prisma.ContractSelect;

export type ContractSummaryRow = Prisma.ContractGetPayload<{ select: typeof SUMMARY_SELECT }>;
export type ContractDetailRow = Prisma.ContractGetPayload<{ select: typeof DETAIL_SELECT }>;
export type PartyRow = Prisma.OrganizationGetPayload<{ select: typeof PARTY_SELECT }>;

/** On the contractor side: the contractor (a joint venture's lead) or a firm of the joint venture. */
function onContractorSide(organizationId: string): Prisma.ContractWhereInput {
  return { OR: [{ contractorOrganizationId: organizationId }, { jointVentureMembers: { some: { organizationId } } }] };
}

/**
 * The contracts an organisation may see: all it orders, and those it is on the contractor side of (the contractor,
 * or any firm of a joint venture) once they were sent. A draft exists only on the orderer's side until it is sent.
 */
export function visibleTo(organizationId: string, side?: ContractSide): Prisma.ContractWhereInput {
  const asOrderer: Prisma.ContractWhereInput = { ordererOrganizationId: organizationId };
  const asContractor: Prisma.ContractWhereInput = { ...onContractorSide(organizationId), status: { not: "DRAFT" } };
  if (side === "ORDERER") return asOrderer;
  if (side === "CONTRACTOR") return asContractor;
  return { OR: [asOrderer, asContractor] };
}

/** Postgres LIKE treats % and _ as wildcards; someone searching "50%" means the characters. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export function listContracts(
  db: DbClient,
  options: {
    organizationId: string;
    side: ContractSide | undefined;
    status: ContractStatus | undefined;
    /** Statuses per side that wait on the caller (awaitingMe); undefined for no such filter. */
    awaiting: { side: ContractSide; statuses: ContractStatus[] }[] | undefined;
    q: string | undefined;
    /** The (updatedAt, id) of the last row of the previous page: this page starts after it, newest first. */
    before: { updatedAt: Date; id: string } | undefined;
    take: number;
  },
) {
  const conditions: Prisma.ContractWhereInput[] = [visibleTo(options.organizationId, options.side)];
  if (options.status) conditions.push({ status: options.status });
  if (options.awaiting) {
    conditions.push({
      OR: options.awaiting.map(({ side, statuses }) => ({
        ...(side === "ORDERER" ? { ordererOrganizationId: options.organizationId } : onContractorSide(options.organizationId)),
        status: { in: statuses },
      })),
    });
  }
  if (options.q) {
    const pattern = escapeLike(options.q);
    conditions.push({
      OR: [{ title: { contains: pattern, mode: "insensitive" } }, { contractNumber: { contains: pattern, mode: "insensitive" } }],
    });
  }
  if (options.before) {
    const { updatedAt, id } = options.before;
    conditions.push({ OR: [{ updatedAt: { lt: updatedAt } }, { updatedAt, id: { lt: id } }] });
  }
  return db.contract.findMany({
    where: { AND: conditions },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: options.take,
    select: SUMMARY_SELECT,
  });
}

export function findContract(db: DbClient, organizationId: string, contractId: string) {
  return db.contract.findFirst({ where: { id: contractId, ...visibleTo(organizationId) }, select: DETAIL_SELECT });
}

/** The size of the annex without reading its bytes. */
export async function findAnnexSize(db: DbClient, contractId: string): Promise<number | null> {
  const rows = await db.$queryRaw<{ size: number | null }[]>`SELECT octet_length("annexPdf")::int AS size FROM "Contract" WHERE "id" = ${contractId}::uuid`;
  return rows[0]?.size ?? null;
}

export async function findAnnexPdf(db: DbClient, contractId: string): Promise<Uint8Array | null> {
  const row = await db.contract.findUnique({ where: { id: contractId }, select: { annexPdf: true } });
  return row?.annexPdf ? new Uint8Array(row.annexPdf) : null;
}

// ---- creating, changing and deleting ------------------------------------------------------------------------------

/** Of these organisations, the ones a contract may be made with: approved contractors in the orderer's counterparty list. */
export async function findCounterpartyContractors(db: DbClient, ordererOrganizationId: string, organizationIds: string[]): Promise<Set<string>> {
  const rows = await db.counterparty.findMany({
    where: {
      ownerOrganizationId: ordererOrganizationId,
      organizationId: { in: organizationIds },
      organization: { status: "APPROVED", kind: "CONTRACTOR" },
    },
    select: { organizationId: true },
  });
  return new Set(rows.flatMap((row) => (row.organizationId ? [row.organizationId] : [])));
}

export function findOrganizationCountry(db: DbClient, organizationId: string) {
  return db.organization.findUnique({ where: { id: organizationId }, select: { country: true } });
}

/** The highest numbers starting with `prefix`, for picking the next generated one. */
export async function listContractNumbersWithPrefix(db: DbClient, ordererOrganizationId: string, prefix: string): Promise<string[]> {
  const rows = await db.contract.findMany({
    where: { ordererOrganizationId, contractNumber: { startsWith: prefix } },
    orderBy: { contractNumber: "desc" },
    take: 50,
    select: { contractNumber: true },
  });
  return rows.map((row) => row.contractNumber);
}

export type ContractContentData = {
  contractNumber: string;
  contractorOrganizationId: string;
  title: string;
  amount: bigint;
  worksStartDate: Date;
  worksEndDate: Date;
  contractDate: Date;
  place: string;
  termsSections: Prisma.InputJsonArray;
  requiredGuarantees: GuaranteeKind[];
  jointVentureName: string | null;
};

/** A joint venture's firms: the lead at position 0, the members after it; none for a single contractor. */
export type JointVentureMemberData = { organizationId: string; position: number; shareBasisPoints: number };

export type ContactData = { side: ContractSide; name: string; department: string; phone: string; email: string };

function contactRows(contacts: ContactData[]) {
  // Positions count per side, in the order given.
  const next: Record<ContractSide, number> = { ORDERER: 0, CONTRACTOR: 0 };
  return contacts.map((contact) => ({ ...contact, position: next[contact.side]++ }));
}

export function createContract(
  db: DbClient,
  data: ContractContentData & {
    ordererOrganizationId: string;
    currency: "KRW" | "JPY";
    createdById: string;
    contacts: ContactData[];
    jointVentureMembers: JointVentureMemberData[];
  },
) {
  const { contacts, jointVentureMembers, ...contract } = data;
  return db.contract.create({
    data: { ...contract, contacts: { create: contactRows(contacts) }, jointVentureMembers: { create: jointVentureMembers } },
    select: { id: true, version: true, edition: true },
  });
}

/** Where a transition may apply: the orderer's contract (or either side's), in the status and version read. */
type Expected = { contractId: string; organizationId: string; side: ContractSide; status: ContractStatus; version: number };

function expectedWhere(expected: Expected): Prisma.ContractWhereInput {
  return {
    id: expected.contractId,
    ...(expected.side === "ORDERER" ? { ordererOrganizationId: expected.organizationId } : onContractorSide(expected.organizationId)),
    status: expected.status,
    version: expected.version,
  };
}

/**
 * Applies `data` and bumps the version only if the contract is still as read: of two clients racing from the same
 * version exactly one gets 1, the other 0. The row stays locked until the transaction ends.
 */
export async function updateContractIf(db: DbClient, expected: Expected, data: Prisma.ContractUpdateManyMutationInput): Promise<boolean> {
  const { count } = await db.contract.updateMany({ where: expectedWhere(expected), data: { ...data, version: { increment: 1 } } });
  return count === 1;
}

export async function replaceContacts(db: DbClient, contractId: string, contacts: ContactData[]): Promise<void> {
  await db.contractContact.deleteMany({ where: { contractId } });
  if (contacts.length > 0) await db.contractContact.createMany({ data: contactRows(contacts).map((row) => ({ ...row, contractId })) });
}

export async function replaceJointVentureMembers(db: DbClient, contractId: string, members: JointVentureMemberData[]): Promise<void> {
  await db.contractJointVentureMember.deleteMany({ where: { contractId } });
  if (members.length > 0) await db.contractJointVentureMember.createMany({ data: members.map((member) => ({ ...member, contractId })) });
}

export async function deleteDraft(db: DbClient, ordererOrganizationId: string, contractId: string): Promise<boolean> {
  const { count } = await db.contract.deleteMany({ where: { id: contractId, ordererOrganizationId, status: "DRAFT" } });
  return count === 1;
}

// ---- revisions and signatures -----------------------------------------------------------------------------------

const REVISION_INFO_SELECT = { edition: true, revision: true, size: true, sha256: true, createdAt: true } as const;

export function findLatestRevisionInfo(db: DbClient, contractId: string, edition: number) {
  return db.contractRevision.findFirst({ where: { contractId, edition }, orderBy: { revision: "desc" }, select: REVISION_INFO_SELECT });
}

/** A revision with its bytes; the latest of `edition` when no revision is given. */
export function findRevisionPdf(db: DbClient, contractId: string, edition: number, revision?: number) {
  return db.contractRevision.findFirst({
    where: { contractId, edition, ...(revision === undefined ? {} : { revision }) },
    orderBy: { revision: "desc" },
    select: { ...REVISION_INFO_SELECT, pdf: true },
  });
}

export function findRevisionBySha256(db: DbClient, contractId: string, sha256: string) {
  return db.contractRevision.findFirst({ where: { contractId, sha256 }, select: { edition: true, revision: true } });
}

export function createRevision(db: DbClient, data: { contractId: string; edition: number; revision: number; pdf: Uint8Array; sha256: string }) {
  return db.contractRevision.create({
    data: { ...data, pdf: new Uint8Array(data.pdf), size: data.pdf.byteLength },
    select: { id: true },
  });
}

export function findSignatureAt(db: DbClient, where: { contractId: string; edition: number; revision: number; organizationId: string }) {
  return db.contractSignature.findFirst({ where, select: { id: true } });
}

export function createSignature(
  db: DbClient,
  data: {
    contractId: string;
    edition: number;
    revision: number;
    side: ContractSide;
    fieldName: string;
    signerUserId: string;
    organizationId: string;
    certificateId: string;
    delegationId: string | null;
    signedAt: Date;
    timestampSerialHex: string;
  },
) {
  return db.contractSignature.create({ data, select: { id: true } });
}

/** The organisations that signed an edition: all signing needs to find whose turn it is. */
export async function listSignedOrganizationIds(db: DbClient, contractId: string, edition: number): Promise<string[]> {
  const rows = await db.contractSignature.findMany({ where: { contractId, edition }, select: { organizationId: true } });
  return rows.map((row) => row.organizationId);
}

/** The signatures over an edition, with who signed and with which certificate. */
export async function listSignatures(db: DbClient, contractId: string, edition: number) {
  const signatures = await db.contractSignature.findMany({
    where: { contractId, edition },
    orderBy: { revision: "asc" },
    select: {
      id: true,
      side: true,
      edition: true,
      revision: true,
      fieldName: true,
      signerUserId: true,
      organizationId: true,
      certificateId: true,
      delegationId: true,
      signedAt: true,
    },
  });
  if (signatures.length === 0) return [];
  const [users, certificates] = await Promise.all([
    db.user.findMany({ where: { id: { in: signatures.map((s) => s.signerUserId) } }, select: { id: true, name: true } }),
    db.certificate.findMany({ where: { id: { in: signatures.map((s) => s.certificateId) } }, select: { id: true, subjectDn: true } }),
  ]);
  return signatures.map((signature) => ({
    ...signature,
    signerName: users.find((user) => user.id === signature.signerUserId)?.name ?? "",
    certificateSubject: certificates.find((certificate) => certificate.id === signature.certificateId)?.subjectDn ?? "",
  }));
}

// ---- the timeline -------------------------------------------------------------------------------------------------

export function createEvent(
  db: DbClient,
  data: { contractId: string; kind: "CREATED" | "UPDATED" | "SENT" | "RETURNED" | "SIGNED" | "COMPLETED" | "CANCELLED"; edition: number; actorUserId: string; actorOrganizationId: string; reason?: string },
) {
  return db.contractEvent.create({ data, select: { id: true } });
}

/** The contract's own edits are left out when `isUpdatedHidden`; its documents' events are all listed (the service filters them). */
export async function listEvents(db: DbClient, contractId: string, options: { isUpdatedHidden: boolean }) {
  const events = await db.contractEvent.findMany({
    where: { contractId, ...(options.isUpdatedHidden ? { NOT: { kind: "UPDATED", documentId: null } } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      kind: true,
      edition: true,
      actorUserId: true,
      actorOrganizationId: true,
      reason: true,
      createdAt: true,
      document: { select: { id: true, kind: true, number: true } },
    },
  });
  const users = await db.user.findMany({ where: { id: { in: [...new Set(events.map((e) => e.actorUserId))] } }, select: { id: true, name: true } });
  return events.map((event) => ({ ...event, actorName: users.find((user) => user.id === event.actorUserId)?.name ?? "" }));
}

// ---- what the contractor was sent ---------------------------------------------------------------------------------

export const SENT_AUDIT_ACTION = "contracts.sent";

/**
 * The content as last sent, kept in the audit event of sending. While a returned contract is being revised the
 * orderer edits the row in place; the contractor keeps seeing what it was sent until the next edition arrives.
 */
export async function findSentContent(db: DbClient, contractId: string): Promise<unknown> {
  const event = await db.auditEvent.findFirst({
    where: { targetType: "Contract", targetId: contractId, action: SENT_AUDIT_ACTION },
    orderBy: { id: "desc" },
    select: { data: true },
  });
  return (event?.data as { content?: unknown } | null)?.content ?? null;
}

/** findSentContent for many contracts at once (a page of the list). */
export async function listSentContents(db: DbClient, contractIds: string[]): Promise<Map<string, unknown>> {
  const contents = new Map<string, unknown>();
  if (contractIds.length === 0) return contents;
  const events = await db.auditEvent.findMany({
    where: { targetType: "Contract", targetId: { in: contractIds }, action: SENT_AUDIT_ACTION },
    orderBy: { id: "asc" },
    select: { targetId: true, data: true },
  });
  // Oldest first, so the last one written per contract wins.
  for (const event of events) {
    if (event.targetId) contents.set(event.targetId, (event.data as { content?: unknown } | null)?.content ?? null);
  }
  return contents;
}
