// The only Prisma calls of counterparties. Every query on a counterparty or its contacts is scoped to the owner
// organisation in its where clause, so another organisation's ids simply match nothing.
import type { DbClient } from "../../db/database.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { CounterpartyKind } from "@pwp/shared/counterparties";
import type { Country } from "@pwp/shared/enums";

const CONTACT_SELECT = {
  id: true,
  name: true,
  department: true,
  phone: true,
  email: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.CounterpartyContactSelect;

const SUMMARY_SELECT = {
  id: true,
  organizationId: true,
  kind: true,
  country: true,
  registrationNumber: true,
  name: true,
  invitationEmail: true,
  invitationExpiresAt: true,
  invitationAcceptedAt: true,
  createdAt: true,
  _count: { select: { contacts: true } },
} as const satisfies Prisma.CounterpartySelect;

const DETAIL_SELECT = {
  ...SUMMARY_SELECT,
  contacts: { select: CONTACT_SELECT, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} as const satisfies Prisma.CounterpartySelect;

export type CounterpartySummaryRow = Prisma.CounterpartyGetPayload<{ select: typeof SUMMARY_SELECT }>;
export type CounterpartyDetailRow = Prisma.CounterpartyGetPayload<{ select: typeof DETAIL_SELECT }>;
export type CounterpartyContactRow = Prisma.CounterpartyContactGetPayload<{ select: typeof CONTACT_SELECT }>;

/** Postgres LIKE treats % and _ as wildcards; a member searching "50%" means the characters. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

// ---- platform organisations -------------------------------------------------------------------------------------

/** Approved, non-operator organisations other than the caller's; identity fields only, never contact data. */
export function searchApprovedOrganizations(
  db: DbClient,
  options: { excludeOrganizationId: string; text: string; numberPrefix: string | null; limit: number },
) {
  const pattern = escapeLike(options.text);
  const matches: Prisma.OrganizationWhereInput[] = [
    { nameLocal: { contains: pattern, mode: "insensitive" } },
    { nameLatin: { contains: pattern, mode: "insensitive" } },
  ];
  if (options.numberPrefix) matches.push({ registrationNumber: { startsWith: options.numberPrefix } });
  return db.organization.findMany({
    where: {
      status: "APPROVED",
      kind: { not: "OPERATOR" },
      id: { not: options.excludeOrganizationId },
      OR: matches,
    },
    select: { id: true, kind: true, country: true, registrationNumber: true, nameLocal: true, nameLatin: true },
    orderBy: [{ nameLocal: "asc" }, { id: "asc" }],
    take: options.limit,
  });
}

/** An organisation that can become a counterparty: approved and not an operator. */
export function findApprovedOrganizationById(db: DbClient, id: string) {
  return db.organization.findFirst({
    where: { id, status: "APPROVED", kind: { not: "OPERATOR" } },
    select: { id: true, kind: true, country: true, registrationNumber: true, nameLocal: true },
  });
}

export function findApprovedOrganizationByNumber(db: DbClient, registrationNumber: string) {
  return db.organization.findFirst({
    where: { registrationNumber, status: "APPROVED", kind: { not: "OPERATOR" } },
    select: { id: true, kind: true, country: true, registrationNumber: true, nameLocal: true },
  });
}

export async function findOrganizationRegistrationNumber(db: DbClient, id: string): Promise<string | null> {
  const organization = await db.organization.findUnique({ where: { id }, select: { registrationNumber: true } });
  return organization?.registrationNumber ?? null;
}

// ---- counterparties ---------------------------------------------------------------------------------------------

/** Which of these registration numbers the owner already keeps as counterparties. */
export async function findOwnedRegistrationNumbers(
  db: DbClient,
  ownerOrganizationId: string,
  registrationNumbers: readonly string[],
): Promise<Set<string>> {
  if (registrationNumbers.length === 0) return new Set();
  const rows = await db.counterparty.findMany({
    where: { ownerOrganizationId, registrationNumber: { in: [...registrationNumbers] } },
    select: { registrationNumber: true },
  });
  return new Set(rows.map((row) => row.registrationNumber));
}

export async function existsByRegistrationNumber(db: DbClient, ownerOrganizationId: string, registrationNumber: string): Promise<boolean> {
  const row = await db.counterparty.findFirst({ where: { ownerOrganizationId, registrationNumber }, select: { id: true } });
  return row !== null;
}

/** One page in name order, then id, starting after the (name, id) of the cursor. */
export function listCounterparties(
  db: DbClient,
  options: { ownerOrganizationId: string; text: string | null; numberPrefix: string | null; after: { name: string; id: string } | null; take: number },
) {
  const filters: Prisma.CounterpartyWhereInput[] = [{ ownerOrganizationId: options.ownerOrganizationId }];
  if (options.text) {
    const matches: Prisma.CounterpartyWhereInput[] = [{ name: { contains: escapeLike(options.text), mode: "insensitive" } }];
    if (options.numberPrefix) matches.push({ registrationNumber: { startsWith: options.numberPrefix } });
    filters.push({ OR: matches });
  }
  if (options.after) {
    filters.push({ OR: [{ name: { gt: options.after.name } }, { name: options.after.name, id: { gt: options.after.id } }] });
  }
  return db.counterparty.findMany({
    where: { AND: filters },
    select: SUMMARY_SELECT,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: options.take,
  });
}

export function findCounterparty(db: DbClient, ownerOrganizationId: string, id: string) {
  return db.counterparty.findFirst({ where: { id, ownerOrganizationId }, select: DETAIL_SELECT });
}

export interface NewCounterparty {
  ownerOrganizationId: string;
  organizationId: string | null;
  kind: CounterpartyKind;
  country: Country;
  registrationNumber: string;
  name: string;
  createdById: string;
  invitation: { email: string; tokenHash: string; expiresAt: Date } | null;
  contact: { name: string; department: string; phone: string; email: string } | null;
}

export function createCounterparty(db: DbClient, counterparty: NewCounterparty) {
  return db.counterparty.create({
    data: {
      ownerOrganizationId: counterparty.ownerOrganizationId,
      organizationId: counterparty.organizationId,
      kind: counterparty.kind,
      country: counterparty.country,
      registrationNumber: counterparty.registrationNumber,
      name: counterparty.name,
      createdById: counterparty.createdById,
      invitationEmail: counterparty.invitation?.email ?? null,
      invitationTokenHash: counterparty.invitation?.tokenHash ?? null,
      invitationExpiresAt: counterparty.invitation?.expiresAt ?? null,
      ...(counterparty.contact ? { contacts: { create: counterparty.contact } } : {}),
    },
    select: DETAIL_SELECT,
  });
}

/** Updates the owner's counterparty; false when there is none with this id for this owner. */
export async function updateCounterparty(
  db: DbClient,
  ownerOrganizationId: string,
  id: string,
  data: { name?: string; invitationEmail?: string },
): Promise<boolean> {
  const { count } = await db.counterparty.updateMany({ where: { id, ownerOrganizationId }, data });
  return count === 1;
}

/**
 * Replaces the invitation token of a counterparty that is still off the platform with no accepted invitation;
 * false when there is none (the old hash is overwritten, so the old link stops working at once).
 */
export async function replaceInvitationToken(
  db: DbClient,
  ownerOrganizationId: string,
  id: string,
  invitation: { tokenHash: string; expiresAt: Date },
): Promise<boolean> {
  const { count } = await db.counterparty.updateMany({
    where: { id, ownerOrganizationId, organizationId: null, invitationAcceptedAt: null },
    data: { invitationTokenHash: invitation.tokenHash, invitationExpiresAt: invitation.expiresAt },
  });
  return count === 1;
}

/** Deletes the owner's counterparty with its contacts (cascade); false when there is none. */
export async function deleteCounterparty(db: DbClient, ownerOrganizationId: string, id: string): Promise<boolean> {
  const { count } = await db.counterparty.deleteMany({ where: { id, ownerOrganizationId } });
  return count === 1;
}

/** An open invitation: not accepted, not expired, the counterparty not on the platform yet. */
export function findOpenInvitation(db: DbClient, tokenHash: string, now: Date) {
  return db.counterparty.findFirst({
    where: { invitationTokenHash: tokenHash, invitationAcceptedAt: null, invitationExpiresAt: { gt: now }, organizationId: null },
    select: {
      kind: true,
      country: true,
      registrationNumber: true,
      name: true,
      invitationEmail: true,
      contacts: { select: { name: true, email: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      ownerOrganization: { select: { nameLocal: true, nameLatin: true } },
    },
  });
}

// ---- contacts ---------------------------------------------------------------------------------------------------

export function countContacts(db: DbClient, counterpartyId: string) {
  return db.counterpartyContact.count({ where: { counterpartyId } });
}

export function createContact(
  db: DbClient,
  counterpartyId: string,
  contact: { name: string; department: string; phone: string; email: string },
) {
  return db.counterpartyContact.create({ data: { counterpartyId, ...contact }, select: CONTACT_SELECT });
}

const ownedContact = (ownerOrganizationId: string, counterpartyId: string, contactId: string) =>
  ({ id: contactId, counterpartyId, counterparty: { ownerOrganizationId } }) satisfies Prisma.CounterpartyContactWhereInput;

export function findContact(db: DbClient, ownerOrganizationId: string, counterpartyId: string, contactId: string) {
  return db.counterpartyContact.findFirst({ where: ownedContact(ownerOrganizationId, counterpartyId, contactId), select: CONTACT_SELECT });
}

export async function updateContact(
  db: DbClient,
  ownerOrganizationId: string,
  counterpartyId: string,
  contactId: string,
  data: { name?: string; department?: string; phone?: string; email?: string },
): Promise<boolean> {
  const { count } = await db.counterpartyContact.updateMany({ where: ownedContact(ownerOrganizationId, counterpartyId, contactId), data });
  return count === 1;
}

export async function deleteContact(db: DbClient, ownerOrganizationId: string, counterpartyId: string, contactId: string): Promise<boolean> {
  const { count } = await db.counterpartyContact.deleteMany({ where: ownedContact(ownerOrganizationId, counterpartyId, contactId) });
  return count === 1;
}
