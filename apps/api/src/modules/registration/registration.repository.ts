// The only Prisma calls of registration and its review. Organisation scoping is part of every applicant query;
// document bytes are selected only by the download queries.
import type { Country, OrganizationStatus } from "@pwp/shared/enums";
import type { ApplicantKind } from "@pwp/shared/registration";
import type { DbClient } from "../../db/database.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { afterPosition, type PagePosition } from "../../lib/page-cursor.ts";

const DOCUMENT_SELECT = { id: true, fileName: true, contentType: true, size: true, createdAt: true } as const;

const REVIEW_SELECT = {
  id: true,
  status: true,
  reason: true,
  createdAt: true,
  decidedById: true,
  decidedBy: { select: { name: true } },
} as const;

const APPLICATION_SELECT = {
  id: true,
  kind: true,
  country: true,
  registrationNumber: true,
  nameLocal: true,
  nameLatin: true,
  representativeName: true,
  address: true,
  contactName: true,
  contactEmail: true,
  contactPhone: true,
  status: true,
  createdAt: true,
  reviews: { select: REVIEW_SELECT, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
  documents: { select: DOCUMENT_SELECT, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} as const satisfies Prisma.OrganizationSelect;

export type ApplicationRecord = Prisma.OrganizationGetPayload<{ select: typeof APPLICATION_SELECT }>;

/** Operators' own organisation is never an application. */
const APPLICANT_ORGANIZATION = { kind: { not: "OPERATOR" } } as const satisfies Prisma.OrganizationWhereInput;

export function findApplication(db: DbClient, organizationId: string) {
  return db.organization.findFirst({ where: { id: organizationId, ...APPLICANT_ORGANIZATION }, select: APPLICATION_SELECT });
}

/** The first user: the representative who applied (the oldest user of the organisation). */
export function findApplicant(db: DbClient, organizationId: string) {
  return db.user.findFirst({
    where: { organizationId, role: "REPRESENTATIVE" },
    select: { name: true, email: true, loginId: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

export function findDocumentContent(db: DbClient, organizationId: string, documentId: string) {
  return db.registrationDocument.findFirst({
    where: { id: documentId, organizationId, organization: APPLICANT_ORGANIZATION },
    select: { fileName: true, contentType: true, size: true, content: true },
  });
}

export function countDocuments(db: DbClient, organizationId: string): Promise<number> {
  return db.registrationDocument.count({ where: { organizationId } });
}

export function findOrganizationStatus(db: DbClient, organizationId: string) {
  return db.organization.findFirst({ where: { id: organizationId, ...APPLICANT_ORGANIZATION }, select: { id: true, status: true } });
}

export async function isRegistrationNumberTaken(db: DbClient, registrationNumber: string): Promise<boolean> {
  return (await db.organization.count({ where: { registrationNumber } })) > 0;
}

export async function isEmailTaken(db: DbClient, email: string): Promise<boolean> {
  return (await db.user.count({ where: { email } })) > 0;
}

export interface NewApplication {
  kind: ApplicantKind;
  country: Country;
  registrationNumber: string;
  nameLocal: string;
  nameLatin: string;
  representativeName: string;
  address: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

export async function createPendingOrganization(db: DbClient, application: NewApplication): Promise<{ id: string }> {
  return db.organization.create({ data: { ...application, status: "PENDING" }, select: { id: true } });
}

export async function createRepresentative(
  db: DbClient,
  user: { organizationId: string; name: string; loginId: string; email: string; passwordHash: string },
): Promise<{ id: string }> {
  return db.user.create({ data: { ...user, role: "REPRESENTATIVE" }, select: { id: true } });
}

export interface NewDocument {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  content: Uint8Array<ArrayBuffer>;
}

export async function createDocuments(
  db: DbClient,
  organizationId: string,
  uploadedById: string,
  documents: readonly NewDocument[],
): Promise<string[]> {
  const ids: string[] = [];
  // One by one, in order, so their createdAt order is the order the applicant listed them in.
  for (const document of documents) {
    const created = await db.registrationDocument.create({
      data: { ...document, organizationId, uploadedById },
      select: { id: true },
    });
    ids.push(created.id);
  }
  return ids;
}

export async function createReview(
  db: DbClient,
  review: { organizationId: string; status: OrganizationStatus; reason: string; decidedById: string | null },
): Promise<{ id: string }> {
  return db.registrationReview.create({ data: review, select: { id: true } });
}

/**
 * Moves the application only if it is still in `from`: the row is updated (and locked) by the same statement that
 * checks its status, so of two concurrent changes exactly one wins. Returns whether this call changed it.
 */
export async function transitionStatus(
  db: DbClient,
  organizationId: string,
  from: OrganizationStatus,
  to: OrganizationStatus,
): Promise<boolean> {
  const { count } = await db.organization.updateMany({ where: { id: organizationId, status: from }, data: { status: to } });
  return count === 1;
}

/** Accepts an open, unexpired counterparty invitation once; false when there is none to accept. */
export async function acceptCounterpartyInvitation(db: DbClient, tokenHash: string, at: Date): Promise<{ id: string } | null> {
  const invitation = await db.counterparty.findFirst({
    where: { invitationTokenHash: tokenHash, invitationAcceptedAt: null, invitationExpiresAt: { gt: at } },
    select: { id: true },
  });
  if (!invitation) return null;
  const { count } = await db.counterparty.updateMany({
    where: { id: invitation.id, invitationAcceptedAt: null },
    data: { invitationAcceptedAt: at },
  });
  return count === 1 ? invitation : null;
}

/** Points every member's counterparty entry for this (country, number) at the organisation just approved. */
export async function linkCounterparties(
  db: DbClient,
  organizationId: string,
  country: Country,
  registrationNumber: string,
): Promise<number> {
  const { count } = await db.counterparty.updateMany({
    where: { country, registrationNumber, organizationId: null },
    data: { organizationId },
  });
  return count;
}

export interface ApplicationListFilter {
  status: OrganizationStatus | undefined;
  kind: ApplicantKind | undefined;
  country: Country | undefined;
}

function listWhere(filter: ApplicationListFilter): Prisma.OrganizationWhereInput {
  return {
    ...APPLICANT_ORGANIZATION,
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.country ? { country: filter.country } : {}),
  };
}

/** Oldest first, keyset-paginated on (createdAt, id). */
export function listApplications(db: DbClient, filter: ApplicationListFilter, cursor: PagePosition | undefined, take: number) {
  return db.organization.findMany({
    where: { AND: [listWhere(filter), afterPosition(cursor)] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
    select: {
      id: true,
      kind: true,
      country: true,
      registrationNumber: true,
      nameLocal: true,
      nameLatin: true,
      status: true,
      createdAt: true,
      reviews: { select: { createdAt: true }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1 },
      _count: { select: { documents: true } },
    },
  });
}

export function countApplications(db: DbClient, filter: ApplicationListFilter): Promise<number> {
  return db.organization.count({ where: listWhere(filter) });
}
