// The rules of electronic contracts (전자계약 · 電子契約): drafting, sending (the server renders the PDF and freezes
// it), returning, cancelling and signing (PAdES B-T made in the browser, verified here before it is accepted).
// Which step is allowed from which state is decided only by the shared state machine; every state change is one
// transaction with a conditional update on (id, status, version), its timeline event and its audit event.
import { createHash } from "node:crypto";
import { PDFDocument } from "pdf-lib";
import {
  allowedContractActions,
  awaitingSideOf,
  CONTACTS_PER_SIDE_MAX,
  CONTRACT_SIDES,
  CONTRACT_STATUSES,
  contractSigningOrder,
  CURRENCY_BY_COUNTRY,
  formatSharePercent,
  nextContractSigner,
  nextContractStatus,
  SHARE_BASIS_POINTS_TOTAL,
  SIGNED_PDF_MAX_BYTES,
  type ContractAction,
  type ContractContact,
  type ContractDetail,
  type ContractList,
  type ContractListQuery,
  type ContractParty,
  type ContractReasonBody,
  type ContractSide,
  type ContractSigningSlot,
  type ContractStatus,
  type ContractSummary,
  type ContractTimeline,
  type CreateContractBody,
  type JointVenture,
  type SignContractBody,
  type TermsSection,
  type UpdateContractBody,
} from "@pwp/shared/contracts";
import { isDocumentVisibleTo } from "@pwp/shared/contract-documents";
import { isValidContactEmail, isValidContactPhone } from "@pwp/shared/counterparties";
import type { FieldError } from "@pwp/shared/error-codes";
import type { DbClient, PrismaClient } from "../../db/database.ts";
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/app-error.ts";
import { recordAuditEvent } from "../../lib/audit.ts";
import type { Notifier } from "../../lib/mail/notifier.ts";
import { listAcceptedGuarantees, listOfflineGuarantees, listSubmittedKeyNotices, missingRequiredGuarantees } from "../../lib/contract-guarantees.ts";
import { decodeCursor, encodeCursor } from "../../lib/page-cursor.ts";
import { verifyPlatformPdf } from "../../lib/pki/pdf-verification.ts";
import { findSigningAuthority } from "../../lib/signing-authority.ts";
import type { PlatformPki } from "../../plugins/pki.ts";
import { renderContractPdf } from "./contract-pdf.ts";
import { acceptSignedRevision, decodeSignedPdf } from "../../lib/pki/accept-signed-revision.ts";
import * as repository from "./contracts.repository.ts";
import { renderSignatureReportPdf } from "./signature-report-pdf.ts";

interface Dependencies {
  prisma: PrismaClient;
  pki: PlatformPki;
  /** Tells the parties whose turn it is (inbox and e-mail); absent in callers that notify nobody (the demo seed). */
  notifier?: Notifier;
  now?: () => Date;
}

const NOT_FOUND_MESSAGE = "There is no such contract among your organisation's contracts.";
/** Both countries keep UTC+9 all year: the year of a generated number is the year there. */
const UTC_PLUS_9_MS = 9 * 3_600_000;
const GENERATED_NUMBER = /^C-\d{4}-(\d{6,})$/;
const CREATE_ATTEMPTS = 5;

export type ContractLanguage = "ko" | "ja" | "en";

// ---- mapping ----------------------------------------------------------------------------------------------------

const toDate = (value: string) => new Date(`${value}T00:00:00.000Z`);
const fromDate = (value: Date) => value.toISOString().slice(0, 10);
const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function sideOf(row: { ordererOrganizationId: string }, organizationId: string): ContractSide {
  return row.ordererOrganizationId === organizationId ? "ORDERER" : "CONTRACTOR";
}

function toParty(row: repository.PartyRow): ContractParty {
  return { ...row };
}

function jointVentureOf(row: repository.ContractDetailRow): JointVenture | null {
  if (row.jointVentureName === null) return null;
  return {
    name: row.jointVentureName,
    members: row.jointVentureMembers.map((member) => ({
      organization: toParty(member.organization),
      position: member.position,
      isLead: member.position === 0,
      shareBasisPoints: member.shareBasisPoints,
    })),
  };
}

/** Every organisation of the contract by id: the orderer, the contractor and a joint venture's firms. */
function organizationsOf(row: repository.ContractDetailRow): Map<string, repository.PartyRow> {
  const parties = [row.ordererOrganization, row.contractorOrganization, ...row.jointVentureMembers.map((member) => member.organization)];
  return new Map(parties.map((party) => [party.id, party]));
}

/** What the contractor was sent: kept with the audit event of sending (repository.findSentContent). */
type SentContent = {
  contractNumber: string;
  title: string;
  amount: number;
  contractDate: string;
  worksStartDate: string;
  worksEndDate: string;
  place: string;
  termsSections: TermsSection[];
  requiredGuarantees: ContractDetail["requiredGuarantees"];
  contacts: ContractContact[];
  annex: ContractDetail["annex"];
  /** Absent in what was sent before joint ventures existed: those were single-contractor contracts. */
  jointVenture?: JointVenture | null;
};

function isSentContent(value: unknown): value is SentContent {
  return typeof value === "object" && value !== null && typeof (value as SentContent).contractNumber === "string";
}

/**
 * The contractor of a returned contract sees what it was sent, not the orderer's revision in progress: that
 * reaches it as the next edition, when sent.
 */
function isShownAsSent(status: ContractStatus, side: ContractSide): boolean {
  return side === "CONTRACTOR" && status === "RETURNED";
}

function toSummary(row: repository.ContractSummaryRow, side: ContractSide, sent: SentContent | null): ContractSummary {
  const jointVentureName = sent ? (sent.jointVenture?.name ?? null) : row.jointVentureName;
  return {
    id: row.id,
    contractNumber: sent?.contractNumber ?? row.contractNumber,
    title: sent?.title ?? row.title,
    // At most CONTRACT_AMOUNT_MAX, below 2^53: exact as a JSON number.
    amount: sent?.amount ?? Number(row.amount),
    currency: row.currency,
    status: row.status,
    contractDate: sent?.contractDate ?? fromDate(row.contractDate),
    orderer: toParty(row.ordererOrganization),
    contractor: toParty(row.contractorOrganization),
    jointVentureName,
    mySide: side,
    awaitingSide: awaitingSideOf(row.status),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function contentOf(row: repository.ContractDetailRow, annexSize: number | null): SentContent {
  return {
    contractNumber: row.contractNumber,
    title: row.title,
    amount: Number(row.amount),
    contractDate: fromDate(row.contractDate),
    worksStartDate: fromDate(row.worksStartDate),
    worksEndDate: fromDate(row.worksEndDate),
    place: row.place,
    termsSections: row.termsSections as TermsSection[],
    requiredGuarantees: row.requiredGuarantees,
    contacts: row.contacts,
    annex: row.annexFileName && row.annexSha256 && annexSize !== null ? { fileName: row.annexFileName, size: annexSize, sha256: row.annexSha256 } : null,
    jointVenture: jointVentureOf(row),
  };
}

// ---- validation ---------------------------------------------------------------------------------------------------

function validationError(fields: FieldError[]): AppError {
  const summary = fields.map((field) => `${field.field} ${field.message}`).join("; ");
  return new AppError("VALIDATION_FAILED", `Please correct the contract: ${summary}.`, { fields });
}

type ContentBody = Omit<CreateContractBody, "contractNumber">;

/** The rules the schema cannot express; returns the contacts cleaned up, or throws naming every bad field. */
function checkContent(body: ContentBody): repository.ContactData[] {
  const fields: FieldError[] = [];
  if (body.worksStartDate > body.worksEndDate) {
    fields.push({ field: "body.worksEndDate", message: "must be on or after the start of the works" });
  }
  for (const side of CONTRACT_SIDES) {
    const count = body.contacts.filter((contact) => contact.side === side).length;
    if (count > CONTACTS_PER_SIDE_MAX) fields.push({ field: "body.contacts", message: `has ${count} ${side.toLowerCase()} contacts; at most ${CONTACTS_PER_SIDE_MAX} per side` });
  }
  fields.push(...jointVentureErrors(body));
  const contacts = body.contacts.map((contact, index) => {
    const email = contact.email?.trim() ?? "";
    const phone = contact.phone?.trim() ?? "";
    if (email && !isValidContactEmail(email)) fields.push({ field: `body.contacts.${index}.email`, message: "is not an e-mail address" });
    if (phone && !isValidContactPhone(phone)) fields.push({ field: `body.contacts.${index}.phone`, message: "may hold only digits, spaces, +, - and parentheses" });
    return { side: contact.side, name: contact.name.trim(), department: contact.department?.trim() ?? "", phone, email };
  });
  if (fields.length > 0) throw validationError(fields);
  return contacts;
}

/** A joint venture's own rules: distinct firms besides the lead, shares adding up to the whole (integers only). */
function jointVentureErrors(body: ContentBody): FieldError[] {
  const jointVenture = body.jointVenture;
  if (!jointVenture) return [];
  const fields: FieldError[] = [];
  const seen = new Set([body.contractorOrganizationId]);
  jointVenture.members.forEach((member, index) => {
    if (member.organizationId === body.contractorOrganizationId) {
      fields.push({ field: `body.jointVenture.members.${index}.organizationId`, message: "is the lead firm (the contractor); name each other firm once" });
    } else if (seen.has(member.organizationId)) {
      fields.push({ field: `body.jointVenture.members.${index}.organizationId`, message: "is named twice in the joint venture" });
    }
    seen.add(member.organizationId);
  });
  const total = jointVenture.members.reduce((sum, member) => sum + member.shareBasisPoints, jointVenture.leadShareBasisPoints);
  if (total !== SHARE_BASIS_POINTS_TOTAL) {
    fields.push({ field: "body.jointVenture", message: `shares add up to ${formatSharePercent(total)}; they must add up to exactly 100%` });
  }
  return fields;
}

/** The firms of a joint venture as stored: the lead at position 0, the members after it in the order given. */
function jointVentureRows(body: ContentBody): repository.JointVentureMemberData[] {
  if (!body.jointVenture) return [];
  return [
    { organizationId: body.contractorOrganizationId, position: 0, shareBasisPoints: body.jointVenture.leadShareBasisPoints },
    ...body.jointVenture.members.map((member, index) => ({ organizationId: member.organizationId, position: index + 1, shareBasisPoints: member.shareBasisPoints })),
  ];
}

function jointVentureAudit(body: ContentBody) {
  return body.jointVenture ? { name: body.jointVenture.name.trim(), firms: jointVentureRows(body) } : null;
}

function contentData(body: ContentBody, contractNumber: string): repository.ContractContentData {
  return {
    contractNumber,
    contractorOrganizationId: body.contractorOrganizationId,
    title: body.title.trim(),
    amount: BigInt(body.amount),
    worksStartDate: toDate(body.worksStartDate),
    worksEndDate: toDate(body.worksEndDate),
    contractDate: toDate(body.contractDate),
    place: body.place?.trim() ?? "",
    termsSections: body.termsSections.map((section) => ({ heading: section.heading.trim(), body: section.body.trim() })),
    requiredGuarantees: body.requiredGuarantees,
    jointVentureName: body.jointVenture?.name.trim() ?? null,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

function duplicateNumber(contractNumber: string): AppError {
  return new AppError("CONFLICT", `Your organisation already has a contract numbered ${contractNumber}.`, {
    fields: [{ field: "body.contractNumber", message: "is already used by another of your contracts" }],
  });
}

const ACTION_VERBS: Record<ContractAction, string> = {
  EDIT: "edited",
  DELETE: "deleted",
  SEND: "sent",
  RETURN: "returned",
  SIGN: "signed",
  CANCEL: "cancelled",
};

function refusedTransition(action: ContractAction, status: ContractStatus, side: ContractSide): AppError {
  const who = side === "ORDERER" ? "the orderer" : "the contractor";
  return new AppError("CONFLICT", `A contract in status ${status} cannot be ${ACTION_VERBS[action]} by ${who}.`, { currentState: status });
}

function staleVersion(status: ContractStatus): AppError {
  return new AppError("CONFLICT", "The contract was changed by someone else in the meantime: reload it and try again.", { currentState: status });
}

/** The year of a generated number, in UTC+9 (Korea and Japan). */
function yearOf(at: Date): number {
  return new Date(at.getTime() + UTC_PLUS_9_MS).getUTCFullYear();
}

/** ASCII letters, digits, spaces and a few marks kept, Korean and Japanese too; no folders or control characters. */
export function sanitizeAnnexFileName(name: string | undefined): string {
  const base = (name ?? "").split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}"<>|:*?]/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  const characters = [...cleaned].slice(0, 200).join("");
  if (!characters) return "annex.pdf";
  return /\.pdf$/i.test(characters) ? characters : `${characters}.pdf`;
}

// ---- the service --------------------------------------------------------------------------------------------------

export function createContractsService({ prisma, pki, notifier, now = () => new Date() }: Dependencies) {
  /** The contract's contacts (担当者) of the sides told, as per-case addresses, in the contract's language. */
  const contactsOf = (
    row: { contacts: readonly { side: string; email: string }[]; ordererOrganization: { country: "KR" | "JP" } },
    sides: readonly ("ORDERER" | "CONTRACTOR")[],
  ) => ({
    addresses: row.contacts.filter((contact) => sides.includes(contact.side as "ORDERER" | "CONTRACTOR") && contact.email).map((contact) => contact.email),
    locale: row.ordererOrganization.country === "KR" ? ("ko" as const) : ("ja" as const),
  });
  /** The firms of the contractor side: the contractor, or every firm of a joint venture. */
  const contractorSideOf = (row: { contractorOrganizationId: string; jointVentureMembers: readonly { organizationId: string }[] }) => [
    ...new Set([row.contractorOrganizationId, ...row.jointVentureMembers.map((member) => member.organizationId)]),
  ];

  /** The contract as the caller may see it, with their side; 404 for anyone who is not a party. */
  async function loadContract(actor: Actor, contractId: string) {
    const row = await repository.findContract(prisma, actor.organizationId, contractId);
    if (!row) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
    return { row, side: sideOf(row, actor.organizationId) };
  }

  /** The contract, if `action` is allowed to the caller's side now and `version` (when given) is current. */
  async function loadForAction(actor: Actor, contractId: string, action: ContractAction, version?: number) {
    const loaded = await loadContract(actor, contractId);
    const next = nextContractStatus(loaded.row.status, action, loaded.side);
    if (next === null) throw refusedTransition(action, loaded.row.status, loaded.side);
    if (version !== undefined && version !== loaded.row.version) throw staleVersion(loaded.row.status);
    return { ...loaded, next };
  }

  /** Thrown inside a transaction whose conditional update matched nothing: says what the contract is now. */
  /**
   * Says what the record is now, after a conditional update matched nothing. Inside a transaction pass its client:
   * PGlite has one connection, and a read through another client would wait for the transaction it is part of.
   */
  async function conflictNow(actor: Actor, contractId: string, db: DbClient = prisma): Promise<AppError> {
    const current = await repository.findContract(db, actor.organizationId, contractId);
    if (!current) return new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
    return staleVersion(current.status);
  }

  /**
   * The side's transitions, SIGN only for the organisation whose turn it is (a joint venture's firms sign one after
   * another) and only with authority: the representative or a CONTRACTS delegation. Any user of the side may do the rest.
   */
  async function allowedActionsOf(actor: Actor, status: ContractStatus, side: ContractSide, nextSigner: ContractSigningSlot | null): Promise<ContractAction[]> {
    const actions = allowedContractActions(status, side);
    if (!actions.includes("SIGN")) return actions;
    const withoutSign = actions.filter((action) => action !== "SIGN");
    if (nextSigner?.organizationId !== actor.organizationId) return withoutSign;
    const authority = await findSigningAuthority(prisma, { userId: actor.userId, organizationId: actor.organizationId, scope: "CONTRACTS", at: now() });
    return authority ? actions : withoutSign;
  }

  function signingOrderOf(row: repository.ContractDetailRow): ContractSigningSlot[] {
    return contractSigningOrder({
      ordererOrganizationId: row.ordererOrganizationId,
      contractorOrganizationId: row.contractorOrganizationId,
      jointVentureMembers: row.jointVentureMembers,
    });
  }

  async function sentContentOf(row: { id: string; status: ContractStatus }, side: ContractSide): Promise<SentContent | null> {
    if (!isShownAsSent(row.status, side)) return null;
    const sent = await repository.findSentContent(prisma, row.id);
    return isSentContent(sent) ? sent : null;
  }

  async function toDetail(actor: Actor, row: repository.ContractDetailRow, side: ContractSide): Promise<ContractDetail> {
    const [annexSize, revision, signatures, sent, missingGuarantees, keyNotices, acceptedGuarantees, offlineGuarantees] = await Promise.all([
      row.annexFileName ? repository.findAnnexSize(prisma, row.id) : Promise.resolve(null),
      row.edition > 0 ? repository.findLatestRevisionInfo(prisma, row.id, row.edition) : Promise.resolve(null),
      row.edition > 0 ? repository.listSignatures(prisma, row.id, row.edition) : Promise.resolve([]),
      sentContentOf(row, side),
      // Only a contractor's signature still ahead can be blocked; once it is made (or the contract cancelled) nothing is missing.
      row.status === "DRAFT" || row.status === "SENT" || row.status === "RETURNED" ? missingRequiredGuarantees(prisma, row) : Promise.resolve([]),
      listSubmittedKeyNotices(prisma, row),
      listAcceptedGuarantees(prisma, row),
      listOfflineGuarantees(prisma, row),
    ]);
    const content = sent ?? contentOf(row, annexSize);
    const order = signingOrderOf(row);
    const signedBy = new Set(signatures.map((signature) => signature.organizationId));
    const nextSigner = nextContractSigner(order, signedBy);
    const allowedActions = await allowedActionsOf(actor, row.status, side, nextSigner);
    const organizations = organizationsOf(row);
    const organizationName = (organizationId: string) => organizations.get(organizationId)?.nameLocal ?? "";
    return {
      ...toSummary(row, side, sent),
      jointVenture: content.jointVenture ?? null,
      signingOrder:
        row.edition === 0
          ? []
          : order.map((slot) => ({ ...slot, organizationName: organizationName(slot.organizationId), signed: signedBy.has(slot.organizationId) })),
      signatureField: allowedActions.includes("SIGN") ? (nextSigner?.fieldName ?? null) : null,
      worksStartDate: content.worksStartDate,
      worksEndDate: content.worksEndDate,
      place: content.place,
      termsSections: content.termsSections,
      requiredGuarantees: content.requiredGuarantees,
      missingGuarantees,
      guaranteeKeyNotices: keyNotices.map((notice) => ({ ...notice, submittedAt: notice.submittedAt.toISOString() })),
      acceptedGuarantees: acceptedGuarantees.map((accepted) => ({ ...accepted, acceptedAt: accepted.acceptedAt.toISOString() })),
      offlineGuarantees: offlineGuarantees.map((record) => ({ ...record, recordedAt: record.recordedAt.toISOString() })),
      contacts: content.contacts,
      annex: content.annex,
      version: row.version,
      edition: row.edition,
      currentRevision: revision ? { ...revision, createdAt: revision.createdAt.toISOString() } : null,
      signatures: signatures.map((signature) => ({
        id: signature.id,
        side: signature.side,
        edition: signature.edition,
        revision: signature.revision,
        fieldName: signature.fieldName,
        signer: { id: signature.signerUserId, name: signature.signerName },
        organizationId: signature.organizationId,
        organizationName: organizationName(signature.organizationId),
        certificateSubject: signature.certificateSubject,
        delegationId: signature.delegationId,
        signedAt: signature.signedAt.toISOString(),
      })),
      allowedActions,
      createdAt: row.createdAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
      completedAt: row.completedAt?.toISOString() ?? null,
      cancelledAt: row.cancelledAt?.toISOString() ?? null,
    };
  }

  async function getContract(actor: Actor, contractId: string): Promise<ContractDetail> {
    const { row, side } = await loadContract(actor, contractId);
    return toDetail(actor, row, side);
  }

  async function listContracts(actor: Actor, query: ContractListQuery): Promise<ContractList> {
    const limit = query.limit ?? 20;
    let before: { updatedAt: Date; id: string } | undefined;
    if (query.cursor !== undefined) {
      const { key, id } = decodeCursor(query.cursor);
      const updatedAt = new Date(key);
      if (Number.isNaN(updatedAt.getTime())) {
        throw new AppError("VALIDATION_FAILED", "The page cursor is not valid; start from the first page.", {
          fields: [{ field: "querystring.cursor", message: "is not a cursor this list gave out" }],
        });
      }
      before = { updatedAt, id };
    }
    const sides = query.side ? [query.side] : CONTRACT_SIDES;
    const awaiting = query.awaitingMe
      ? sides.map((side) => ({ side, statuses: CONTRACT_STATUSES.filter((status) => awaitingSideOf(status) === side) }))
      : undefined;
    const rows = await repository.listContracts(prisma, {
      organizationId: actor.organizationId,
      side: query.side,
      status: query.status,
      awaiting,
      q: query.q?.trim() || undefined,
      before,
      take: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const returnedToMe = items.filter((row) => isShownAsSent(row.status, sideOf(row, actor.organizationId))).map((row) => row.id);
    const sentContents = await repository.listSentContents(prisma, returnedToMe);
    return {
      items: items.map((row) => {
        const sent = sentContents.get(row.id);
        return toSummary(row, sideOf(row, actor.organizationId), isSentContent(sent) ? sent : null);
      }),
      nextCursor: rows.length > limit && last ? encodeCursor(last.updatedAt.toISOString(), last.id) : null,
    };
  }

  /** The contractor and every firm of a joint venture must be approved contractors among the orderer's counterparties. */
  async function requireCounterpartyContractors(ordererOrganizationId: string, body: ContentBody) {
    const firms = [
      { field: "body.contractorOrganizationId", organizationId: body.contractorOrganizationId },
      ...(body.jointVenture?.members ?? []).map((member, index) => ({ field: `body.jointVenture.members.${index}.organizationId`, organizationId: member.organizationId })),
    ];
    const known = await repository.findCounterpartyContractors(prisma, ordererOrganizationId, firms.map((firm) => firm.organizationId));
    const unknown = firms.filter((firm) => !known.has(firm.organizationId));
    if (unknown.length > 0) {
      throw validationError(
        unknown.map((firm) => ({ field: firm.field, message: "is not an approved contractor in your counterparty list (add it under Counterparties first)" })),
      );
    }
  }

  /** C-<year>-<6 digits>, one past the highest generated number of the year; `attempt` skips past collisions. */
  async function nextContractNumber(ordererOrganizationId: string, attempt: number): Promise<string> {
    const prefix = `C-${yearOf(now())}-`;
    const existing = await repository.listContractNumbersWithPrefix(prisma, ordererOrganizationId, prefix);
    const highest = Math.max(0, ...existing.map((number) => Number(GENERATED_NUMBER.exec(number)?.[1] ?? 0)));
    return `${prefix}${String(highest + 1 + attempt).padStart(6, "0")}`;
  }

  async function createContract(actor: Actor, body: CreateContractBody): Promise<ContractDetail> {
    const contacts = checkContent(body);
    await requireCounterpartyContractors(actor.organizationId, body);
    const orderer = await repository.findOrganizationCountry(prisma, actor.organizationId);
    if (!orderer) throw new AppError("NOT_FOUND", "Your organisation was not found.");

    for (let attempt = 0; ; attempt++) {
      const contractNumber = body.contractNumber ?? (await nextContractNumber(actor.organizationId, attempt));
      try {
        const contractId = await prisma.$transaction(async (tx) => {
          const created = await repository.createContract(tx, {
            ...contentData(body, contractNumber),
            ordererOrganizationId: actor.organizationId,
            currency: CURRENCY_BY_COUNTRY[orderer.country],
            createdById: actor.userId,
            contacts,
            jointVentureMembers: jointVentureRows(body),
          });
          await repository.createEvent(tx, { contractId: created.id, kind: "CREATED", edition: 0, actorUserId: actor.userId, actorOrganizationId: actor.organizationId });
          await recordAuditEvent(tx, {
            action: "contracts.created",
            actor,
            target: { type: "Contract", id: created.id },
            ipAddress: actor.ipAddress,
            data: { contractNumber, contractorOrganizationId: body.contractorOrganizationId, amount: String(body.amount), jointVenture: jointVentureAudit(body) },
          });
          return created.id;
        });
        return await getContract(actor, contractId);
      } catch (error) {
        // The only unique key a new contract can hit is (orderer, contract number).
        if (!isUniqueViolation(error)) throw error;
        if (body.contractNumber !== undefined) throw duplicateNumber(contractNumber);
        // Two drafts created at once picked the same generated number: take the next one.
        if (attempt + 1 >= CREATE_ATTEMPTS) throw new AppError("CONFLICT", "Could not allocate a contract number just now; please try again.");
      }
    }
  }

  async function updateContract(actor: Actor, contractId: string, body: UpdateContractBody): Promise<ContractDetail> {
    const { row, side } = await loadForAction(actor, contractId, "EDIT", body.version);
    const contacts = checkContent(body);
    const firms = jointVentureRows(body).map((member) => member.organizationId);
    const firmsBefore = row.jointVentureMembers.map((member) => member.organizationId);
    const isSameFirms = body.contractorOrganizationId === row.contractorOrganizationId && firms.join() === firmsBefore.join();
    if (!isSameFirms) {
      // Once sent, the contractor's firms hold the history; moving the contract to others would hand it to them.
      if (row.edition > 0) {
        const field = body.contractorOrganizationId !== row.contractorOrganizationId ? "body.contractorOrganizationId" : "body.jointVenture";
        throw validationError([{ field, message: "cannot change once the contract was sent; cancel it and create a new one" }]);
      }
      await requireCounterpartyContractors(actor.organizationId, body);
    }
    try {
      await prisma.$transaction(async (tx) => {
        const expected = { contractId, organizationId: actor.organizationId, side, status: row.status, version: row.version };
        if (!(await repository.updateContractIf(tx, expected, contentData(body, body.contractNumber)))) throw await conflictNow(actor, contractId, tx);
        await repository.replaceContacts(tx, contractId, contacts);
        await repository.replaceJointVentureMembers(tx, contractId, jointVentureRows(body));
        await repository.createEvent(tx, { contractId, kind: "UPDATED", edition: row.edition, actorUserId: actor.userId, actorOrganizationId: actor.organizationId });
        await recordAuditEvent(tx, {
          action: "contracts.updated",
          actor,
          target: { type: "Contract", id: contractId },
          ipAddress: actor.ipAddress,
          data: { contractNumber: body.contractNumber, amount: String(body.amount), version: row.version + 1, jointVenture: jointVentureAudit(body) },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateNumber(body.contractNumber);
      throw error;
    }
    return getContract(actor, contractId);
  }

  async function deleteContract(actor: Actor, contractId: string): Promise<void> {
    const { row } = await loadForAction(actor, contractId, "DELETE");
    await prisma.$transaction(async (tx) => {
      if (!(await repository.deleteDraft(tx, actor.organizationId, contractId))) throw await conflictNow(actor, contractId, tx);
      await recordAuditEvent(tx, {
        action: "contracts.deleted",
        actor,
        target: { type: "Contract", id: contractId },
        ipAddress: actor.ipAddress,
        data: { contractNumber: row.contractNumber },
      });
    });
  }

  async function setAnnex(actor: Actor, contractId: string, input: { pdf: Uint8Array; fileName: string | undefined; version: number | undefined }): Promise<ContractDetail> {
    const { row, side } = await loadForAction(actor, contractId, "EDIT", input.version);
    const notAPdf = (message: string) => new AppError("VALIDATION_FAILED", `The annex ${message}.`, { fields: [{ field: "body", message }] });
    if (Buffer.from(input.pdf.subarray(0, 5)).toString("latin1") !== "%PDF-") throw notAPdf("is not a PDF file");
    try {
      const document = await PDFDocument.load(input.pdf, { updateMetadata: false });
      if (document.getPageCount() === 0) throw notAPdf("has no pages");
    } catch (error) {
      if (error instanceof AppError) throw error;
      const isEncrypted = (error as { name?: string }).name === "EncryptedPDFError";
      // Its pages are copied into the contract PDF: a damaged or password-protected file cannot be.
      throw notAPdf(isEncrypted ? "is password-protected; upload an unprotected copy" : "cannot be read as a PDF (it may be damaged)");
    }
    const fileName = sanitizeAnnexFileName(input.fileName);
    const sha256 = sha256Hex(input.pdf);
    await prisma.$transaction(async (tx) => {
      const expected = { contractId, organizationId: actor.organizationId, side, status: row.status, version: row.version };
      const data = { annexPdf: new Uint8Array(input.pdf), annexFileName: fileName, annexSha256: sha256 };
      if (!(await repository.updateContractIf(tx, expected, data))) throw await conflictNow(actor, contractId, tx);
      await repository.createEvent(tx, { contractId, kind: "UPDATED", edition: row.edition, actorUserId: actor.userId, actorOrganizationId: actor.organizationId });
      await recordAuditEvent(tx, {
        action: "contracts.annex_attached",
        actor,
        target: { type: "Contract", id: contractId },
        ipAddress: actor.ipAddress,
        data: { fileName, size: input.pdf.byteLength, sha256 },
      });
    });
    return getContract(actor, contractId);
  }

  async function removeAnnex(actor: Actor, contractId: string, version: number | undefined): Promise<ContractDetail> {
    const { row, side } = await loadForAction(actor, contractId, "EDIT", version);
    if (row.annexFileName !== null) {
      await prisma.$transaction(async (tx) => {
        const expected = { contractId, organizationId: actor.organizationId, side, status: row.status, version: row.version };
        if (!(await repository.updateContractIf(tx, expected, { annexPdf: null, annexFileName: null, annexSha256: null }))) throw await conflictNow(actor, contractId, tx);
        await repository.createEvent(tx, { contractId, kind: "UPDATED", edition: row.edition, actorUserId: actor.userId, actorOrganizationId: actor.organizationId });
        await recordAuditEvent(tx, { action: "contracts.annex_removed", actor, target: { type: "Contract", id: contractId }, ipAddress: actor.ipAddress });
      });
    }
    return getContract(actor, contractId);
  }

  async function sendContract(actor: Actor, contractId: string, version: number): Promise<ContractDetail> {
    const { row, side, next } = await loadForAction(actor, contractId, "SEND", version);
    const annexPdf = row.annexFileName ? await repository.findAnnexPdf(prisma, contractId) : null;
    const edition = row.edition + 1;
    const content = contentOf(row, annexPdf?.byteLength ?? null);
    // Rendering takes a while (fonts): outside the transaction, which then re-checks that nothing changed meanwhile.
    const pdf = await renderContractPdf({
      language: row.ordererOrganization.country === "JP" ? "ja" : "ko",
      contractNumber: row.contractNumber,
      title: row.title,
      amount: row.amount,
      currency: row.currency,
      worksStartDate: content.worksStartDate,
      worksEndDate: content.worksEndDate,
      contractDate: content.contractDate,
      place: row.place,
      termsSections: content.termsSections,
      requiredGuarantees: row.requiredGuarantees,
      orderer: toParty(row.ordererOrganization),
      contractor: toParty(row.contractorOrganization),
      jointVenture: content.jointVenture ?? null,
      contacts: row.contacts,
      annexPdf,
      edition,
    });
    const sha256 = sha256Hex(pdf);
    const at = now();
    await prisma.$transaction(async (tx) => {
      const expected = { contractId, organizationId: actor.organizationId, side, status: row.status, version: row.version };
      if (!(await repository.updateContractIf(tx, expected, { status: next as ContractStatus, sentAt: at, edition }))) throw await conflictNow(actor, contractId, tx);
      await repository.createRevision(tx, { contractId, edition, revision: 0, pdf, sha256 });
      await repository.createEvent(tx, { contractId, kind: "SENT", edition, actorUserId: actor.userId, actorOrganizationId: actor.organizationId });
      await recordAuditEvent(tx, {
        action: repository.SENT_AUDIT_ACTION,
        actor,
        target: { type: "Contract", id: contractId },
        ipAddress: actor.ipAddress,
        // The content as sent: what the contractor keeps seeing while a returned contract is revised.
        data: { edition, sha256, size: pdf.byteLength, content: JSON.parse(JSON.stringify(content)) },
      });
      await notifier?.notify(tx, {
        kind: "CONTRACT_SENT",
        eventKey: `contract:${contractId}:sent:${edition}`,
        organizationIds: contractorSideOf(row),
        params: { number: row.contractNumber, title: row.title, organization: row.ordererOrganization.nameLocal },
        link: `/contracts/${contractId}`,
        extraEmails: contactsOf(row, ["CONTRACTOR"]),
      });
    });
    return getContract(actor, contractId);
  }

  async function returnOrCancel(actor: Actor, contractId: string, action: "RETURN" | "CANCEL", body: ContractReasonBody): Promise<ContractDetail> {
    const { row, side, next } = await loadForAction(actor, contractId, action, body.version);
    const reason = body.reason.trim();
    const at = now();
    await prisma.$transaction(async (tx) => {
      const expected = { contractId, organizationId: actor.organizationId, side, status: row.status, version: row.version };
      const data = { status: next as ContractStatus, ...(action === "CANCEL" ? { cancelledAt: at } : {}) };
      if (!(await repository.updateContractIf(tx, expected, data))) throw await conflictNow(actor, contractId, tx);
      const kind = action === "RETURN" ? "RETURNED" : "CANCELLED";
      await repository.createEvent(tx, { contractId, kind, edition: row.edition, actorUserId: actor.userId, actorOrganizationId: actor.organizationId, reason });
      await recordAuditEvent(tx, {
        action: action === "RETURN" ? "contracts.returned" : "contracts.cancelled",
        actor,
        target: { type: "Contract", id: contractId },
        ipAddress: actor.ipAddress,
        data: { reason, edition: row.edition, from: row.status },
      });
      if (action === "RETURN") {
        const returnedBy = organizationsOf(row).get(actor.organizationId)?.nameLocal ?? "";
        await notifier?.notify(tx, {
          kind: "CONTRACT_RETURNED",
          eventKey: `contract:${contractId}:returned:${row.edition}:${row.version}`,
          // A return by the contractor side goes to the orderer; by the orderer, to every contractor-side firm.
          organizationIds: side === "ORDERER" ? contractorSideOf(row) : [row.ordererOrganizationId],
          params: { number: row.contractNumber, title: row.title, organization: returnedBy, reason },
          link: `/contracts/${contractId}`,
          extraEmails: contactsOf(row, [side === "ORDERER" ? "CONTRACTOR" : "ORDERER"]),
        });
      }
    });
    return getContract(actor, contractId);
  }

  /** The PDF of an edition and revision (the latest of the current edition by default); 404 before the first send. */
  async function getPdf(actor: Actor, contractId: string, options: { edition?: number | undefined; revision?: number | undefined }) {
    const { row } = await loadContract(actor, contractId);
    const edition = options.edition ?? row.edition;
    const revision = row.edition === 0 || edition > row.edition ? null : await repository.findRevisionPdf(prisma, contractId, edition, options.revision);
    if (!revision) {
      throw new AppError("NOT_FOUND", row.edition === 0 ? "This contract has not been sent yet, so it has no PDF." : "There is no such revision of this contract's PDF.");
    }
    return { contractNumber: row.contractNumber, ...revision, pdf: new Uint8Array(revision.pdf) };
  }

  async function getTimeline(actor: Actor, contractId: string): Promise<ContractTimeline> {
    const { row, side } = await loadContract(actor, contractId);
    // Edits are the orderer's drafting; the contractor sees each edition when it is sent.
    const events = await repository.listEvents(prisma, contractId, { isUpdatedHidden: side === "CONTRACTOR" });
    const organizationName = (organizationId: string) =>
      organizationId === row.ordererOrganizationId ? row.ordererOrganization.nameLocal : row.contractorOrganization.nameLocal;
    // A document's drafting is its writers' business, as the contract's is the orderer's (isDocumentVisibleTo).
    const isShown = (event: (typeof events)[number]) =>
      !event.document || (event.kind !== "CREATED" && event.kind !== "UPDATED") || isDocumentVisibleTo(event.document.kind, "DRAFT", side);
    return {
      events: events.filter(isShown).map((event) => ({
        id: event.id,
        kind: event.kind,
        edition: event.edition,
        actor: { userId: event.actorUserId, name: event.actorName, organizationId: event.actorOrganizationId, organizationName: organizationName(event.actorOrganizationId) },
        reason: event.reason,
        createdAt: event.createdAt.toISOString(),
        document: event.document,
      })),
    };
  }

  /** The signature report of the current revision as a PDF, in `language` (the orderer's by default). */
  async function getSignatureReport(actor: Actor, contractId: string, language: ContractLanguage | undefined) {
    const { row, side } = await loadContract(actor, contractId);
    const revision = row.edition > 0 ? await repository.findRevisionPdf(prisma, contractId, row.edition) : null;
    if (!revision) throw new AppError("NOT_FOUND", "This contract has not been sent yet, so there is nothing to report on.");
    const pdf = new Uint8Array(revision.pdf);
    const { report } = await verifyPlatformPdf(prisma, pki, pdf, { now: now() });
    const sent = await sentContentOf(row, side);
    const reportPdf = await renderSignatureReportPdf({
      language: language ?? (row.ordererOrganization.country === "JP" ? "ja" : "ko"),
      contractNumber: sent?.contractNumber ?? row.contractNumber,
      title: sent?.title ?? row.title,
      documentSha256: revision.sha256,
      report,
    });
    return { contractNumber: sent?.contractNumber ?? row.contractNumber, pdf: reportPdf };
  }

  /** These exact bytes were accepted as the caller's signature over the current edition (an earlier edition's do not count). */
  async function findAcceptedReplay(actor: Actor, contractId: string, sha256: string, edition: number): Promise<boolean> {
    const revision = await repository.findRevisionBySha256(prisma, contractId, sha256);
    if (!revision || revision.revision === 0 || revision.edition !== edition) return false;
    return (await repository.findSignatureAt(prisma, { contractId, ...revision, organizationId: actor.organizationId })) !== null;
  }

  /**
   * Accepts a signature made in the browser over the current revision. Returns isNew false (200) when these exact
   * bytes were accepted before (a retry after a lost response), true (201) when this call added the signature.
   */
  async function signContract(actor: Actor, contractId: string, body: SignContractBody): Promise<{ contract: ContractDetail; isNew: boolean }> {
    const { row, side } = await loadContract(actor, contractId);
    const signed = decodeSignedPdf(body.signedPdf, SIGNED_PDF_MAX_BYTES);
    const sha256 = sha256Hex(signed);
    if (await findAcceptedReplay(actor, contractId, sha256, row.edition)) return { contract: await getContract(actor, contractId), isNew: false };

    const transition = nextContractStatus(row.status, "SIGN", side);
    if (transition === null) throw refusedTransition("SIGN", row.status, side);
    const signedBy = await repository.listSignedOrganizationIds(prisma, contractId, row.edition);
    const slot = nextContractSigner(signingOrderOf(row), signedBy);
    if (!slot || slot.organizationId !== actor.organizationId) {
      const awaited = slot ? organizationsOf(row).get(slot.organizationId)?.nameLocal : undefined;
      throw new AppError("CONFLICT", `It is not your organisation's turn to sign this contract${awaited ? `: ${awaited}'s signature comes first` : ""}.`, {
        currentState: row.status,
      });
    }
    // A joint venture's members sign while it stays SENT; the lead's signature completes the contractor side.
    const next = slot.side === "CONTRACTOR" && slot.organizationId !== row.contractorOrganizationId ? row.status : transition;
    if (side === "CONTRACTOR" && (await missingRequiredGuarantees(prisma, row)).length > 0) {
      throw new AppError("CONFLICT", "The contract guarantee must be issued and linked before the contractor signs.", { currentState: row.status });
    }
    const latest = await repository.findRevisionPdf(prisma, contractId, row.edition);
    if (!latest || body.edition !== row.edition || body.revision !== latest.revision) {
      throw new AppError(
        "CONFLICT",
        `The PDF was signed over a different revision (edition ${body.edition}, revision ${body.revision}); the current one is edition ${row.edition}, revision ${latest?.revision ?? 0}. Reload the contract and sign again.`,
        { currentState: row.status },
      );
    }

    const at = now();
    const { certificateId, delegationId, genTime, timestampSerialHex } = await acceptSignedRevision(prisma, pki, actor, {
      previousPdf: new Uint8Array(latest.pdf),
      signedPdf: signed,
      previousCount: latest.revision,
      fieldName: slot.fieldName,
      scope: "CONTRACTS",
      at,
    });
    const accepted = { genTime, timestampSerialHex };
    const revision = latest.revision + 1;

    try {
      await prisma.$transaction(async (tx) => {
        const expected = { contractId, organizationId: actor.organizationId, side, status: row.status, version: row.version };
        const data = { status: next as ContractStatus, ...(next === "COMPLETED" ? { completedAt: at } : {}) };
        if (!(await repository.updateContractIf(tx, expected, data))) throw await conflictNow(actor, contractId, tx);
        // Both unique keys (contract, edition, revision) and (contract, edition, organisation) also stop a second signature.
        await repository.createRevision(tx, { contractId, edition: row.edition, revision, pdf: signed, sha256 });
        const signature = await repository.createSignature(tx, {
          contractId,
          edition: row.edition,
          revision,
          side,
          fieldName: slot.fieldName,
          signerUserId: actor.userId,
          organizationId: actor.organizationId,
          certificateId,
          delegationId,
          signedAt: accepted.genTime,
          timestampSerialHex: accepted.timestampSerialHex,
        });
        const event = { contractId, edition: row.edition, actorUserId: actor.userId, actorOrganizationId: actor.organizationId };
        await repository.createEvent(tx, { ...event, kind: "SIGNED" });
        if (next === "COMPLETED") await repository.createEvent(tx, { ...event, kind: "COMPLETED" });
        await recordAuditEvent(tx, {
          action: "contracts.signed",
          actor,
          target: { type: "Contract", id: contractId },
          ipAddress: actor.ipAddress,
          data: {
            signatureId: signature.id,
            side,
            fieldName: slot.fieldName,
            edition: row.edition,
            revision,
            sha256,
            certificateId,
            delegationId,
            signedAt: accepted.genTime.toISOString(),
            timestampSerialHex: accepted.timestampSerialHex,
            status: next,
          },
        });
        const params = { number: row.contractNumber, title: row.title, organization: organizationsOf(row).get(actor.organizationId)?.nameLocal ?? "" };
        const following = nextContractSigner(signingOrderOf(row), [...signedBy, actor.organizationId]);
        await notifier?.notify(
          tx,
          following
            ? {
                kind: "CONTRACT_AWAITING_SIGNATURE",
                eventKey: `contract:${contractId}:awaiting:${row.edition}:${following.organizationId}`,
                organizationIds: [following.organizationId],
                params,
                link: `/contracts/${contractId}`,
                extraEmails: contactsOf(row, [following.side]),
              }
            : {
                kind: "CONTRACT_COMPLETED",
                eventKey: `contract:${contractId}:completed:${row.edition}`,
                organizationIds: [row.ordererOrganizationId, ...contractorSideOf(row)],
                params,
                link: `/contracts/${contractId}`,
                extraEmails: contactsOf(row, ["ORDERER", "CONTRACTOR"]),
              },
        );
      });
    } catch (error) {
      if (!(error instanceof AppError && error.code === "CONFLICT") && !isUniqueViolation(error)) throw error;
      // The same bytes sent twice at once: the other request stored them, and this one answers as a replay.
      if (await findAcceptedReplay(actor, contractId, sha256, row.edition)) return { contract: await getContract(actor, contractId), isNew: false };
      if (error instanceof AppError) throw error;
      throw await conflictNow(actor, contractId);
    }
    return { contract: await getContract(actor, contractId), isNew: true };
  }

  return {
    listContracts,
    getContract,
    createContract,
    updateContract,
    deleteContract,
    setAnnex,
    removeAnnex,
    sendContract,
    returnContract: (actor: Actor, contractId: string, body: ContractReasonBody) => returnOrCancel(actor, contractId, "RETURN", body),
    cancelContract: (actor: Actor, contractId: string, body: ContractReasonBody) => returnOrCancel(actor, contractId, "CANCEL", body),
    getPdf,
    getTimeline,
    getSignatureReport,
    signContract,
  };
}

export type ContractsService = ReturnType<typeof createContractsService>;
