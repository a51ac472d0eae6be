// The only Prisma calls of the documents that follow a contract. A document is reached through its contract, and
// every query that finds one carries the caller's organisation as the contract's orderer, contractor or joint-venture
// firm in its where clause, so another organisation's ids match nothing. PDF bytes are selected only by the functions that need them.
import type { ContractDocumentKind, ContractDocumentStatus } from "@pwp/shared/contract-documents";
import type { ContractSide } from "@pwp/shared/contracts";
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

const CONTRACT_SELECT = {
  id: true,
  contractNumber: true,
  title: true,
  status: true,
  amount: true,
  currency: true,
  contractDate: true,
  worksStartDate: true,
  worksEndDate: true,
  ordererOrganizationId: true,
  contractorOrganizationId: true,
  ordererOrganization: { select: PARTY_SELECT },
  contractorOrganization: { select: PARTY_SELECT },
} as const satisfies Prisma.ContractSelect;

export type DocumentContractRow = Prisma.ContractGetPayload<{ select: typeof CONTRACT_SELECT }>;

/** A party of the contract: its orderer, or once sent its contractor or any firm of its joint venture. */
const partyOf = (organizationId: string): Prisma.ContractWhereInput => ({
  OR: [
    { ordererOrganizationId: organizationId },
    { contractorOrganizationId: organizationId, status: { not: "DRAFT" } },
    { jointVentureMembers: { some: { organizationId } }, status: { not: "DRAFT" } },
  ],
});

/** The contract, if the caller's organisation is one of its parties. */
export function findContract(db: DbClient, organizationId: string, contractId: string) {
  return db.contract.findFirst({ where: { id: contractId, ...partyOf(organizationId) }, select: CONTRACT_SELECT });
}

const DOCUMENT_SELECT = {
  id: true,
  contractId: true,
  kind: true,
  number: true,
  status: true,
  content: true,
  amount: true,
  version: true,
  edition: true,
  createdAt: true,
  updatedAt: true,
  sentAt: true,
  completedAt: true,
  cancelledAt: true,
} as const satisfies Prisma.ContractDocumentSelect;

export type DocumentRow = Prisma.ContractDocumentGetPayload<{ select: typeof DOCUMENT_SELECT }>;

/** The document with its contract, if the caller's organisation is a party of that contract. */
export function findDocument(db: DbClient, organizationId: string, documentId: string) {
  return db.contractDocument.findFirst({
    where: { id: documentId, contract: partyOf(organizationId) },
    select: { ...DOCUMENT_SELECT, contract: { select: CONTRACT_SELECT } },
  });
}

export type DocumentWithContractRow = NonNullable<Awaited<ReturnType<typeof findDocument>>>;

/** Every document of a contract, oldest first, with how many signatures its current edition has. */
export async function listDocuments(db: DbClient, contractId: string) {
  const documents = await db.contractDocument.findMany({ where: { contractId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: DOCUMENT_SELECT });
  const counts = await signatureCounts(db, documents);
  return documents.map((document) => ({ ...document, signedCount: counts.get(document.id) ?? 0 }));
}

export type ListedDocumentRow = Awaited<ReturnType<typeof listDocuments>>[number];

async function signatureCounts(db: DbClient, documents: { id: string; edition: number }[]): Promise<Map<string, number>> {
  const sent = documents.filter((document) => document.edition > 0);
  if (sent.length === 0) return new Map();
  const groups = await db.contractDocumentSignature.groupBy({
    by: ["documentId", "edition"],
    where: { documentId: { in: sent.map((document) => document.id) } },
    _count: { _all: true },
  });
  const editionOf = new Map(sent.map((document) => [document.id, document.edition]));
  return new Map(groups.filter((group) => editionOf.get(group.documentId) === group.edition).map((group) => [group.documentId, group._count._all]));
}

export async function countSignatures(db: DbClient, documentId: string, edition: number): Promise<number> {
  return edition > 0 ? db.contractDocumentSignature.count({ where: { documentId, edition } }) : 0;
}

export async function nextNumber(db: DbClient, contractId: string, kind: ContractDocumentKind): Promise<number> {
  const last = await db.contractDocument.findFirst({ where: { contractId, kind }, orderBy: { number: "desc" }, select: { number: true } });
  return (last?.number ?? 0) + 1;
}

export function createDocument(
  db: DbClient,
  data: { contractId: string; kind: ContractDocumentKind; number: number; content: Prisma.InputJsonObject; amount: bigint | null; createdById: string },
) {
  return db.contractDocument.create({ data, select: { id: true } });
}

type Expected = { documentId: string; status: ContractDocumentStatus; version: number };

/** Updates the document only if it is still as read (status and version): the race's loser matches nothing. */
export async function updateDocumentIf(db: DbClient, expected: Expected, data: Prisma.ContractDocumentUpdateManyMutationInput): Promise<boolean> {
  const { count } = await db.contractDocument.updateMany({
    where: { id: expected.documentId, status: expected.status, version: expected.version },
    data: { ...data, version: { increment: 1 } },
  });
  return count === 1;
}

export async function deleteDraft(db: DbClient, expected: Expected): Promise<boolean> {
  const { count } = await db.contractDocument.deleteMany({ where: { id: expected.documentId, status: "DRAFT", version: expected.version, edition: 0 } });
  return count === 1;
}

export function findLatestRevisionInfo(db: DbClient, documentId: string, edition: number) {
  return db.contractDocumentRevision.findFirst({
    where: { documentId, edition },
    orderBy: { revision: "desc" },
    select: { edition: true, revision: true, size: true, sha256: true, createdAt: true },
  });
}

export function findRevisionPdf(db: DbClient, documentId: string, edition: number, revision?: number) {
  return db.contractDocumentRevision.findFirst({
    where: { documentId, edition, ...(revision !== undefined ? { revision } : {}) },
    orderBy: { revision: "desc" },
    select: { edition: true, revision: true, pdf: true, sha256: true },
  });
}

export function findRevisionBySha256(db: DbClient, documentId: string, sha256: string) {
  return db.contractDocumentRevision.findFirst({ where: { documentId, sha256 }, select: { edition: true, revision: true } });
}

export function createRevision(db: DbClient, data: { documentId: string; edition: number; revision: number; pdf: Uint8Array; sha256: string }) {
  return db.contractDocumentRevision.create({
    data: { ...data, pdf: new Uint8Array(data.pdf), size: data.pdf.byteLength },
    select: { id: true },
  });
}

export function findSignatureAt(db: DbClient, where: { documentId: string; edition: number; revision: number; organizationId: string }) {
  return db.contractDocumentSignature.findFirst({ where, select: { id: true } });
}

export function createSignature(
  db: DbClient,
  data: {
    documentId: string;
    edition: number;
    revision: number;
    position: number;
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
  return db.contractDocumentSignature.create({ data, select: { id: true } });
}

export async function listSignatures(db: DbClient, documentId: string, edition: number) {
  const signatures = await db.contractDocumentSignature.findMany({
    where: { documentId, edition },
    orderBy: { position: "asc" },
    select: { id: true, position: true, side: true, fieldName: true, signerUserId: true, organizationId: true, delegationId: true, signedAt: true },
  });
  const userIds = [...new Set(signatures.map((signature) => signature.signerUserId))];
  const users = userIds.length > 0 ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const nameById = new Map(users.map((user) => [user.id, user.name]));
  return signatures.map((signature) => ({ ...signature, signerName: nameById.get(signature.signerUserId) ?? "" }));
}

/** A timeline event of the document, on its contract's timeline. */
export function createEvent(
  db: DbClient,
  data: {
    contractId: string;
    documentId: string;
    kind: "CREATED" | "UPDATED" | "SENT" | "RETURNED" | "SIGNED" | "COMPLETED" | "CANCELLED";
    edition: number;
    actorUserId: string;
    actorOrganizationId: string;
    reason?: string;
  },
) {
  return db.contractEvent.create({ data, select: { id: true } });
}

/** The platform guarantees issued for this contract and still in force (the ones a change contract can outgrow). */
export function listIssuedGuarantees(db: DbClient, contractId: string) {
  return db.guarantee.findMany({
    where: { contractId, origin: "PLATFORM", status: "ISSUED", guaranteeNumber: { not: null } },
    orderBy: [{ issuedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      kind: true,
      guaranteeNumber: true,
      contractAmount: true,
      guaranteeAmount: true,
      worksEndDate: true,
      guaranteeEndDate: true,
      version: true,
      changeRequest: true,
    },
  });
}
