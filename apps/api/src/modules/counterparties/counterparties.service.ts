// The rules of a member's counterparty list (거래처 관리): adding platform organisations, registering and inviting
// ones not on the platform yet, their contacts, and the public preview of an invitation. Every state change runs
// in one transaction with its audit event.
import { createHash, randomBytes } from "node:crypto";
import {
  CONTACTS_PER_COUNTERPARTY_MAX,
  COUNTERPARTY_INVITATION_TTL_DAYS,
  isValidContactEmail,
  isValidContactPhone,
  type CounterpartyContact,
  type CounterpartyDetail,
  type CounterpartyInvitationPreview,
  type CounterpartyListQuery,
  type CounterpartyListResponse,
  type CounterpartySummary,
  type CreateCounterpartyContactBody,
  type CreateCounterpartyResponse,
  type OrganizationSearchQuery,
  type OrganizationSearchResponse,
  type ReissueCounterpartyInvitationResponse,
  type UpdateCounterpartyBody,
  type UpdateCounterpartyContactBody,
} from "@pwp/shared/counterparties";
import type { Country } from "@pwp/shared/enums";
import type { FieldError } from "@pwp/shared/error-codes";
import { isValidRegistrationNumber, normalizeRegistrationNumber } from "@pwp/shared/registration-number";
import type { Config } from "../../config.ts";
import type { PrismaClient } from "../../db/database.ts";
import { AppError } from "../../lib/app-error.ts";
import { recordAuditEvent } from "../../lib/audit.ts";
import * as repository from "./counterparties.repository.ts";
import type { Actor } from "../../lib/actor.ts";
import { decodeCursor, encodeCursor } from "../../lib/page-cursor.ts";


/** The POST /api/counterparties body as validated by the route schema: the service decides which shape it is. */
export interface CreateCounterpartyInput {
  organizationId?: string | undefined;
  kind?: CounterpartySummary["kind"] | undefined;
  country?: Country | undefined;
  registrationNumber?: string | undefined;
  name?: string | undefined;
  contact?: { name: string; department?: string | undefined; phone?: string | undefined; email: string } | undefined;
}

interface Dependencies {
  prisma: PrismaClient;
  config: Pick<Config, "publicUrl">;
  now?: () => Date;
}

const NOT_FOUND_MESSAGE = "There is no such counterparty in your organisation's list.";
const CONTACT_NOT_FOUND_MESSAGE = "There is no such contact for this counterparty.";
const INVITATION_NOT_FOUND_MESSAGE = "This invitation link is not valid: it may have expired, been replaced by a newer link, or been used already.";

const REGISTRATION_NUMBER_RULES: Record<Country, { digits: number; label: string }> = {
  KR: { digits: 10, label: "Korean business registration number (사업자등록번호)" },
  JP: { digits: 13, label: "Japanese corporate number (法人番号)" },
};

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

function validationError(fields: FieldError[]): AppError {
  const summary = fields.map((field) => `${field.field} ${field.message}`).join("; ");
  return new AppError("VALIDATION_FAILED", `Invalid request: ${summary}`, { fields });
}

/** Digits only, when the search text is a (partial) registration number written with or without hyphens. */
function readNumberPrefix(text: string): string | null {
  const digits = normalizeRegistrationNumber(text);
  return /^\d{2,}$/.test(digits) ? digits : null;
}

// ---- cursors ----------------------------------------------------------------------------------------------------

const toNamePosition = ({ key, id }: { key: string; id: string }) => ({ name: key, id });

// ---- response shapes --------------------------------------------------------------------------------------------

function toSummary(row: repository.CounterpartySummaryRow): CounterpartySummary {
  return {
    id: row.id,
    organizationId: row.organizationId,
    kind: row.kind as CounterpartySummary["kind"],
    country: row.country,
    registrationNumber: row.registrationNumber,
    name: row.name,
    isOnPlatform: row.organizationId !== null,
    invitation:
      row.invitationEmail !== null && row.invitationExpiresAt !== null
        ? {
            email: row.invitationEmail,
            expiresAt: row.invitationExpiresAt.toISOString(),
            acceptedAt: row.invitationAcceptedAt?.toISOString() ?? null,
          }
        : null,
    contactCount: row._count.contacts,
    createdAt: row.createdAt.toISOString(),
  };
}

function toContact(row: repository.CounterpartyContactRow): CounterpartyContact {
  return {
    id: row.id,
    name: row.name,
    department: row.department,
    phone: row.phone,
    email: row.email,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toDetail(row: repository.CounterpartyDetailRow): CounterpartyDetail {
  return { ...toSummary(row), contacts: row.contacts.map(toContact) };
}

// ---- input checks -----------------------------------------------------------------------------------------------

type ContactValues = { name: string; department: string; phone: string; email: string };

/**
 * Trims and checks contact fields. `prefix` is where they sit in the request ("body" or "body.contact");
 * `isPartial` for an update, where absent fields are left alone.
 */
function readContactFields(
  input: { name?: string | undefined; department?: string | undefined; phone?: string | undefined; email?: string | undefined },
  prefix: string,
  options: { isPartial: boolean; isEmailRequired: boolean },
): { values: Partial<ContactValues>; errors: FieldError[] } {
  const values: Partial<ContactValues> = {};
  const errors: FieldError[] = [];
  if (input.name !== undefined || !options.isPartial) {
    const name = (input.name ?? "").trim();
    if (name === "") errors.push({ field: `${prefix}.name`, message: "is required: enter the contact's name" });
    values.name = name;
  }
  if (input.department !== undefined) values.department = input.department.trim();
  else if (!options.isPartial) values.department = "";
  if (input.phone !== undefined || !options.isPartial) {
    const phone = (input.phone ?? "").trim();
    if (phone !== "" && !isValidContactPhone(phone)) {
      errors.push({ field: `${prefix}.phone`, message: "may contain only digits, spaces, +, - and parentheses (at most 30 characters)" });
    }
    values.phone = phone;
  }
  if (input.email !== undefined || !options.isPartial) {
    const email = (input.email ?? "").trim();
    if (email === "" && options.isEmailRequired) {
      errors.push({ field: `${prefix}.email`, message: "is required: the invitation is sent to this address" });
    } else if (email !== "" && !isValidContactEmail(email)) {
      errors.push({ field: `${prefix}.email`, message: "is not a valid e-mail address (like name@example.com)" });
    }
    values.email = email;
  }
  return { values, errors };
}

function checkRegistrationNumber(country: Country, input: string): { digits: string; error: FieldError | null } {
  const digits = normalizeRegistrationNumber(input.trim());
  const rule = REGISTRATION_NUMBER_RULES[country];
  const field = "body.registrationNumber";
  if (!/^\d+$/.test(digits) || digits.length !== rule.digits) {
    return { digits, error: { field, message: `must be a ${rule.label} of ${rule.digits} digits (hyphens are optional)` } };
  }
  if (!isValidRegistrationNumber(country, digits)) {
    return {
      digits,
      error: { field, message: `is not a valid ${rule.label}: its check digit does not match. Check the number for a typo` },
    };
  }
  return { digits, error: null };
}

export function createCounterpartiesService({ prisma, config, now = () => new Date() }: Dependencies) {
  const target = (id: string) => ({ type: "Counterparty", id });

  function newInvitation() {
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(now().getTime() + COUNTERPARTY_INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);
    // The registration form (another module) reads ?invitation= and previews it through the public route below.
    const url = `${config.publicUrl}/register?invitation=${encodeURIComponent(token)}`;
    return { token, tokenHash: hashToken(token), expiresAt, url };
  }

  async function requireCounterparty(actor: Actor, id: string) {
    const row = await repository.findCounterparty(prisma, actor.organizationId, id);
    if (!row) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
    return row;
  }

  async function searchOrganizations(actor: Actor, query: OrganizationSearchQuery): Promise<OrganizationSearchResponse> {
    const text = query.q.trim();
    if (text.length < 2) {
      throw validationError([{ field: "querystring.q", message: "must have at least 2 characters besides spaces" }]);
    }
    const rows = await repository.searchApprovedOrganizations(prisma, {
      excludeOrganizationId: actor.organizationId,
      text,
      numberPrefix: readNumberPrefix(text),
      limit: query.limit ?? 10,
    });
    const owned = await repository.findOwnedRegistrationNumbers(
      prisma,
      actor.organizationId,
      rows.map((row) => row.registrationNumber),
    );
    return {
      items: rows.map((row) => ({
        id: row.id,
        kind: row.kind as CounterpartySummary["kind"],
        country: row.country,
        registrationNumber: row.registrationNumber,
        nameLocal: row.nameLocal,
        nameLatin: row.nameLatin,
        isCounterparty: owned.has(row.registrationNumber),
      })),
    };
  }

  async function listCounterparties(actor: Actor, query: CounterpartyListQuery): Promise<CounterpartyListResponse> {
    const limit = query.limit ?? 20;
    const text = query.q?.trim() ?? "";
    const rows = await repository.listCounterparties(prisma, {
      ownerOrganizationId: actor.organizationId,
      text: text === "" ? null : text,
      numberPrefix: readNumberPrefix(text),
      after: query.cursor ? toNamePosition(decodeCursor(query.cursor)) : null,
      // One more than asked tells whether there is a next page without counting.
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(toSummary), nextCursor: rows.length > limit && last ? encodeCursor(last.name, last.id) : null };
  }

  async function getCounterparty(actor: Actor, id: string): Promise<CounterpartyDetail> {
    return toDetail(await requireCounterparty(actor, id));
  }

  /** Inserts the counterparty; a concurrent insert of the same number surfaces as the same 409 as the pre-check. */
  async function insertCounterparty(
    actor: Actor,
    counterparty: repository.NewCounterparty,
    duplicateField: string,
    audit: { action: string; data: Record<string, string | boolean | null> },
  ) {
    const duplicate = () =>
      new AppError("CONFLICT", "This organisation is already in your counterparty list.", {
        fields: [{ field: duplicateField, message: "is already in your counterparty list" }],
      });
    if (await repository.existsByRegistrationNumber(prisma, actor.organizationId, counterparty.registrationNumber)) throw duplicate();
    try {
      return await prisma.$transaction(async (tx) => {
        const row = await repository.createCounterparty(tx, counterparty);
        await recordAuditEvent(tx, {
          action: audit.action,
          actor,
          target: target(row.id),
          ipAddress: actor.ipAddress,
          data: { registrationNumber: row.registrationNumber, country: row.country, kind: row.kind, ...audit.data },
        });
        return row;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicate();
      throw error;
    }
  }

  async function addPlatformOrganization(actor: Actor, organizationId: string): Promise<CreateCounterpartyResponse> {
    if (organizationId === actor.organizationId) {
      throw validationError([{ field: "body.organizationId", message: "is your own organisation, which cannot be its own counterparty" }]);
    }
    // Pending, rejected and operator organisations answer like unknown ids: the search never shows them either.
    const organization = await repository.findApprovedOrganizationById(prisma, organizationId);
    if (!organization) throw new AppError("NOT_FOUND", "There is no approved organisation with this id on the platform.");
    const row = await insertCounterparty(
      actor,
      {
        ownerOrganizationId: actor.organizationId,
        organizationId: organization.id,
        kind: organization.kind as CounterpartySummary["kind"],
        country: organization.country,
        registrationNumber: organization.registrationNumber,
        name: organization.nameLocal,
        createdById: actor.userId,
        invitation: null,
        contact: null,
      },
      "body.organizationId",
      { action: "counterparty.added", data: { organizationId: organization.id } },
    );
    return toDetail(row);
  }

  async function registerUnlistedOrganization(actor: Actor, input: CreateCounterpartyInput): Promise<CreateCounterpartyResponse> {
    const errors: FieldError[] = [];
    const required = (field: keyof CreateCounterpartyInput, message: string) => {
      if (input[field] === undefined) errors.push({ field: `body.${field}`, message });
    };
    required("kind", "is required: the type of organisation (orderer, contractor or surety)");
    required("country", "is required (KR or JP)");
    required("registrationNumber", "is required");
    required("name", "is required");
    required("contact", "is required: the person who receives the invitation");
    const name = input.name?.trim() ?? "";
    if (input.name !== undefined && name === "") errors.push({ field: "body.name", message: "is required: enter the organisation's name" });
    const number = input.country && input.registrationNumber !== undefined ? checkRegistrationNumber(input.country, input.registrationNumber) : null;
    if (number?.error) errors.push(number.error);
    const contact = input.contact ? readContactFields(input.contact, "body.contact", { isPartial: false, isEmailRequired: true }) : null;
    if (contact) errors.push(...contact.errors);
    if (errors.length > 0 || !input.kind || !input.country || !number || !contact) throw validationError(errors);
    const contactValues = contact.values as ContactValues;

    const registrationNumber = number.digits;
    if ((await repository.findOrganizationRegistrationNumber(prisma, actor.organizationId)) === registrationNumber) {
      throw validationError([{ field: "body.registrationNumber", message: "is your own organisation's number" }]);
    }

    // Already an approved member: link to it rather than invite it a second time. Its own record decides the
    // kind, country and name; the contact the member typed is still kept.
    const member = await repository.findApprovedOrganizationByNumber(prisma, registrationNumber);
    if (member) {
      const row = await insertCounterparty(
        actor,
        {
          ownerOrganizationId: actor.organizationId,
          organizationId: member.id,
          kind: member.kind as CounterpartySummary["kind"],
          country: member.country,
          registrationNumber,
          name: member.nameLocal,
          createdById: actor.userId,
          invitation: null,
          contact: contactValues,
        },
        "body.registrationNumber",
        { action: "counterparty.added", data: { organizationId: member.id, linkedByNumber: true } },
      );
      return toDetail(row);
    }

    const invitation = newInvitation();
    const row = await insertCounterparty(
      actor,
      {
        ownerOrganizationId: actor.organizationId,
        organizationId: null,
        kind: input.kind,
        country: input.country,
        registrationNumber,
        name,
        createdById: actor.userId,
        invitation: { email: contactValues.email, tokenHash: invitation.tokenHash, expiresAt: invitation.expiresAt },
        contact: contactValues,
      },
      "body.registrationNumber",
      { action: "counterparty.invited", data: { invitationEmail: contactValues.email, expiresAt: invitation.expiresAt.toISOString() } },
    );
    return { ...toDetail(row), invitationUrl: invitation.url };
  }

  async function createCounterparty(actor: Actor, input: CreateCounterpartyInput): Promise<CreateCounterpartyResponse> {
    if (input.organizationId !== undefined) {
      const extra = (["kind", "country", "registrationNumber", "name", "contact"] as const).filter((field) => input[field] !== undefined);
      if (extra.length > 0) {
        throw validationError(
          extra.map((field) => ({ field: `body.${field}`, message: "is not accepted with organizationId: a platform organisation's details come from it" })),
        );
      }
      return addPlatformOrganization(actor, input.organizationId);
    }
    return registerUnlistedOrganization(actor, input);
  }

  async function updateCounterparty(actor: Actor, id: string, input: UpdateCounterpartyBody): Promise<CounterpartyDetail> {
    const current = await requireCounterparty(actor, id);
    const errors: FieldError[] = [];
    const data: { name?: string; invitationEmail?: string } = {};
    if (input.name !== undefined) {
      data.name = input.name.trim();
      if (data.name === "") errors.push({ field: "body.name", message: "is required: enter the organisation's name" });
    }
    if (input.invitationEmail !== undefined) {
      data.invitationEmail = input.invitationEmail.trim();
      if (!isValidContactEmail(data.invitationEmail)) {
        errors.push({ field: "body.invitationEmail", message: "is not a valid e-mail address (like name@example.com)" });
      }
    }
    if (errors.length > 0) throw validationError(errors);
    if (current.organizationId !== null && data.name !== undefined) {
      throw new AppError("CONFLICT", "This counterparty is on the platform: its name comes from its own registration and cannot be changed here.", {
        fields: [{ field: "body.name", message: "cannot be changed for an organisation on the platform" }],
      });
    }
    if (data.invitationEmail !== undefined && (current.organizationId !== null || current.invitationAcceptedAt !== null || current.invitationEmail === null)) {
      throw new AppError("CONFLICT", "There is no open invitation to change: the counterparty has already registered.", {
        fields: [{ field: "body.invitationEmail", message: "cannot be changed once the invitation is accepted" }],
      });
    }
    if (Object.keys(data).length === 0) return toDetail(current);

    await prisma.$transaction(async (tx) => {
      if (!(await repository.updateCounterparty(tx, actor.organizationId, id, data))) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
      await recordAuditEvent(tx, {
        action: "counterparty.updated",
        actor,
        target: target(id),
        ipAddress: actor.ipAddress,
        data: {
          ...(data.name !== undefined ? { name: { from: current.name, to: data.name } } : {}),
          ...(data.invitationEmail !== undefined ? { invitationEmail: { from: current.invitationEmail, to: data.invitationEmail } } : {}),
        },
      });
    });
    return getCounterparty(actor, id);
  }

  async function reissueInvitation(actor: Actor, id: string): Promise<ReissueCounterpartyInvitationResponse> {
    const current = await requireCounterparty(actor, id);
    if (current.organizationId !== null) {
      throw new AppError("CONFLICT", "This counterparty is already on the platform and needs no invitation.");
    }
    if (current.invitationAcceptedAt !== null) {
      throw new AppError("CONFLICT", "The counterparty has already registered through its invitation; its registration is under review.");
    }
    if (current.invitationEmail === null) {
      throw new AppError("CONFLICT", "This counterparty has no invitation to renew.");
    }
    const invitation = newInvitation();
    await prisma.$transaction(async (tx) => {
      const isReplaced = await repository.replaceInvitationToken(tx, actor.organizationId, id, {
        tokenHash: invitation.tokenHash,
        expiresAt: invitation.expiresAt,
      });
      // Between the read and this update the counterparty may have registered or been deleted.
      if (!isReplaced) throw new AppError("CONFLICT", "The invitation could not be renewed: the counterparty changed meanwhile. Reload and try again.");
      await recordAuditEvent(tx, {
        action: "counterparty.invitation_reissued",
        actor,
        target: target(id),
        ipAddress: actor.ipAddress,
        data: { invitationEmail: current.invitationEmail, expiresAt: invitation.expiresAt.toISOString() },
      });
    });
    return { invitationUrl: invitation.url, expiresAt: invitation.expiresAt.toISOString() };
  }

  async function deleteCounterparty(actor: Actor, id: string): Promise<void> {
    await prisma.$transaction(async (tx) => {
      const current = await repository.findCounterparty(tx, actor.organizationId, id);
      if (!current || !(await repository.deleteCounterparty(tx, actor.organizationId, id))) {
        throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
      }
      await recordAuditEvent(tx, {
        action: "counterparty.removed",
        actor,
        target: target(id),
        ipAddress: actor.ipAddress,
        data: {
          registrationNumber: current.registrationNumber,
          name: current.name,
          organizationId: current.organizationId,
          contactsRemoved: current.contacts.length,
        },
      });
    });
  }

  // ---- contacts -------------------------------------------------------------------------------------------------

  async function addContact(actor: Actor, counterpartyId: string, input: CreateCounterpartyContactBody): Promise<CounterpartyContact> {
    await requireCounterparty(actor, counterpartyId);
    const { values, errors } = readContactFields(input, "body", { isPartial: false, isEmailRequired: false });
    if (errors.length > 0) throw validationError(errors);
    return prisma.$transaction(async (tx) => {
      if ((await repository.countContacts(tx, counterpartyId)) >= CONTACTS_PER_COUNTERPARTY_MAX) {
        throw new AppError("CONFLICT", `A counterparty can have at most ${CONTACTS_PER_COUNTERPARTY_MAX} contacts. Remove one that is no longer needed.`);
      }
      const contact = await repository.createContact(tx, counterpartyId, values as ContactValues);
      await recordAuditEvent(tx, {
        action: "counterparty.contact_added",
        actor,
        target: target(counterpartyId),
        ipAddress: actor.ipAddress,
        data: { contactId: contact.id, name: contact.name },
      });
      return toContact(contact);
    });
  }

  async function updateContact(
    actor: Actor,
    counterpartyId: string,
    contactId: string,
    input: UpdateCounterpartyContactBody,
  ): Promise<CounterpartyContact> {
    const { values, errors } = readContactFields(input, "body", { isPartial: true, isEmailRequired: false });
    const current = await repository.findContact(prisma, actor.organizationId, counterpartyId, contactId);
    if (!current) throw new AppError("NOT_FOUND", CONTACT_NOT_FOUND_MESSAGE);
    if (errors.length > 0) throw validationError(errors);
    return prisma.$transaction(async (tx) => {
      if (!(await repository.updateContact(tx, actor.organizationId, counterpartyId, contactId, values))) {
        throw new AppError("NOT_FOUND", CONTACT_NOT_FOUND_MESSAGE);
      }
      const changed = Object.fromEntries(
        Object.entries(values)
          .filter(([field, value]) => current[field as keyof ContactValues] !== value)
          .map(([field, value]) => [field, { from: current[field as keyof ContactValues], to: value }]),
      );
      await recordAuditEvent(tx, {
        action: "counterparty.contact_updated",
        actor,
        target: target(counterpartyId),
        ipAddress: actor.ipAddress,
        data: { contactId, changed },
      });
      const updated = await repository.findContact(tx, actor.organizationId, counterpartyId, contactId);
      if (!updated) throw new AppError("NOT_FOUND", CONTACT_NOT_FOUND_MESSAGE);
      return toContact(updated);
    });
  }

  async function deleteContact(actor: Actor, counterpartyId: string, contactId: string): Promise<void> {
    await prisma.$transaction(async (tx) => {
      const current = await repository.findContact(tx, actor.organizationId, counterpartyId, contactId);
      if (!current || !(await repository.deleteContact(tx, actor.organizationId, counterpartyId, contactId))) {
        throw new AppError("NOT_FOUND", CONTACT_NOT_FOUND_MESSAGE);
      }
      await recordAuditEvent(tx, {
        action: "counterparty.contact_removed",
        actor,
        target: target(counterpartyId),
        ipAddress: actor.ipAddress,
        data: { contactId, name: current.name },
      });
    });
  }

  // ---- public -----------------------------------------------------------------------------------------------------

  /** The pre-fill of the registration form. Unknown, expired, replaced and used links all get the same 404. */
  async function previewInvitation(token: string): Promise<CounterpartyInvitationPreview> {
    const invitation = await repository.findOpenInvitation(prisma, hashToken(token), now());
    if (!invitation || invitation.invitationEmail === null) throw new AppError("NOT_FOUND", INVITATION_NOT_FOUND_MESSAGE);
    // The person the invitation was addressed to, else whoever was entered first.
    const contact =
      invitation.contacts.find((candidate) => candidate.email.toLowerCase() === invitation.invitationEmail?.toLowerCase()) ?? invitation.contacts[0];
    return {
      kind: invitation.kind as CounterpartyInvitationPreview["kind"],
      country: invitation.country,
      registrationNumber: invitation.registrationNumber,
      name: invitation.name,
      contactName: contact?.name ?? "",
      contactEmail: invitation.invitationEmail,
      invitedBy: { nameLocal: invitation.ownerOrganization.nameLocal, nameLatin: invitation.ownerOrganization.nameLatin },
    };
  }

  return {
    searchOrganizations,
    listCounterparties,
    getCounterparty,
    createCounterparty,
    updateCounterparty,
    reissueInvitation,
    deleteCounterparty,
    addContact,
    updateContact,
    deleteContact,
    previewInvitation,
  };
}

export type CounterpartiesService = ReturnType<typeof createCounterpartiesService>;
