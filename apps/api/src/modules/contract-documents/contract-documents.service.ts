// The documents that follow a completed contract (issue 8): change contracts, unit-price agreements, inspections and
// invoices, through one workflow. Which step is allowed is decided by the shared state machine
// (@pwp/shared/contract-documents), what the content must say by document-rules.ts; sending renders the PDF and
// freezes it; signing accepts a browser-made PAdES B-T signature with the same checks as a contract's
// (lib/pki/accept-signed-revision). Every state change is one transaction with a conditional update on (id, status,
// version), its event on the contract's timeline and its audit event.
import { createHash } from "node:crypto";
import {
  allowedDocumentActions,
  awaitingDocumentSide,
  CONTRACT_DOCUMENT_KINDS,
  CONTRACT_DOCUMENT_RULES,
  isDocumentVisibleTo,
  nextDocumentStatus,
  nextSignerSide,
  type ContractDocumentAction,
  type ContractDocumentDetail,
  type ContractDocumentInput,
  type ContractDocumentKind,
  type ContractDocumentList,
  type ContractDocumentStatus,
  type ContractDocumentSummary,
  type ContractStanding,
  type CreateContractDocumentBody,
  type InspectionContent,
  type SignContractDocumentBody,
  type UpdateContractDocumentBody,
} from "@pwp/shared/contract-documents";
import { SIGNATURE_FIELD_BY_SIDE, SIGNED_PDF_MAX_BYTES, type ContractSide } from "@pwp/shared/contracts";
import type { FieldError } from "@pwp/shared/error-codes";
import type { DbClient, PrismaClient } from "../../db/database.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/app-error.ts";
import { recordAuditEvent } from "../../lib/audit.ts";
import type { Notifier } from "../../lib/mail/notifier.ts";
import { acceptSignedRevision, decodeSignedPdf } from "../../lib/pki/accept-signed-revision.ts";
import { findSigningAuthority } from "../../lib/signing-authority.ts";
import type { PlatformPki } from "../../plugins/pki.ts";
import * as repository from "./contract-documents.repository.ts";
import { renderContractDocumentPdf } from "./document-pdf.ts";
import {
  amountOf,
  contentProblems,
  guaranteesNeedingChange,
  inspectionRequestChanges,
  isOpen,
  sendProblems,
  standingOf,
  type StandingInput,
} from "./document-rules.ts";

interface Dependencies {
  prisma: PrismaClient;
  pki: PlatformPki;
  /** Tells the other party when a document waits on them (sent, signed) or comes back (returned). */
  notifier?: Notifier;
  now?: () => Date;
}

const CONTRACT_NOT_FOUND = "There is no such contract among your organisation's contracts.";
const DOCUMENT_NOT_FOUND = "There is no such document among your organisation's contracts.";
const KIND_LABELS: Record<ContractDocumentKind, string> = { CHANGE: "change", UNIT_PRICES: "unit-price agreement", INSPECTION: "inspection", INVOICE: "invoice" };

const fromDate = (value: Date) => value.toISOString().slice(0, 10);
const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function sideOf(contract: { ordererOrganizationId: string }, organizationId: string): ContractSide {
  return contract.ordererOrganizationId === organizationId ? "ORDERER" : "CONTRACTOR";
}

/**
 * Whether the organisation acts for its side: the orderer, or the contractor — for a joint venture its lead, which
 * writes and signs the documents after the contract for the whole joint venture (decision 010). The other firms of
 * a joint venture see the documents and do nothing with them.
 */
function isActingParty(contract: { ordererOrganizationId: string; contractorOrganizationId: string }, organizationId: string): boolean {
  return contract.ordererOrganizationId === organizationId || contract.contractorOrganizationId === organizationId;
}

function requireActingParty(contract: { ordererOrganizationId: string; contractorOrganizationId: string }, organizationId: string): void {
  if (!isActingParty(contract, organizationId)) {
    throw new AppError("FORBIDDEN", "The joint venture's lead firm writes and signs the documents after the contract for the joint venture.");
  }
}

function validationError(fields: FieldError[]): AppError {
  const summary = fields.map((problem) => `${problem.field} ${problem.message}`).join("; ");
  return new AppError("VALIDATION_FAILED", `Please correct the document: ${summary}.`, { fields });
}

function refusedTransition(action: ContractDocumentAction, kind: ContractDocumentKind, status: ContractDocumentStatus, side: ContractSide): AppError {
  const who = side === "ORDERER" ? "the orderer" : "the contractor";
  return new AppError("CONFLICT", `This ${KIND_LABELS[kind]} is ${status.toLowerCase()}: ${who} cannot ${action.toLowerCase()} it now.`, { currentState: status });
}

function staleVersion(status: ContractDocumentStatus): AppError {
  return new AppError("CONFLICT", "The document was changed meanwhile: reload it and try again.", { currentState: status });
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** The stored content as the tagged input the rules take (stored only after the schema and rules checked it). */
const inputOf = (document: { kind: ContractDocumentKind; content: unknown }) => ({ kind: document.kind, content: document.content }) as ContractDocumentInput;

export function createContractDocumentsService({ prisma, pki, notifier, now = () => new Date() }: Dependencies) {
  /** A document step tells the other party: the contractor (its lead, for a joint venture) or the orderer. */
  async function notifyOtherParty(
    tx: Prisma.TransactionClient,
    actor: Actor,
    document: {
      id: string;
      contractId: string;
      kind: string;
      number: number;
      contract: {
        contractNumber: string;
        ordererOrganizationId: string;
        contractorOrganizationId: string;
        ordererOrganization: { nameLocal: string };
        contractorOrganization: { nameLocal: string };
      };
    },
    step: { kind: "CONTRACT_DOCUMENT_SENT" | "CONTRACT_DOCUMENT_RETURNED" | "CONTRACT_DOCUMENT_SIGNED"; eventKey: string; reason?: string },
  ) {
    const { contract } = document;
    const isOrderer = actor.organizationId === contract.ordererOrganizationId;
    await notifier?.notify(tx, {
      kind: step.kind,
      eventKey: step.eventKey,
      organizationIds: [isOrderer ? contract.contractorOrganizationId : contract.ordererOrganizationId],
      params: {
        organization: (isOrderer ? contract.ordererOrganization : contract.contractorOrganization).nameLocal,
        documentKind: document.kind,
        number: `#${document.number}`,
        contract: contract.contractNumber,
        reason: step.reason ?? "",
      },
      link: `/contracts/${document.contractId}/documents/${document.id}`,
    });
  }

  async function loadContract(actor: Actor, contractId: string) {
    const contract = await repository.findContract(prisma, actor.organizationId, contractId);
    if (!contract) throw new AppError("NOT_FOUND", CONTRACT_NOT_FOUND);
    return { contract, side: sideOf(contract, actor.organizationId) };
  }

  async function loadDocument(actor: Actor, documentId: string) {
    const document = await repository.findDocument(prisma, actor.organizationId, documentId);
    const side = document ? sideOf(document.contract, actor.organizationId) : null;
    if (!document || !side || !isDocumentVisibleTo(document.kind, document.status, side)) throw new AppError("NOT_FOUND", DOCUMENT_NOT_FOUND);
    const signedCount = await repository.countSignatures(prisma, document.id, document.edition);
    return { document, signedCount, side };
  }

  /** The document, if `action` is allowed to the caller's side now and `version` is current. */
  async function loadForAction(actor: Actor, documentId: string, action: ContractDocumentAction, version: number) {
    const loaded = await loadDocument(actor, documentId);
    const { document, signedCount, side } = loaded;
    requireActingParty(document.contract, actor.organizationId);
    const next = nextDocumentStatus({ kind: document.kind, status: document.status, signedCount }, action, side);
    if (next === null) throw refusedTransition(action, document.kind, document.status, side);
    if (version !== document.version) throw staleVersion(document.status);
    return { ...loaded, next };
  }

  /**
   * Says what the record is now, after a conditional update matched nothing. Inside a transaction pass its client:
   * PGlite has one connection, and a read through another client would wait for the transaction it is part of.
   */
  async function conflictNow(actor: Actor, documentId: string, db: DbClient = prisma): Promise<AppError> {
    const current = await repository.findDocument(db, actor.organizationId, documentId);
    return current ? staleVersion(current.status) : new AppError("NOT_FOUND", DOCUMENT_NOT_FOUND);
  }

  function standingInputOf(contract: repository.DocumentContractRow, documents: repository.ListedDocumentRow[]): StandingInput {
    return {
      currency: contract.currency,
      contract: { amount: Number(contract.amount), worksStartDate: fromDate(contract.worksStartDate), worksEndDate: fromDate(contract.worksEndDate) },
      documents: documents.map((document) => ({ ...document, amount: document.amount === null ? null : Number(document.amount) })),
    };
  }

  async function standingFor(contract: repository.DocumentContractRow, exceptInvoiceId?: string) {
    const documents = await repository.listDocuments(prisma, contract.id);
    return { documents, standing: standingOf(standingInputOf(contract, documents), exceptInvoiceId ? { exceptInvoiceId } : {}) };
  }

  function toSummary(document: repository.DocumentRow & { signedCount: number }, currency: ContractStanding["currency"]): ContractDocumentSummary {
    return {
      id: document.id,
      contractId: document.contractId,
      kind: document.kind,
      number: document.number,
      status: document.status,
      amount: document.amount === null ? null : Number(document.amount),
      currency,
      awaitingSide: awaitingDocumentSide(document.kind, document.status, document.signedCount),
      updatedAt: document.updatedAt.toISOString(),
    };
  }

  /** The kinds `side` may start now: those it creates, with none of that kind still open. */
  function creatableKinds(contract: repository.DocumentContractRow, side: ContractSide, documents: repository.ListedDocumentRow[], standing: ContractStanding): ContractDocumentKind[] {
    if (contract.status !== "COMPLETED") return [];
    return CONTRACT_DOCUMENT_KINDS.filter((kind) => {
      if (CONTRACT_DOCUMENT_RULES[kind].creator !== side) return false;
      if (documents.some((document) => document.kind === kind && isOpen(document.status))) return false;
      return kind !== "INVOICE" || standing.invoiceable > 0;
    });
  }

  async function listDocuments(actor: Actor, contractId: string): Promise<ContractDocumentList> {
    const { contract, side } = await loadContract(actor, contractId);
    const { documents, standing } = await standingFor(contract);
    const linked = await repository.listIssuedGuarantees(prisma, contract.id);
    const guarantees = linked.map((guarantee) => ({
      id: guarantee.id,
      kind: guarantee.kind,
      guaranteeNumber: guarantee.guaranteeNumber ?? "",
      contractAmount: Number(guarantee.contractAmount),
      guaranteeAmount: Number(guarantee.guaranteeAmount),
      worksEndDate: fromDate(guarantee.worksEndDate),
      guaranteeEndDate: fromDate(guarantee.guaranteeEndDate),
      version: guarantee.version,
      hasChangeRequest: guarantee.changeRequest !== null,
    }));
    return {
      standing,
      guaranteesNeedingChange: guaranteesNeedingChange(standing, guarantees, { withVersion: side === "CONTRACTOR" }),
      documents: documents.filter((document) => isDocumentVisibleTo(document.kind, document.status, side)).map((document) => toSummary(document, contract.currency)),
      canCreate: isActingParty(contract, actor.organizationId) ? creatableKinds(contract, side, documents, standing) : [],
    };
  }

  async function allowedActionsOf(actor: Actor, document: { kind: ContractDocumentKind; status: ContractDocumentStatus; signedCount: number }, side: ContractSide) {
    const actions = allowedDocumentActions(document, side);
    if (!actions.includes("SIGN")) return actions;
    const scope = CONTRACT_DOCUMENT_RULES[document.kind].scope;
    const authority = await findSigningAuthority(prisma, { userId: actor.userId, organizationId: actor.organizationId, scope, at: now() });
    return authority ? actions : actions.filter((action) => action !== "SIGN");
  }

  async function getDocument(actor: Actor, documentId: string): Promise<ContractDocumentDetail> {
    const { document, signedCount, side } = await loadDocument(actor, documentId);
    const { contract } = document;
    const [revision, signatures, allowedActions] = await Promise.all([
      document.edition > 0 ? repository.findLatestRevisionInfo(prisma, document.id, document.edition) : Promise.resolve(null),
      repository.listSignatures(prisma, document.id, document.edition),
      isActingParty(contract, actor.organizationId) ? allowedActionsOf(actor, { kind: document.kind, status: document.status, signedCount }, side) : Promise.resolve([]),
    ]);
    const turn = nextSignerSide(document.kind, document.status, signedCount);
    return {
      ...toSummary({ ...document, signedCount }, contract.currency),
      contractNumber: contract.contractNumber,
      contractTitle: contract.title,
      country: contract.ordererOrganization.country,
      content: document.content,
      mySide: side,
      version: document.version,
      edition: document.edition,
      currentRevision: revision ? { ...revision, createdAt: revision.createdAt.toISOString() } : null,
      signatures: signatures.map((signature) => ({
        id: signature.id,
        position: signature.position,
        side: signature.side,
        fieldName: signature.fieldName,
        signer: { id: signature.signerUserId, name: signature.signerName },
        organizationName: (signature.side === "ORDERER" ? contract.ordererOrganization : contract.contractorOrganization).nameLocal,
        delegationId: signature.delegationId,
        signedAt: signature.signedAt.toISOString(),
      })),
      signatureField: turn === side && allowedActions.includes("SIGN") ? SIGNATURE_FIELD_BY_SIDE[side] : null,
      allowedActions,
      createdAt: document.createdAt.toISOString(),
      sentAt: document.sentAt?.toISOString() ?? null,
      completedAt: document.completedAt?.toISOString() ?? null,
      cancelledAt: document.cancelledAt?.toISOString() ?? null,
    };
  }

  /** The content's rules against the standing; VALIDATION_FAILED naming each field at fault. */
  function checkContent(input: ContractDocumentInput, standing: ContractStanding, options: { isSending?: boolean } = {}) {
    const problems = [...contentProblems(input, standing), ...(options.isSending ? sendProblems(input) : [])];
    if (problems.length > 0) throw validationError(problems);
  }

  async function createDocument(actor: Actor, contractId: string, body: CreateContractDocumentBody): Promise<ContractDocumentDetail> {
    const { contract, side } = await loadContract(actor, contractId);
    requireActingParty(contract, actor.organizationId);
    const rules = CONTRACT_DOCUMENT_RULES[body.kind];
    if (contract.status !== "COMPLETED") {
      throw new AppError("CONFLICT", `Documents follow a completed contract; this one is ${contract.status.toLowerCase()}.`, { currentState: contract.status });
    }
    if (rules.creator !== side) {
      throw new AppError("FORBIDDEN", `A ${KIND_LABELS[body.kind]} is started by the ${rules.creator === "ORDERER" ? "orderer" : "contractor"}.`);
    }
    if (body.kind === "INSPECTION" && body.content.result) {
      throw validationError([{ field: "body.content.result", message: "is recorded by the orderer after the request" }]);
    }
    const { documents, standing } = await standingFor(contract);
    const open = documents.find((document) => document.kind === body.kind && isOpen(document.status));
    if (open) {
      throw new AppError("CONFLICT", `${KIND_LABELS[body.kind]} ${open.number} is still ${open.status.toLowerCase()}: finish or cancel it first.`, { currentState: open.status });
    }
    if (body.kind === "INVOICE" && standing.inspected === 0) {
      throw new AppError("CONFLICT", "An invoice follows a passed inspection; none has passed yet.");
    }
    checkContent(body, standing);

    const number = await repository.nextNumber(prisma, contractId, body.kind);
    const amount = amountOf(body);
    let documentId: string;
    try {
      documentId = await prisma.$transaction(async (tx) => {
        const created = await repository.createDocument(tx, {
          contractId,
          kind: body.kind,
          number,
          content: body.content as Prisma.InputJsonObject,
          amount: amount === null ? null : BigInt(amount),
          createdById: actor.userId,
        });
        await repository.createEvent(tx, { contractId, documentId: created.id, kind: "CREATED", edition: 0, actorUserId: actor.userId, actorOrganizationId: actor.organizationId });
        await recordAuditEvent(tx, {
          action: "contract_documents.created",
          actor,
          target: { type: "ContractDocument", id: created.id },
          ipAddress: actor.ipAddress,
          data: { contractId, kind: body.kind, number, amount },
        });
        return created.id;
      });
    } catch (error) {
      // Two documents of a kind started at once: the unique (contract, kind, number) lets one through.
      if (isUniqueViolation(error)) throw new AppError("CONFLICT", `Another ${KIND_LABELS[body.kind]} was started at the same time: reload the contract.`);
      throw error;
    }
    return getDocument(actor, documentId);
  }

  async function updateDocument(actor: Actor, documentId: string, body: UpdateContractDocumentBody): Promise<ContractDocumentDetail> {
    const { document } = await loadForAction(actor, documentId, "EDIT", body.version);
    if (body.kind !== document.kind) {
      throw validationError([{ field: "body.kind", message: `must stay ${document.kind}: a document keeps its kind` }]);
    }
    const input = { kind: body.kind, content: body.content } as ContractDocumentInput;
    if (input.kind === "INSPECTION") {
      const changed = inspectionRequestChanges(document.content as InspectionContent, input.content);
      if (changed.length > 0) throw validationError(changed);
    }
    const { standing } = await standingFor(document.contract, document.kind === "INVOICE" ? document.id : undefined);
    checkContent(input, standing);
    const amount = amountOf(input);
    await prisma.$transaction(async (tx) => {
      const isUpdated = await repository.updateDocumentIf(
        tx,
        { documentId, status: document.status, version: document.version },
        { content: input.content as Prisma.InputJsonObject, amount: amount === null ? null : BigInt(amount) },
      );
      if (!isUpdated) throw await conflictNow(actor, documentId, tx);
      await repository.createEvent(tx, { contractId: document.contractId, documentId, kind: "UPDATED", edition: document.edition, actorUserId: actor.userId, actorOrganizationId: actor.organizationId });
      await recordAuditEvent(tx, {
        action: "contract_documents.updated",
        actor,
        target: { type: "ContractDocument", id: documentId },
        ipAddress: actor.ipAddress,
        data: { kind: document.kind, number: document.number, amount },
      });
    });
    return getDocument(actor, documentId);
  }

  async function deleteDocument(actor: Actor, documentId: string, version: number): Promise<void> {
    const { document } = await loadForAction(actor, documentId, "DELETE", version);
    await prisma.$transaction(async (tx) => {
      if (!(await repository.deleteDraft(tx, { documentId, status: document.status, version }))) throw await conflictNow(actor, documentId, tx);
      await recordAuditEvent(tx, {
        action: "contract_documents.deleted",
        actor,
        target: { type: "ContractDocument", id: documentId },
        ipAddress: actor.ipAddress,
        data: { contractId: document.contractId, kind: document.kind, number: document.number },
      });
    });
  }

  async function sendDocument(actor: Actor, documentId: string, version: number): Promise<ContractDocumentDetail> {
    const { document } = await loadForAction(actor, documentId, "SEND", version);
    const { contract } = document;
    const input = inputOf(document);
    // The standing may have moved since it was written (a change completed, another invoice sent): check again.
    const { standing } = await standingFor(contract, document.kind === "INVOICE" ? document.id : undefined);
    checkContent(input, standing, { isSending: true });

    const at = now();
    const edition = document.edition + 1;
    const pdf = await renderContractDocumentPdf({
      kind: document.kind,
      number: document.number,
      edition,
      country: contract.ordererOrganization.country,
      currency: contract.currency,
      contract: {
        contractNumber: contract.contractNumber,
        title: contract.title,
        contractDate: fromDate(contract.contractDate),
        amount: standing.current.amount,
        worksStartDate: standing.current.worksStartDate,
        worksEndDate: standing.current.worksEndDate,
      },
      orderer: contract.ordererOrganization,
      contractor: contract.contractorOrganization,
      content: input.content,
      issuedAt: at,
    });
    const sha256 = sha256Hex(pdf);
    await prisma.$transaction(async (tx) => {
      const isSent = await repository.updateDocumentIf(tx, { documentId, status: document.status, version: document.version }, { status: "SENT", edition, sentAt: at });
      if (!isSent) throw await conflictNow(actor, documentId, tx);
      await repository.createRevision(tx, { documentId, edition, revision: 0, pdf, sha256 });
      await repository.createEvent(tx, { contractId: document.contractId, documentId, kind: "SENT", edition, actorUserId: actor.userId, actorOrganizationId: actor.organizationId });
      await recordAuditEvent(tx, {
        action: "contract_documents.sent",
        actor,
        target: { type: "ContractDocument", id: documentId },
        ipAddress: actor.ipAddress,
        data: { contractId: document.contractId, kind: document.kind, number: document.number, edition, sha256, content: input.content as Prisma.InputJsonObject },
      });
      await notifyOtherParty(tx, actor, document, { kind: "CONTRACT_DOCUMENT_SENT", eventKey: `document:${documentId}:sent:${edition}` });
    });
    return getDocument(actor, documentId);
  }

  async function returnOrCancel(actor: Actor, documentId: string, action: "RETURN" | "CANCEL", body: { version: number; reason: string }): Promise<ContractDocumentDetail> {
    const { document, next } = await loadForAction(actor, documentId, action, body.version);
    const reason = body.reason.trim();
    const at = now();
    const kind = action === "RETURN" ? "RETURNED" : "CANCELLED";
    await prisma.$transaction(async (tx) => {
      const data = { status: next as ContractDocumentStatus, ...(action === "CANCEL" ? { cancelledAt: at } : {}) };
      if (!(await repository.updateDocumentIf(tx, { documentId, status: document.status, version: document.version }, data))) throw await conflictNow(actor, documentId, tx);
      await repository.createEvent(tx, { contractId: document.contractId, documentId, kind, edition: document.edition, actorUserId: actor.userId, actorOrganizationId: actor.organizationId, reason });
      await recordAuditEvent(tx, {
        action: `contract_documents.${kind.toLowerCase()}`,
        actor,
        target: { type: "ContractDocument", id: documentId },
        ipAddress: actor.ipAddress,
        data: { contractId: document.contractId, kind: document.kind, number: document.number, edition: document.edition, reason },
      });
      if (action === "RETURN") {
        await notifyOtherParty(tx, actor, document, { kind: "CONTRACT_DOCUMENT_RETURNED", eventKey: `document:${documentId}:returned:${document.version}`, reason });
      }
    });
    return getDocument(actor, documentId);
  }

  async function getPdf(actor: Actor, documentId: string, options: { edition?: number | undefined; revision?: number | undefined }) {
    const { document } = await loadDocument(actor, documentId);
    const edition = options.edition ?? document.edition;
    const found = edition > 0 ? await repository.findRevisionPdf(prisma, documentId, edition, options.revision) : null;
    if (!found) throw new AppError("NOT_FOUND", document.edition === 0 ? "This document has not been sent yet: it has no PDF." : "There is no such revision of this document.");
    const kindName = document.kind.toLowerCase().replace("_", "-");
    return { pdf: new Uint8Array(found.pdf), fileName: `${document.contract.contractNumber.replace(/[/\\]/g, "_")}-${kindName}-${document.number}-e${found.edition}r${found.revision}.pdf` };
  }

  /** These exact bytes were accepted as the caller's signature over the current edition (an earlier edition's do not count). */
  async function findAcceptedReplay(actor: Actor, documentId: string, sha256: string, edition: number): Promise<boolean> {
    const revision = await repository.findRevisionBySha256(prisma, documentId, sha256);
    if (!revision || revision.revision === 0 || revision.edition !== edition) return false;
    return (await repository.findSignatureAt(prisma, { documentId, ...revision, organizationId: actor.organizationId })) !== null;
  }

  /** A signature made in the browser over the current revision; isNew false (200) for an exact replay. */
  async function signDocument(actor: Actor, documentId: string, body: SignContractDocumentBody): Promise<{ document: ContractDocumentDetail; isNew: boolean }> {
    const { document, signedCount, side } = await loadDocument(actor, documentId);
    requireActingParty(document.contract, actor.organizationId);
    const signed = decodeSignedPdf(body.signedPdf, SIGNED_PDF_MAX_BYTES);
    const sha256 = sha256Hex(signed);
    if (await findAcceptedReplay(actor, documentId, sha256, document.edition)) return { document: await getDocument(actor, documentId), isNew: false };

    const next = nextDocumentStatus({ kind: document.kind, status: document.status, signedCount }, "SIGN", side);
    if (next === null) throw refusedTransition("SIGN", document.kind, document.status, side);
    const latest = await repository.findRevisionPdf(prisma, documentId, document.edition);
    if (!latest || body.edition !== document.edition || body.revision !== latest.revision) {
      throw new AppError(
        "CONFLICT",
        `The PDF was signed over a different revision (edition ${body.edition}, revision ${body.revision}); the current one is edition ${document.edition}, revision ${latest?.revision ?? 0}. Reload the document and sign again.`,
        { currentState: document.status },
      );
    }
    const at = now();
    const fieldName = SIGNATURE_FIELD_BY_SIDE[side];
    const accepted = await acceptSignedRevision(prisma, pki, actor, {
      previousPdf: new Uint8Array(latest.pdf),
      signedPdf: signed,
      previousCount: latest.revision,
      fieldName,
      scope: CONTRACT_DOCUMENT_RULES[document.kind].scope,
      at,
    });
    const revision = latest.revision + 1;
    try {
      await prisma.$transaction(async (tx) => {
        const data = { status: next as ContractDocumentStatus, ...(next === "COMPLETED" ? { completedAt: at } : {}) };
        if (!(await repository.updateDocumentIf(tx, { documentId, status: document.status, version: document.version }, data))) throw await conflictNow(actor, documentId, tx);
        // The unique keys (document, edition, revision) and (document, edition, position) also stop a second signature.
        await repository.createRevision(tx, { documentId, edition: document.edition, revision, pdf: signed, sha256 });
        const signature = await repository.createSignature(tx, {
          documentId,
          edition: document.edition,
          revision,
          position: signedCount,
          side,
          fieldName,
          signerUserId: actor.userId,
          organizationId: actor.organizationId,
          certificateId: accepted.certificateId,
          delegationId: accepted.delegationId,
          signedAt: accepted.genTime,
          timestampSerialHex: accepted.timestampSerialHex,
        });
        const event = { contractId: document.contractId, documentId, edition: document.edition, actorUserId: actor.userId, actorOrganizationId: actor.organizationId };
        await repository.createEvent(tx, { ...event, kind: "SIGNED" });
        if (next === "COMPLETED") await repository.createEvent(tx, { ...event, kind: "COMPLETED" });
        await recordAuditEvent(tx, {
          action: "contract_documents.signed",
          actor,
          target: { type: "ContractDocument", id: documentId },
          ipAddress: actor.ipAddress,
          data: {
            signatureId: signature.id,
            contractId: document.contractId,
            kind: document.kind,
            number: document.number,
            side,
            position: signedCount,
            edition: document.edition,
            revision,
            sha256,
            certificateId: accepted.certificateId,
            delegationId: accepted.delegationId,
            signedAt: accepted.genTime.toISOString(),
            timestampSerialHex: accepted.timestampSerialHex,
            status: next,
          },
        });
        await notifyOtherParty(tx, actor, document, { kind: "CONTRACT_DOCUMENT_SIGNED", eventKey: `document:${documentId}:signed:${document.edition}:${revision}` });
      });
    } catch (error) {
      if (!(error instanceof AppError && error.code === "CONFLICT") && !isUniqueViolation(error)) throw error;
      if (await findAcceptedReplay(actor, documentId, sha256, document.edition)) return { document: await getDocument(actor, documentId), isNew: false };
      if (error instanceof AppError) throw error;
      throw await conflictNow(actor, documentId);
    }
    return { document: await getDocument(actor, documentId), isNew: true };
  }

  return {
    listDocuments,
    createDocument,
    getDocument,
    updateDocument,
    deleteDocument,
    sendDocument,
    returnDocument: (actor: Actor, documentId: string, body: { version: number; reason: string }) => returnOrCancel(actor, documentId, "RETURN", body),
    cancelDocument: (actor: Actor, documentId: string, body: { version: number; reason: string }) => returnOrCancel(actor, documentId, "CANCEL", body),
    getPdf,
    signDocument,
  };
}

export type ContractDocumentsService = ReturnType<typeof createContractDocumentsService>;
