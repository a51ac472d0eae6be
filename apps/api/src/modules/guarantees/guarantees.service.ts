// The rules of electronic guarantees (전자보증 · 電子保証): the contractor's application (drafts, sending with
// authority, corrections), the surety's review (correction requests, refusal) and every signed version (issue,
// change, correction, cancellation, release): the server prepares the canonical document and its PDFs, the surety
// signs them in the browser, the server verifies everything before accepting. Which step is allowed from which
// state is decided only by the shared state machine; every state change is one transaction with a conditional
// update on (id, status, version), its history event and its audit event. The authentication key never leaves
// this file except to its two owners (auth-key, key notice) and never reaches a log or an audit row.
import { createHash, randomInt } from "node:crypto";
import { CURRENCY_BY_COUNTRY } from "@pwp/shared/contracts";
import { isValidContactEmail, isValidContactPhone } from "@pwp/shared/counterparties";
import type { FieldError } from "@pwp/shared/error-codes";
import {
  allowedGuaranteeActions,
  guaranteeDisplayStatus,
  KINDS_WITH_DEPOSIT_BANK,
  nextGuaranteeStatus,
  OfflineGuaranteeDataSchema,
  VERSION_KIND_BY_ACTION,
  type CreateGuaranteeBody,
  type RequestGuaranteeChangeBody,
  type GuaranteeAction,
  type GuaranteeAmendment,
  type GuaranteeAuthKey,
  type GuaranteeChangeRequest,
  type GuaranteeContact,
  type GuaranteeDetail,
  type GuaranteeEventKind,
  type GuaranteeList,
  type GuaranteeListQuery,
  type GuaranteeReasonBody,
  type GuaranteeSide,
  type GuaranteeStatus,
  type GuaranteeSummary,
  type GuaranteeVersionKind,
  type OfflineGuaranteeData,
  type PrepareGuaranteeVersionBody,
  type PreparedGuaranteeVersion,
  type SignGuaranteeVersionBody,
  type SigningGuaranteeAction,
  type UpdateGuaranteeBody,
} from "@pwp/shared/guarantees";
import type { DbClient, PrismaClient } from "../../db/database.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/app-error.ts";
import { recordAuditEvent } from "../../lib/audit.ts";
import type { Notifier } from "../../lib/mail/notifier.ts";
import { displayGuaranteeNumber, OFFLINE_NUMBER_PREFIX } from "../../lib/contract-guarantees.ts";
import { decodeCursor, encodeCursor } from "../../lib/page-cursor.ts";
import { findSigningAuthority } from "../../lib/signing-authority.ts";
import type { UploadedFile } from "../../lib/uploads.ts";
import { compileValidator, toFieldErrors } from "../../lib/validation.ts";
import type { PlatformPki } from "../../plugins/pki.ts";
import {
  applyAmendment,
  buildCertificateDocument,
  canonicalJsonOf,
  dateInKoreaJapan,
  diffTerms,
  languageOf,
  parseCertificateDocument,
  partyOf,
  termsOf,
  type GuaranteeTerms,
  type TermChange,
} from "./guarantee-document.ts";
import { createAuthKeys } from "../../lib/guarantee-auth-keys.ts";
import { decodeBase64Field, refuseField, verifyVersionSignatures } from "./guarantee-signing.ts";
import { renderFeeStatementPdf, renderGuaranteeCertificatePdf, renderKeyNoticePdf } from "./guarantee-pdfs.ts";
import * as repository from "./guarantees.repository.ts";

interface Dependencies {
  prisma: PrismaClient;
  pki: PlatformPki;
  /** PKI_MASTER_KEY (the key's HMAC and encryption keys are derived from it) and PUBLIC_URL (the key notice's link). */
  config: { pkiMasterKey: Uint8Array; publicUrl: string };
  /** Tells whoever the step waits on (inbox and e-mail); absent where nobody is told (the demo seed). */
  notifier?: Notifier;
  now?: () => Date;
}

const NOT_FOUND_MESSAGE = "There is no such guarantee among your organisation's guarantees.";
const NUMBER_ATTEMPTS = 8;
const SIGNING_ACTIONS: readonly GuaranteeAction[] = ["ISSUE", "CHANGE", "CORRECT", "CANCEL", "RELEASE"];
const ACTION_BY_VERSION_KIND: Record<GuaranteeVersionKind, SigningGuaranteeAction> = {
  ISSUE: "ISSUE",
  CHANGE: "CHANGE",
  CORRECTION: "CORRECT",
  CANCELLATION: "CANCEL",
  RELEASE: "RELEASE",
};
const EVENT_BY_SIGNING_ACTION: Record<SigningGuaranteeAction, GuaranteeEventKind> = {
  ISSUE: "ISSUED",
  CHANGE: "CHANGED",
  CORRECT: "CORRECTED",
  CANCEL: "CANCELLED",
  RELEASE: "RELEASED",
};
export const AUTH_KEY_VIEWED_AUDIT_ACTION = "guarantee.auth_key.viewed";

// ---- mapping ------------------------------------------------------------------------------------------------------

const toDate = (value: string) => new Date(`${value}T00:00:00.000Z`);
const fromDate = (value: Date) => value.toISOString().slice(0, 10);
const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const ownBytes = (bytes: Uint8Array) => new Uint8Array(bytes) as Uint8Array<ArrayBuffer>;
const isEqualBytes = (a: Uint8Array | null, b: Uint8Array | null) => (a === null || b === null ? a === b : Buffer.from(a).equals(Buffer.from(b)));

function sideOf(row: { contractorOrganizationId: string }, organizationId: string): GuaranteeSide {
  return row.contractorOrganizationId === organizationId ? "CONTRACTOR" : "SURETY";
}

function toOrganizationRef(row: repository.OrganizationRow) {
  return { id: row.id, nameLocal: row.nameLocal, nameLatin: row.nameLatin, registrationNumber: row.registrationNumber };
}

function toSummary(row: repository.GuaranteeSummaryRow, side: GuaranteeSide, today: string): GuaranteeSummary {
  const guaranteeEndDate = fromDate(row.guaranteeEndDate);
  return {
    id: row.id,
    origin: row.origin,
    kind: row.kind,
    status: row.status,
    displayStatus: guaranteeDisplayStatus({ origin: row.origin, status: row.status, currentVersion: row.currentVersion, guaranteeEndDate, today }),
    guaranteeNumber: displayGuaranteeNumber(row),
    worksTitle: row.worksTitle,
    ordererName: row.ordererName,
    contractor: toOrganizationRef(row.contractorOrganization),
    surety: row.suretyOrganization ? toOrganizationRef(row.suretyOrganization) : null,
    offlineIssuerName: row.offlineIssuerName,
    // At most 999,999,999,999,999, below 2^53: exact as a JSON number.
    guaranteeAmount: Number(row.guaranteeAmount),
    currency: row.currency,
    guaranteeEndDate,
    mySide: side,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function termsOfRow(row: repository.GuaranteeDetailRow): GuaranteeTerms {
  return {
    worksTitle: row.worksTitle,
    ordererName: row.ordererName,
    contractAmount: Number(row.contractAmount),
    contractDate: fromDate(row.contractDate),
    worksStartDate: fromDate(row.worksStartDate),
    worksEndDate: fromDate(row.worksEndDate),
    guaranteeAmount: Number(row.guaranteeAmount),
    guaranteeStartDate: fromDate(row.guaranteeStartDate),
    guaranteeEndDate: fromDate(row.guaranteeEndDate),
    depositBankName: row.depositBankName,
    depositBranchName: row.depositBranchName,
  };
}

/** The row's columns for a version's terms, written when the version is accepted. */
function termsData(terms: GuaranteeTerms) {
  return {
    worksTitle: terms.worksTitle,
    ordererName: terms.ordererName,
    contractAmount: BigInt(terms.contractAmount),
    contractDate: toDate(terms.contractDate),
    worksStartDate: toDate(terms.worksStartDate),
    worksEndDate: toDate(terms.worksEndDate),
    guaranteeAmount: BigInt(terms.guaranteeAmount),
    guaranteeStartDate: toDate(terms.guaranteeStartDate),
    guaranteeEndDate: toDate(terms.guaranteeEndDate),
    depositBankName: terms.depositBankName,
    depositBranchName: terms.depositBranchName,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** 11 random digits, shown 00000-000000 (seed 004's format, GUARANTEE_NUMBER_PATTERN). */
function randomGuaranteeNumber(): string {
  const digits = String(randomInt(0, 100_000_000_000)).padStart(11, "0");
  return `${digits.slice(0, 5)}-${digits.slice(5)}`;
}

// ---- validation ---------------------------------------------------------------------------------------------------

function validationError(fields: FieldError[], what = "the application"): AppError {
  const summary = fields.map((field) => `${field.field} ${field.message}`).join("; ");
  return new AppError("VALIDATION_FAILED", `Please correct ${what}: ${summary}.`, { fields });
}


const ACTION_VERBS: Record<GuaranteeAction, string> = {
  EDIT: "edited",
  DELETE: "deleted",
  SUBMIT: "sent to the surety",
  REQUEST_CORRECTION: "sent back for corrections",
  REFUSE: "refused",
  ISSUE: "issued",
  CHANGE: "changed",
  CORRECT: "corrected",
  CANCEL: "cancelled",
  RELEASE: "released",
  REKEY: "given a new key",
  SUBMIT_KEY_NOTICE: "submitted to the orderer",
  REQUEST_CHANGE: "asked to be changed",
};

function refusedTransition(action: GuaranteeAction, status: GuaranteeStatus, side: GuaranteeSide, isOffline = false): AppError {
  if (isOffline) return new AppError("CONFLICT", "An offline guarantee is a record of a guarantee issued elsewhere: it cannot be changed here.", { currentState: status });
  const who = side === "CONTRACTOR" ? "the contractor" : "the surety";
  return new AppError("CONFLICT", `A guarantee in status ${status} cannot be ${ACTION_VERBS[action]} by ${who}.`, { currentState: status });
}

function staleVersion(status: GuaranteeStatus): AppError {
  return new AppError("CONFLICT", "The guarantee was changed by someone else in the meantime: reload it and try again.", { currentState: status });
}

/** The contacts cleaned up, with every bad e-mail address and phone number named. */
function checkContacts(contacts: GuaranteeContact[], fields: FieldError[], prefix = "body.contacts") {
  return contacts.map((contact, index) => {
    const email = contact.email?.trim() ?? "";
    const phone = contact.phone?.trim() ?? "";
    if (email && !isValidContactEmail(email)) fields.push({ field: `${prefix}.${index}.email`, message: "is not an e-mail address" });
    if (phone && !isValidContactPhone(phone)) fields.push({ field: `${prefix}.${index}.phone`, message: "may hold only digits, spaces, +, - and parentheses" });
    return { name: contact.name.trim(), department: contact.department?.trim() ?? "", phone, email };
  });
}

/** The amount and period rules every version's terms keep (the fields named as in `prefix`). */
function checkTerms(
  terms: Pick<GuaranteeTerms, "contractAmount" | "guaranteeAmount" | "guaranteeStartDate" | "guaranteeEndDate" | "worksStartDate" | "worksEndDate">,
  targetAmountThisYear: number | null,
  fields: FieldError[],
  prefix: string,
) {
  if (terms.worksStartDate > terms.worksEndDate) fields.push({ field: `${prefix}.worksEndDate`, message: "must be on or after the start of the works" });
  if (terms.guaranteeStartDate > terms.guaranteeEndDate) fields.push({ field: `${prefix}.guaranteeEndDate`, message: "must be on or after the start of the guarantee period" });
  if (targetAmountThisYear !== null && targetAmountThisYear > terms.contractAmount) {
    fields.push({ field: `${prefix}.targetAmountThisYear`, message: "cannot exceed the contract amount" });
  }
  const base = targetAmountThisYear ?? terms.contractAmount;
  if (terms.guaranteeAmount > base) {
    fields.push({ field: `${prefix}.guaranteeAmount`, message: targetAmountThisYear === null ? "cannot exceed the contract amount" : "cannot exceed this year's target amount" });
  }
}

const offlineValidator = compileValidator({ schema: OfflineGuaranteeDataSchema, httpPart: "body" });

// ---- the service --------------------------------------------------------------------------------------------------

export function createGuaranteesService({ prisma, pki, config, notifier, now = () => new Date() }: Dependencies) {
  /** The application's notification e-mail and its contacts' addresses, told as well as the contractor's users. */
  const caseContactsOf = (row: { notificationEmail: string; contacts: unknown; contractorOrganization: { country: "KR" | "JP" } }) => ({
    addresses: [row.notificationEmail, ...(row.contacts as GuaranteeContact[]).map((contact) => contact.email ?? "")].filter(Boolean),
    locale: row.contractorOrganization.country === "KR" ? ("ko" as const) : ("ja" as const),
  });

  const authKeys = createAuthKeys(config.pkiMasterKey);

  /** The guarantee as the caller may see it, with their side; 404 for anyone who is neither contractor nor surety. */
  async function loadGuarantee(actor: Actor, guaranteeId: string) {
    const row = await repository.findGuarantee(prisma, actor.organizationId, guaranteeId);
    if (!row) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
    return { row, side: sideOf(row, actor.organizationId) };
  }

  /** The guarantee, if `action` is allowed to the caller's side now and `version` (when given) is current. */
  async function loadForAction(actor: Actor, guaranteeId: string, action: GuaranteeAction, version?: number) {
    const loaded = await loadGuarantee(actor, guaranteeId);
    const isOffline = loaded.row.origin === "OFFLINE";
    const next = isOffline ? null : nextGuaranteeStatus(loaded.row.status, action, loaded.side);
    if (next === null) throw refusedTransition(action, loaded.row.status, loaded.side, isOffline);
    if (version !== undefined && version !== loaded.row.version) throw staleVersion(loaded.row.status);
    return { ...loaded, next };
  }

  /** Thrown inside a transaction whose conditional update matched nothing: says what the guarantee is now. */
  /**
   * Says what the record is now, after a conditional update matched nothing. Inside a transaction pass its client:
   * PGlite has one connection, and a read through another client would wait for the transaction it is part of.
   */
  async function conflictNow(actor: Actor, guaranteeId: string, db: DbClient = prisma): Promise<AppError> {
    const current = await repository.findGuarantee(db, actor.organizationId, guaranteeId);
    if (!current) return new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
    return staleVersion(current.status);
  }

  const expectedOf = (actor: Actor, row: { id: string; status: GuaranteeStatus; version: number }, side: GuaranteeSide): repository.Expected => ({
    guaranteeId: row.id,
    organizationId: actor.organizationId,
    side,
    status: row.status,
    version: row.version,
  });

  const hasGuaranteesAuthority = async (actor: Actor, at: Date) =>
    (await findSigningAuthority(prisma, { userId: actor.userId, organizationId: actor.organizationId, scope: "GUARANTEES", at })) !== null;

  async function allowedActionsOf(actor: Actor, row: repository.GuaranteeDetailRow, side: GuaranteeSide): Promise<GuaranteeAction[]> {
    let actions = allowedGuaranteeActions(row.status, side, row.origin);
    if (row.contractId === null) actions = actions.filter((action) => action !== "SUBMIT_KEY_NOTICE");
    // Sending the application and every signed version need authority in the guarantees scope; the rest any user may do.
    const needsAuthority = (action: GuaranteeAction) => action === "SUBMIT" || SIGNING_ACTIONS.includes(action);
    if (!actions.some(needsAuthority)) return actions;
    return (await hasGuaranteesAuthority(actor, now())) ? actions : actions.filter((action) => !needsAuthority(action));
  }

  async function toPrepared(row: { guaranteeNumber: string | null }, prepared: NonNullable<Awaited<ReturnType<typeof repository.findPreparedVersion>>>): Promise<PreparedGuaranteeVersion> {
    return {
      number: prepared.number,
      kind: prepared.kind,
      guaranteeNumber: row.guaranteeNumber ?? "",
      canonicalJson: prepared.canonicalJson,
      certificatePdfSha256: sha256Hex(prepared.certificatePdf),
      feeStatementPdfSha256: prepared.feeStatementPdf ? sha256Hex(prepared.feeStatementPdf) : null,
    };
  }

  async function toDetail(actor: Actor, row: repository.GuaranteeDetailRow, side: GuaranteeSide): Promise<GuaranteeDetail> {
    const [versions, events, allowedActions, prepared] = await Promise.all([
      repository.listSignedVersions(prisma, row.id),
      repository.listEvents(prisma, row.id),
      allowedActionsOf(actor, row, side),
      side === "SURETY" && row.origin === "PLATFORM" ? repository.findPreparedVersion(prisma, row.id) : Promise.resolve(null),
    ]);
    return {
      ...toSummary(row, side, dateInKoreaJapan(now())),
      contractId: row.contractId,
      orderer: row.ordererOrganization ? toOrganizationRef(row.ordererOrganization) : null,
      contractAmount: Number(row.contractAmount),
      contractDate: fromDate(row.contractDate),
      worksStartDate: fromDate(row.worksStartDate),
      worksEndDate: fromDate(row.worksEndDate),
      guaranteeStartDate: fromDate(row.guaranteeStartDate),
      targetAmountThisYear: row.targetAmountThisYear === null ? null : Number(row.targetAmountThisYear),
      depositBankName: row.depositBankName,
      depositBranchName: row.depositBranchName,
      usesReDeposit: row.usesReDeposit,
      feePaymentMethod: row.feePaymentMethod,
      feeBilledTo: row.feeBilledTo,
      delivery: row.delivery,
      wantsPaperFeeStatement: row.wantsPaperFeeStatement,
      destinationBranch: row.destinationBranch,
      notificationEmail: row.notificationEmail,
      contacts: row.contacts as GuaranteeContact[],
      message: row.message,
      issuedAt: row.issuedAt?.toISOString() ?? null,
      currentVersion: row.currentVersion,
      keyNoticeSubmittedAt: row.keyNoticeSubmittedAt?.toISOString() ?? null,
      // Stored only by requestChange, from a body the schema checked.
      changeRequest: (row.changeRequest as GuaranteeChangeRequest | null) ?? null,
      versions: versions.map((version) => ({
        number: version.number,
        kind: version.kind,
        changes: version.changes as TermChange[],
        reason: version.reason,
        signer: version.signerName !== null ? { name: version.signerName, certificateSubject: version.certificateSubject ?? "" } : null,
        signedAt: version.signedAt?.toISOString() ?? null,
        reachedPlatformAt: version.createdAt.toISOString(),
        hasFeeStatement: version.hasFeeStatement,
      })),
      preparedVersion: prepared ? await toPrepared(row, prepared) : null,
      events: events.map((event) => ({
        id: event.id,
        kind: event.kind,
        versionNumber: event.versionNumber,
        actor: event.actorName !== null ? { name: event.actorName, organizationName: event.actorOrganizationName ?? "" } : null,
        reason: event.reason,
        createdAt: event.createdAt.toISOString(),
      })),
      allowedActions,
      version: row.version,
      createdAt: row.createdAt.toISOString(),
    };
  }

  async function getGuarantee(actor: Actor, guaranteeId: string): Promise<GuaranteeDetail> {
    const { row, side } = await loadGuarantee(actor, guaranteeId);
    return toDetail(actor, row, side);
  }

  async function listGuarantees(actor: Actor, side: GuaranteeSide, query: GuaranteeListQuery): Promise<GuaranteeList> {
    const limit = query.limit ?? 20;
    let before: { updatedAt: Date; id: string } | undefined;
    if (query.cursor !== undefined) {
      const { key, id } = decodeCursor(query.cursor);
      const updatedAt = new Date(key);
      if (Number.isNaN(updatedAt.getTime())) throw refuseField("querystring.cursor", "is not a cursor this list gave out");
      before = { updatedAt, id };
    }
    const rows = await repository.listGuarantees(prisma, {
      organizationId: actor.organizationId,
      side,
      status: query.status,
      kind: query.kind,
      awaitingStatus: query.awaitingMe ? (side === "SURETY" ? "SUBMITTED" : "CORRECTION_REQUESTED") : undefined,
      contractId: query.contractId,
      q: query.q?.trim() || undefined,
      before,
      take: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const today = dateInKoreaJapan(now());
    return {
      items: items.map((row) => toSummary(row, side, today)),
      nextCursor: rows.length > limit && last ? encodeCursor(last.updatedAt.toISOString(), last.id) : null,
    };
  }

  // ---- the application -------------------------------------------------------------------------------------------

  /**
   * The rules of an application the schema cannot express; returns what the row stores, or throws naming every bad
   * field. Applying from a contract takes the orderer, works title, dates and currency from the contract (whatever
   * the body says: the signed contract is the source), and the contract amount must be the contract's, since the
   * guarantee's share is computed against it.
   */
  async function checkApplication(actor: Actor, body: CreateGuaranteeBody): Promise<repository.ApplicationData> {
    const fields: FieldError[] = [];
    const [surety, contractor, contract, orderer] = await Promise.all([
      repository.findApprovedOrganization(prisma, body.suretyOrganizationId, "SURETY"),
      repository.findOrganization(prisma, actor.organizationId),
      body.contractId ? repository.findContractorContract(prisma, actor.organizationId, body.contractId) : Promise.resolve(null),
      !body.contractId && body.ordererOrganizationId ? repository.findApprovedOrganization(prisma, body.ordererOrganizationId, "ORDERER") : Promise.resolve(null),
    ]);
    if (!contractor) throw new AppError("NOT_FOUND", "Your organisation was not found.");
    if (!surety) fields.push({ field: "body.suretyOrganizationId", message: "is not an approved surety on the platform" });

    let fromContract: Pick<repository.ApplicationData, "ordererOrganizationId" | "ordererName" | "worksTitle" | "contractDate" | "worksStartDate" | "worksEndDate" | "currency"> | null = null;
    if (body.contractId) {
      if (!contract) {
        fields.push({ field: "body.contractId", message: "is not one of your contracts" });
      } else if (contract.status === "CANCELLED") {
        fields.push({ field: "body.contractId", message: "is a cancelled contract" });
      } else {
        if (Number(contract.amount) !== body.contractAmount) {
          fields.push({ field: "body.contractAmount", message: `must be the contract's amount (${contract.amount})` });
        }
        fromContract = {
          ordererOrganizationId: contract.ordererOrganizationId,
          ordererName: contract.ordererOrganization.nameLocal,
          worksTitle: contract.title,
          contractDate: contract.contractDate,
          worksStartDate: contract.worksStartDate,
          worksEndDate: contract.worksEndDate,
          currency: contract.currency,
        };
      }
    } else if (body.ordererOrganizationId && !orderer) {
      fields.push({ field: "body.ordererOrganizationId", message: "is not an approved orderer on the platform" });
    }

    const dates = fromContract
      ? { worksStartDate: fromDate(fromContract.worksStartDate), worksEndDate: fromDate(fromContract.worksEndDate) }
      : { worksStartDate: body.worksStartDate, worksEndDate: body.worksEndDate };
    checkTerms({ ...body, ...dates }, body.targetAmountThisYear, fields, "body");
    if (KINDS_WITH_DEPOSIT_BANK.includes(body.kind) && !body.depositBankName.trim()) {
      fields.push({ field: "body.depositBankName", message: "is required for an advance-payment guarantee (the advance is deposited there)" });
    }
    const notificationEmail = body.notificationEmail.trim();
    if (notificationEmail && !isValidContactEmail(notificationEmail)) fields.push({ field: "body.notificationEmail", message: "is not an e-mail address" });
    const contacts = checkContacts(body.contacts, fields);
    if (fields.length > 0) throw validationError(fields);

    const ordererCountry = orderer?.country ?? null;
    return {
      kind: body.kind,
      suretyOrganizationId: body.suretyOrganizationId,
      contractId: body.contractId,
      ordererOrganizationId: fromContract?.ordererOrganizationId ?? body.ordererOrganizationId,
      ordererName: fromContract?.ordererName ?? body.ordererName.trim(),
      worksTitle: fromContract?.worksTitle ?? body.worksTitle.trim(),
      currency: fromContract?.currency ?? CURRENCY_BY_COUNTRY[ordererCountry ?? contractor.country],
      contractAmount: BigInt(body.contractAmount),
      contractDate: fromContract?.contractDate ?? toDate(body.contractDate),
      worksStartDate: fromContract?.worksStartDate ?? toDate(body.worksStartDate),
      worksEndDate: fromContract?.worksEndDate ?? toDate(body.worksEndDate),
      guaranteeAmount: BigInt(body.guaranteeAmount),
      guaranteeStartDate: toDate(body.guaranteeStartDate),
      guaranteeEndDate: toDate(body.guaranteeEndDate),
      targetAmountThisYear: body.targetAmountThisYear === null ? null : BigInt(body.targetAmountThisYear),
      depositBankName: body.depositBankName.trim(),
      depositBranchName: body.depositBranchName.trim(),
      usesReDeposit: body.usesReDeposit,
      feePaymentMethod: body.feePaymentMethod,
      feeBilledTo: body.feeBilledTo.trim(),
      delivery: body.delivery,
      wantsPaperFeeStatement: body.wantsPaperFeeStatement,
      destinationBranch: body.destinationBranch.trim(),
      notificationEmail,
      contacts,
      message: body.message.trim(),
    };
  }

  const auditData = (data: repository.ApplicationData) => ({
    kind: data.kind,
    suretyOrganizationId: data.suretyOrganizationId,
    contractId: data.contractId,
    guaranteeAmount: String(data.guaranteeAmount),
    contractAmount: String(data.contractAmount),
  });

  async function createGuarantee(actor: Actor, body: CreateGuaranteeBody): Promise<GuaranteeDetail> {
    const data = await checkApplication(actor, body);
    const guaranteeId = await prisma.$transaction(async (tx) => {
      const created = await repository.createGuarantee(tx, { ...data, contractorOrganizationId: actor.organizationId, createdById: actor.userId });
      await repository.createEvent(tx, { guaranteeId: created.id, kind: "CREATED", actorUserId: actor.userId, actorOrganizationId: actor.organizationId });
      await recordAuditEvent(tx, { action: "guarantees.created", actor, target: { type: "Guarantee", id: created.id }, ipAddress: actor.ipAddress, data: auditData(data) });
      return created.id;
    });
    return getGuarantee(actor, guaranteeId);
  }

  async function updateGuarantee(actor: Actor, guaranteeId: string, body: UpdateGuaranteeBody): Promise<GuaranteeDetail> {
    const { row, side } = await loadForAction(actor, guaranteeId, "EDIT", body.version);
    const { version: _version, ...application } = body;
    const data = await checkApplication(actor, application);
    await prisma.$transaction(async (tx) => {
      if (!(await repository.updateGuaranteeIf(tx, expectedOf(actor, row, side), data))) throw await conflictNow(actor, guaranteeId, tx);
      await repository.createEvent(tx, { guaranteeId, kind: "UPDATED", actorUserId: actor.userId, actorOrganizationId: actor.organizationId });
      await recordAuditEvent(tx, { action: "guarantees.updated", actor, target: { type: "Guarantee", id: guaranteeId }, ipAddress: actor.ipAddress, data: { ...auditData(data), version: row.version + 1 } });
    });
    return getGuarantee(actor, guaranteeId);
  }

  async function deleteGuarantee(actor: Actor, guaranteeId: string): Promise<void> {
    const { row } = await loadForAction(actor, guaranteeId, "DELETE");
    await prisma.$transaction(async (tx) => {
      if (!(await repository.deleteDraft(tx, actor.organizationId, guaranteeId))) throw await conflictNow(actor, guaranteeId, tx);
      await recordAuditEvent(tx, { action: "guarantees.deleted", actor, target: { type: "Guarantee", id: guaranteeId }, ipAddress: actor.ipAddress, data: { kind: row.kind, worksTitle: row.worksTitle } });
    });
  }

  async function submitGuarantee(actor: Actor, guaranteeId: string, version: number): Promise<GuaranteeDetail> {
    const { row, side, next } = await loadForAction(actor, guaranteeId, "SUBMIT", version);
    const at = now();
    if (!(await hasGuaranteesAuthority(actor, at))) {
      throw new AppError("FORBIDDEN", "You have no authority to apply for guarantees for your organisation: the representative or an agent with a guarantees delegation must send it.");
    }
    const kind = row.status === "DRAFT" ? "SUBMITTED" : "RESUBMITTED";
    await prisma.$transaction(async (tx) => {
      if (!(await repository.updateGuaranteeIf(tx, expectedOf(actor, row, side), { status: next as GuaranteeStatus, submittedAt: at }))) throw await conflictNow(actor, guaranteeId, tx);
      await repository.createEvent(tx, { guaranteeId, kind, actorUserId: actor.userId, actorOrganizationId: actor.organizationId });
      await recordAuditEvent(tx, { action: "guarantees.submitted", actor, target: { type: "Guarantee", id: guaranteeId }, ipAddress: actor.ipAddress, data: { from: row.status, event: kind } });
      if (row.suretyOrganizationId) {
        await notifier?.notify(tx, {
          kind: "GUARANTEE_SUBMITTED",
          eventKey: `guarantee:${guaranteeId}:submitted:${row.version}`,
          organizationIds: [row.suretyOrganizationId],
          params: { organization: row.contractorOrganization.nameLocal, title: row.worksTitle },
          link: `/guarantees/${guaranteeId}`,
        });
      }
    });
    return getGuarantee(actor, guaranteeId);
  }

  async function reviewGuarantee(actor: Actor, guaranteeId: string, action: "REQUEST_CORRECTION" | "REFUSE", body: GuaranteeReasonBody): Promise<GuaranteeDetail> {
    const { row, side, next } = await loadForAction(actor, guaranteeId, action, body.version);
    const reason = body.reason.trim();
    const kind = action === "REFUSE" ? "REFUSED" : "CORRECTION_REQUESTED";
    await prisma.$transaction(async (tx) => {
      if (!(await repository.updateGuaranteeIf(tx, expectedOf(actor, row, side), { status: next as GuaranteeStatus }))) throw await conflictNow(actor, guaranteeId, tx);
      // A version prepared for issue is void once the application goes back (or is refused): it was built from the old terms.
      await repository.deletePreparedVersions(tx, guaranteeId);
      await repository.createEvent(tx, { guaranteeId, kind, actorUserId: actor.userId, actorOrganizationId: actor.organizationId, reason });
      await recordAuditEvent(tx, {
        action: action === "REFUSE" ? "guarantees.refused" : "guarantees.correction_requested",
        actor,
        target: { type: "Guarantee", id: guaranteeId },
        ipAddress: actor.ipAddress,
        data: { reason },
      });
      await notifier?.notify(tx, {
        kind: action === "REFUSE" ? "GUARANTEE_REFUSED" : "GUARANTEE_CORRECTION_REQUESTED",
        eventKey: `guarantee:${guaranteeId}:${kind.toLowerCase()}:${row.version}`,
        organizationIds: [row.contractorOrganizationId],
        params: { organization: row.suretyOrganization?.nameLocal ?? "", title: row.worksTitle, reason },
        link: `/guarantees/${guaranteeId}`,
        extraEmails: caseContactsOf(row),
      });
    });
    return getGuarantee(actor, guaranteeId);
  }

  // ---- preparing a version -----------------------------------------------------------------------------------------

  /** The guarantee's number, allocated once (on the first issue): 12 random digits, retried on the rare collision. */
  async function allocateGuaranteeNumber(guaranteeId: string, current: string | null): Promise<string> {
    if (current !== null) return current;
    for (let attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
      try {
        // false: a concurrent preparation numbered it first, and its number is the one read below.
        await repository.setGuaranteeNumberIfUnset(prisma, guaranteeId, randomGuaranteeNumber());
        break;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    const numbered = await repository.findGuaranteeNumber(prisma, guaranteeId);
    if (!numbered?.guaranteeNumber) throw new AppError("CONFLICT", "Could not allocate a guarantee number just now; please try again.");
    return numbered.guaranteeNumber;
  }

  /** The rules of each signing action's body: which parts it takes, and what the amendment may do. */
  function checkPreparation(row: repository.GuaranteeDetailRow, body: PrepareGuaranteeVersionBody): { terms: GuaranteeTerms; changes: TermChange[]; reason: string } {
    const fields: FieldError[] = [];
    const current = termsOfRow(row);
    const reason = body.reason?.trim() ?? "";
    const amendment = body.amendment;
    if (body.action !== "ISSUE" && !reason) fields.push({ field: "body.reason", message: "is required: say why this version is made" });
    if (body.fee && body.action !== "ISSUE") fields.push({ field: "body.fee", message: "is delivered with the first issue only" });
    // 保証料計算書: every issued guarantee comes with its fee statement, signed with the certificate.
    if (!body.fee && body.action === "ISSUE") fields.push({ field: "body.fee", message: "is required: the fee statement is delivered with the issue" });
    if ((body.action === "CHANGE" || body.action === "CORRECT") && !amendment) {
      fields.push({ field: "body.amendment", message: "is required: give the fields that change" });
    }
    if ((body.action === "ISSUE" || body.action === "CANCEL") && amendment) {
      fields.push({ field: "body.amendment", message: `is not taken when the guarantee is ${ACTION_VERBS[body.action]}` });
    }
    if (body.action === "RELEASE" && amendment) {
      for (const key of Object.keys(amendment)) {
        if (key !== "guaranteeAmount") fields.push({ field: `body.amendment.${key}`, message: "cannot change in a release; only the remaining guaranteeAmount (partial release)" });
      }
      if (amendment.guaranteeAmount !== undefined && amendment.guaranteeAmount >= current.guaranteeAmount) {
        fields.push({ field: "body.amendment.guaranteeAmount", message: `must be lower than the current guarantee amount (${current.guaranteeAmount}) for a partial release` });
      }
    }
    if (fields.length > 0) throw validationError(fields, "the version");

    const terms = body.action === "ISSUE" || body.action === "CANCEL" ? current : applyAmendment(current, amendment);
    const changes = diffTerms(current, terms);
    if ((body.action === "CHANGE" || body.action === "CORRECT") && changes.length === 0) {
      throw validationError([{ field: "body.amendment", message: "changes nothing: at least one field must differ from the current version" }], "the version");
    }
    checkTerms(terms, row.targetAmountThisYear === null ? null : Number(row.targetAmountThisYear), fields, "body.amendment");
    if (fields.length > 0) throw validationError(fields, "the version");
    return { terms, changes, reason: body.action === "ISSUE" ? "" : reason };
  }

  async function prepareVersion(actor: Actor, guaranteeId: string, body: PrepareGuaranteeVersionBody): Promise<PreparedGuaranteeVersion> {
    const { row, side } = await loadForAction(actor, guaranteeId, body.action, body.version);
    const { terms, changes, reason } = checkPreparation(row, body);
    if (!row.suretyOrganization) throw new AppError("CONFLICT", "This guarantee has no surety.", { currentState: row.status });
    const guaranteeNumber = await allocateGuaranteeNumber(guaranteeId, row.guaranteeNumber);
    const number = row.currentVersion + 1;
    const language = languageOf(row.ordererOrganization?.country ?? null, row.contractorOrganization.country);
    const issuedOn = dateInKoreaJapan(now());
    const document = buildCertificateDocument({
      guaranteeNumber,
      versionNumber: number,
      versionKind: VERSION_KIND_BY_ACTION[body.action],
      kind: row.kind,
      language,
      contractor: partyOf(row.contractorOrganization),
      jvMembers: (row.contract?.jointVentureMembers ?? []).map((member) => partyOf(member.organization)),
      orderer: row.ordererOrganization ? partyOf(row.ordererOrganization) : null,
      surety: partyOf(row.suretyOrganization),
      currency: row.currency,
      terms,
      issuedOn,
      reason,
    });
    const canonicalJson = canonicalJsonOf(document);
    // Rendering takes a while (fonts): outside the transaction, which then re-checks that nothing changed meanwhile.
    const certificatePdf = ownBytes(await renderGuaranteeCertificatePdf(document));
    const feeStatementPdf =
      body.action === "ISSUE" && body.fee
        ? ownBytes(
            await renderFeeStatementPdf({
              language,
              guaranteeNumber,
              kind: row.kind,
              contractorName: row.contractorOrganization.nameLocal,
              suretyName: row.suretyOrganization.nameLocal,
              worksTitle: terms.worksTitle,
              currency: row.currency,
              baseAmount: body.fee.baseAmount,
              rateBasisPoints: body.fee.rateBasisPoints,
              feeAmount: body.fee.feeAmount,
              paymentMethod: row.feePaymentMethod,
              billedTo: row.feeBilledTo,
              issuedOn,
            }),
          )
        : null;
    const kind = VERSION_KIND_BY_ACTION[body.action];
    await prisma.$transaction(async (tx) => {
      if (!(await repository.updateGuaranteeIf(tx, { ...expectedOf(actor, row, side) }, {}))) throw await conflictNow(actor, guaranteeId, tx);
      // Only one version waits for a signature at a time: a new preparation replaces the one before.
      await repository.deletePreparedVersions(tx, guaranteeId);
      await repository.createPreparedVersion(tx, {
        guaranteeId,
        number,
        kind,
        canonicalJson,
        changes,
        reason,
        certificatePdf,
        feeStatementPdf,
        preparedById: actor.userId,
      });
      await recordAuditEvent(tx, {
        action: "guarantees.version_prepared",
        actor,
        target: { type: "Guarantee", id: guaranteeId },
        ipAddress: actor.ipAddress,
        data: {
          number,
          kind,
          guaranteeNumber,
          certificatePdfSha256: sha256Hex(certificatePdf),
          feeStatementPdfSha256: feeStatementPdf ? sha256Hex(feeStatementPdf) : null,
          changes,
          ...(body.fee ? { fee: { baseAmount: String(body.fee.baseAmount), rateBasisPoints: body.fee.rateBasisPoints, feeAmount: String(body.fee.feeAmount) } } : {}),
        },
      });
    });
    return {
      number,
      kind,
      guaranteeNumber,
      canonicalJson,
      certificatePdfSha256: sha256Hex(certificatePdf),
      feeStatementPdfSha256: feeStatementPdf ? sha256Hex(feeStatementPdf) : null,
    };
  }

  /** A version's stored PDF: prepared ones to the surety only, signed ones to both sides. */
  async function getVersionPdf(actor: Actor, guaranteeId: string, number: number, which: "certificate" | "feeStatement") {
    const { row, side } = await loadGuarantee(actor, guaranteeId);
    const files = await repository.findVersionFiles(prisma, guaranteeId, number, side !== "SURETY");
    const pdf = which === "certificate" ? files?.certificatePdf : files?.feeStatementPdf;
    if (!files || !pdf) {
      throw new AppError("NOT_FOUND", which === "feeStatement" && files ? "This version has no fee statement." : "There is no such version of this guarantee.");
    }
    const bytes = new Uint8Array(pdf);
    return { pdf: bytes, sha256: sha256Hex(bytes), guaranteeNumber: displayGuaranteeNumber(row) ?? "guarantee", number, isSigned: files.signedAt !== null };
  }

  // ---- signing a version ----------------------------------------------------------------------------------------------

  /** An earlier accepted signature of version `number` with exactly these bytes (a retry after a lost response). */
  async function isAcceptedReplay(guaranteeId: string, number: number, submitted: { signedData: Uint8Array; certificatePdf: Uint8Array; feeStatementPdf: Uint8Array | null }) {
    const stored = await repository.findSignedVersion(prisma, guaranteeId, number);
    if (!stored) return null;
    return (
      isEqualBytes(stored.signedData, submitted.signedData) &&
      isEqualBytes(stored.certificatePdf, submitted.certificatePdf) &&
      isEqualBytes(stored.feeStatementPdf, submitted.feeStatementPdf)
    );
  }

  /**
   * Accepts the surety's signatures over a prepared version, after verifying all of them. Returns isNew false (200)
   * when these exact bytes were accepted before, true (201) when this call made the version.
   */
  async function signVersion(actor: Actor, guaranteeId: string, number: number, body: SignGuaranteeVersionBody): Promise<{ guarantee: GuaranteeDetail; isNew: boolean }> {
    const { row, side } = await loadGuarantee(actor, guaranteeId);
    const submitted = {
      signedData: decodeBase64Field(body.signedData, "body.signedData"),
      certificatePdf: decodeBase64Field(body.signedCertificatePdf, "body.signedCertificatePdf"),
      feeStatementPdf: body.signedFeeStatementPdf === undefined ? null : decodeBase64Field(body.signedFeeStatementPdf, "body.signedFeeStatementPdf"),
    };
    const replay = await isAcceptedReplay(guaranteeId, number, submitted);
    if (replay === true) return { guarantee: await getGuarantee(actor, guaranteeId), isNew: false };
    if (replay === false) throw new AppError("CONFLICT", `Version ${number} of this guarantee is already signed.`, { currentState: row.status });

    const prepared = await repository.findPreparedVersion(prisma, guaranteeId);
    if (!prepared || prepared.number !== number) {
      throw new AppError("CONFLICT", `Version ${number} is not waiting for a signature: prepare it again.`, { currentState: row.status });
    }
    const action = ACTION_BY_VERSION_KIND[prepared.kind];
    const next = row.origin === "PLATFORM" ? nextGuaranteeStatus(row.status, action, side) : null;
    if (next === null) throw refusedTransition(action, row.status, side, row.origin === "OFFLINE");
    const isPartialRelease = action === "RELEASE" && (prepared.changes as TermChange[]).length > 0;
    const status: GuaranteeStatus = isPartialRelease ? "ISSUED" : (next as GuaranteeStatus);

    const at = now();
    const accepted = await verifyVersionSignatures(prisma, pki, actor, { prepared, submitted, at });
    const terms = termsOf(parseCertificateDocument(prepared.canonicalJson));
    const newKey = action === "ISSUE" ? authKeys.issueAuthKey(guaranteeId) : null;
    const eventKind = EVENT_BY_SIGNING_ACTION[action];
    try {
      await prisma.$transaction(async (tx) => {
        const data: Prisma.GuaranteeUpdateManyMutationInput = {
          ...termsData(terms),
          status,
          currentVersion: number,
          ...(action === "ISSUE" ? { issuedAt: at } : {}),
          ...(newKey ? { authKeyHash: newKey.authKeyHash, authKeyCiphertext: newKey.authKeyCiphertext } : {}),
          // The surety has answered the contractor's change request with this version.
          ...(action === "CHANGE" ? { changeRequest: Prisma.DbNull } : {}),
        };
        if (!(await repository.updateGuaranteeIf(tx, expectedOf(actor, row, side), data))) throw await conflictNow(actor, guaranteeId, tx);
        const isMarked = await repository.markVersionSigned(tx, prepared.id, {
          certificatePdf: ownBytes(submitted.certificatePdf),
          feeStatementPdf: submitted.feeStatementPdf ? ownBytes(submitted.feeStatementPdf) : null,
          signedData: ownBytes(submitted.signedData),
          signerUserId: actor.userId,
          certificateId: accepted.certificateId,
          delegationId: accepted.delegationId,
          signedAt: accepted.genTime,
          verification: accepted.verification,
          createdAt: at,
        });
        if (!isMarked) throw await conflictNow(actor, guaranteeId, tx);
        await repository.createEvent(tx, { guaranteeId, kind: eventKind, versionNumber: number, actorUserId: actor.userId, actorOrganizationId: actor.organizationId, reason: prepared.reason });
        await recordAuditEvent(tx, {
          action: `guarantees.${eventKind.toLowerCase()}`,
          actor,
          target: { type: "Guarantee", id: guaranteeId },
          ipAddress: actor.ipAddress,
          data: {
            versionNumber: number,
            versionKind: prepared.kind,
            guaranteeNumber: row.guaranteeNumber,
            status,
            certificateId: accepted.certificateId,
            delegationId: accepted.delegationId,
            signedAt: accepted.genTime.toISOString(),
            timestampSerialHex: accepted.timestampSerialHex,
            certificatePdfSha256: sha256Hex(submitted.certificatePdf),
            feeStatementPdfSha256: submitted.feeStatementPdf ? sha256Hex(submitted.feeStatementPdf) : null,
            changes: prepared.changes as Prisma.InputJsonArray,
            isKeyIssued: newKey !== null,
          },
        });
        await notifier?.notify(tx, {
          kind: "GUARANTEE_ISSUED",
          eventKey: `guarantee:${guaranteeId}:version:${number}`,
          organizationIds: [row.contractorOrganizationId],
          params: {
            organization: row.suretyOrganization?.nameLocal ?? "",
            title: row.worksTitle,
            number: (await repository.findGuaranteeNumber(tx, guaranteeId))?.guaranteeNumber ?? "",
            action: prepared.kind,
          },
          link: `/guarantees/${guaranteeId}`,
          extraEmails: caseContactsOf(row),
        });
      });
    } catch (error) {
      if (!(error instanceof AppError && error.code === "CONFLICT") && !isUniqueViolation(error)) throw error;
      // The same bytes sent twice at once: the other request stored them, and this one answers as a replay.
      if ((await isAcceptedReplay(guaranteeId, number, submitted)) === true) return { guarantee: await getGuarantee(actor, guaranteeId), isNew: false };
      if (error instanceof AppError) throw error;
      throw await conflictNow(actor, guaranteeId);
    }
    return { guarantee: await getGuarantee(actor, guaranteeId), isNew: true };
  }

  // ---- the authentication key ---------------------------------------------------------------------------------------

  async function rekeyGuarantee(actor: Actor, guaranteeId: string, version: number): Promise<GuaranteeDetail> {
    const { row, side } = await loadForAction(actor, guaranteeId, "REKEY", version);
    const newKey = authKeys.issueAuthKey(guaranteeId);
    await prisma.$transaction(async (tx) => {
      const data = { authKeyHash: newKey.authKeyHash, authKeyCiphertext: newKey.authKeyCiphertext };
      if (!(await repository.updateGuaranteeIf(tx, expectedOf(actor, row, side), data))) throw await conflictNow(actor, guaranteeId, tx);
      await repository.createEvent(tx, { guaranteeId, kind: "REKEYED", actorUserId: actor.userId, actorOrganizationId: actor.organizationId });
      await recordAuditEvent(tx, { action: "guarantees.rekeyed", actor, target: { type: "Guarantee", id: guaranteeId }, ipAddress: actor.ipAddress, data: { guaranteeNumber: row.guaranteeNumber } });
    });
    return getGuarantee(actor, guaranteeId);
  }

  /** The key in clear, for one of its two owners; every disclosure is in the audit log (without the key). */
  async function revealAuthKey(actor: Actor, row: repository.GuaranteeDetailRow, through: "AUTH_KEY" | "KEY_NOTICE"): Promise<{ guaranteeNumber: string; authKey: string }> {
    const stored = row.origin === "PLATFORM" ? await repository.findStoredAuthKey(prisma, row.id) : null;
    if (!stored?.authKeyCiphertext || !stored.guaranteeNumber) {
      throw new AppError("CONFLICT", "This guarantee has no authentication key: the key is made when the surety issues it on the platform.", { currentState: row.status });
    }
    const authKey = authKeys.decryptAuthKey(row.id, new Uint8Array(stored.authKeyCiphertext));
    await recordAuditEvent(prisma, {
      action: AUTH_KEY_VIEWED_AUDIT_ACTION,
      actor,
      target: { type: "Guarantee", id: row.id },
      ipAddress: actor.ipAddress,
      data: { guaranteeNumber: stored.guaranteeNumber, through },
    });
    return { guaranteeNumber: stored.guaranteeNumber, authKey };
  }

  async function getAuthKey(actor: Actor, guaranteeId: string): Promise<GuaranteeAuthKey> {
    const { row } = await loadGuarantee(actor, guaranteeId);
    return revealAuthKey(actor, row, "AUTH_KEY");
  }

  /**
   * The authentication key notice (認証キーのお知らせ) PDF, for the contractor and the surety, and for the orderer of
   * the linked contract once the contractor has submitted it. Its link and QR code carry the number, never the key.
   */
  async function getKeyNotice(actor: Actor, guaranteeId: string): Promise<{ pdf: Uint8Array; guaranteeNumber: string }> {
    const row =
      (await repository.findGuarantee(prisma, actor.organizationId, guaranteeId)) ??
      (await repository.findGuaranteeForOrderer(prisma, actor.organizationId, guaranteeId));
    if (!row) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
    const { guaranteeNumber, authKey } = await revealAuthKey(actor, row, "KEY_NOTICE");
    const pdf = await renderKeyNoticePdf({
      language: languageOf(row.ordererOrganization?.country ?? null, row.contractorOrganization.country),
      worksTitle: row.worksTitle,
      contractorName: row.contractorOrganization.nameLocal,
      kind: row.kind,
      guaranteeNumber,
      authKey,
      suretyName: row.suretyOrganization?.nameLocal ?? "",
      lookupUrl: `${config.publicUrl}/verify?number=${encodeURIComponent(guaranteeNumber)}`,
      issuedOn: dateInKoreaJapan(row.issuedAt ?? now()),
    });
    return { pdf, guaranteeNumber };
  }

  async function submitKeyNotice(actor: Actor, guaranteeId: string, version: number): Promise<GuaranteeDetail> {
    const { row, side } = await loadForAction(actor, guaranteeId, "SUBMIT_KEY_NOTICE", version);
    if (row.contractId === null) {
      throw new AppError("CONFLICT", "Only a guarantee applied for from a contract can be submitted to its orderer here; download the notice and send it yourself.", {
        currentState: row.status,
      });
    }
    const at = now();
    await prisma.$transaction(async (tx) => {
      if (!(await repository.updateGuaranteeIf(tx, expectedOf(actor, row, side), { keyNoticeSubmittedAt: at }))) throw await conflictNow(actor, guaranteeId, tx);
      await repository.createEvent(tx, { guaranteeId, kind: "KEY_NOTICE_SUBMITTED", actorUserId: actor.userId, actorOrganizationId: actor.organizationId });
      await recordAuditEvent(tx, {
        action: "guarantees.key_notice_submitted",
        actor,
        target: { type: "Guarantee", id: guaranteeId },
        ipAddress: actor.ipAddress,
        data: { contractId: row.contractId, guaranteeNumber: row.guaranteeNumber },
      });
    });
    return getGuarantee(actor, guaranteeId);
  }

  /** 変更申込: the contractor asks the surety for a change (after a change contract, say); the surety decides and signs it. */
  async function requestChange(actor: Actor, guaranteeId: string, body: RequestGuaranteeChangeBody): Promise<GuaranteeDetail> {
    const { row, side } = await loadForAction(actor, guaranteeId, "REQUEST_CHANGE", body.version);
    const amendment = Object.fromEntries(Object.entries(body.amendment).filter(([, value]) => value !== undefined)) as GuaranteeAmendment;
    if (Object.keys(amendment).length === 0) throw refuseField("body.amendment", "is empty: say what should change");
    const reason = body.reason.trim();
    const changeRequest: GuaranteeChangeRequest = { reason, amendment, requestedAt: now().toISOString() };
    await prisma.$transaction(async (tx) => {
      if (!(await repository.updateGuaranteeIf(tx, expectedOf(actor, row, side), { changeRequest }))) throw await conflictNow(actor, guaranteeId, tx);
      await repository.createEvent(tx, { guaranteeId, kind: "CHANGE_REQUESTED", actorUserId: actor.userId, actorOrganizationId: actor.organizationId, reason });
      await recordAuditEvent(tx, {
        action: "guarantees.change_requested",
        actor,
        target: { type: "Guarantee", id: guaranteeId },
        ipAddress: actor.ipAddress,
        data: { guaranteeNumber: row.guaranteeNumber, reason, amendment },
      });
    });
    return getGuarantee(actor, guaranteeId);
  }

  // ---- offline guarantees ---------------------------------------------------------------------------------------------

  /** The "data" part as OfflineGuaranteeData, or VALIDATION_FAILED naming data.<field>. */
  function parseOfflineData(text: string | undefined): OfflineGuaranteeData {
    if (text === undefined) throw refuseField("data", "is required (the guarantee's details as JSON)");
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw refuseField("data", "is not JSON");
    }
    if (!offlineValidator(value)) throw validationError(toFieldErrors("data", offlineValidator.errors ?? []), "the offline guarantee");
    return value as OfflineGuaranteeData;
  }

  async function recordOfflineGuarantee(actor: Actor, input: { data: string | undefined; file: UploadedFile }): Promise<GuaranteeDetail> {
    const data = parseOfflineData(input.data);
    const fields: FieldError[] = [];
    const contract = data.contractId ? await repository.findContractorContract(prisma, actor.organizationId, data.contractId) : null;
    if (data.contractId && !contract) fields.push({ field: "data.contractId", message: "is not one of your contracts" });
    if (!data.contractId) {
      for (const key of ["contractDate", "worksStartDate", "worksEndDate"] as const) {
        if (data[key] === undefined) fields.push({ field: `data.${key}`, message: "is required when the guarantee is not linked to a contract" });
      }
    }
    const worksStartDate = contract ? fromDate(contract.worksStartDate) : (data.worksStartDate ?? "");
    const worksEndDate = contract ? fromDate(contract.worksEndDate) : (data.worksEndDate ?? "");
    checkTerms({ ...data, worksStartDate, worksEndDate }, null, fields, "data");
    if (fields.length > 0) throw validationError(fields, "the offline guarantee");

    const guaranteeNumber = data.guaranteeNumber.trim();
    try {
      const guaranteeId = await prisma.$transaction(async (tx) => {
        const created = await repository.createOfflineGuarantee(tx, {
          kind: data.kind,
          contractorOrganizationId: actor.organizationId,
          contractId: contract?.id ?? null,
          ordererOrganizationId: contract?.ordererOrganizationId ?? null,
          ordererName: data.ordererName.trim(),
          worksTitle: data.worksTitle.trim(),
          currency: data.currency,
          contractAmount: BigInt(data.contractAmount),
          contractDate: contract ? contract.contractDate : toDate(data.contractDate as string),
          worksStartDate: toDate(worksStartDate),
          worksEndDate: toDate(worksEndDate),
          guaranteeAmount: BigInt(data.guaranteeAmount),
          guaranteeStartDate: toDate(data.guaranteeStartDate),
          guaranteeEndDate: toDate(data.guaranteeEndDate),
          guaranteeNumber: `${OFFLINE_NUMBER_PREFIX}${actor.organizationId}:${guaranteeNumber}`,
          offlineIssuerName: data.issuerName.trim(),
          offlineFile: input.file.content,
          offlineFileName: input.file.fileName,
          offlineFileSha256: input.file.sha256,
          createdById: actor.userId,
        });
        await repository.createEvent(tx, { guaranteeId: created.id, kind: "OFFLINE_RECORDED", actorUserId: actor.userId, actorOrganizationId: actor.organizationId });
        await recordAuditEvent(tx, {
          action: "guarantees.offline_recorded",
          actor,
          target: { type: "Guarantee", id: created.id },
          ipAddress: actor.ipAddress,
          data: {
            kind: data.kind,
            issuerName: data.issuerName.trim(),
            guaranteeNumber,
            contractId: contract?.id ?? null,
            fileName: input.file.fileName,
            contentType: input.file.contentType,
            size: input.file.size,
            sha256: input.file.sha256,
          },
        });
        return created.id;
      });
      return await getGuarantee(actor, guaranteeId);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new AppError("CONFLICT", `Your organisation already recorded an offline guarantee numbered ${guaranteeNumber}.`, {
        fields: [{ field: "data.guaranteeNumber", message: "is already recorded among your offline guarantees" }],
      });
    }
  }

  /** The contractor's own offline guarantee, or one linked to a contract the caller orders (listOfflineGuarantees). */
  async function getOfflineFile(actor: Actor, guaranteeId: string) {
    const row =
      (await repository.findGuarantee(prisma, actor.organizationId, guaranteeId)) ??
      (await repository.findOfflineGuaranteeForOrderer(prisma, actor.organizationId, guaranteeId));
    if (!row) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
    const file = row.origin === "OFFLINE" ? await repository.findOfflineFile(prisma, guaranteeId) : null;
    if (!file?.offlineFile) throw new AppError("NOT_FOUND", "This guarantee has no uploaded file (only offline guarantees do).");
    return { content: new Uint8Array(file.offlineFile), fileName: file.offlineFileName ?? "guarantee", sha256: file.offlineFileSha256 ?? sha256Hex(file.offlineFile) };
  }

  return {
    listGuarantees,
    getGuarantee,
    createGuarantee,
    updateGuarantee,
    deleteGuarantee,
    submitGuarantee,
    requestCorrection: (actor: Actor, guaranteeId: string, body: GuaranteeReasonBody) => reviewGuarantee(actor, guaranteeId, "REQUEST_CORRECTION", body),
    refuseGuarantee: (actor: Actor, guaranteeId: string, body: GuaranteeReasonBody) => reviewGuarantee(actor, guaranteeId, "REFUSE", body),
    prepareVersion,
    getVersionPdf,
    signVersion,
    rekeyGuarantee,
    getAuthKey,
    getKeyNotice,
    submitKeyNotice,
    requestChange,
    recordOfflineGuarantee,
    getOfflineFile,
    /** For the lookup (issue 7): constant-time comparison against the stored HMAC. */
    verifyAuthKey: authKeys.verifyAuthKey,
  };
}

export type GuaranteesService = ReturnType<typeof createGuaranteesService>;
