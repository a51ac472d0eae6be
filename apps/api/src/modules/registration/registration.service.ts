// Registration of organisations and its review by ops. Each state change runs in one transaction with its audit
// event, so an application is either saved whole (organisation, first user, documents, history, invitation) or
// not at all; status changes use conditional updates so two people acting at once cannot both succeed.
import { createHash } from "node:crypto";
import type { OrganizationStatus } from "@pwp/shared/enums";
import type { FieldError } from "@pwp/shared/error-codes";
import {
  canAddRegistrationDocuments,
  canTransitionRegistration,
  isDecisionReasonRequired,
  MAX_REGISTRATION_DOCUMENTS_PER_ORGANIZATION,
  REASON_MAX_LENGTH,
  REGISTRATION_LIST_DEFAULT_LIMIT,
  RegistrationApplicationSchema,
  type AdminRegistrationList,
  type AdminRegistrationListQuery,
  type AdminRegistrationView,
  type RegistrationApplication,
  type RegistrationCreated,
  type RegistrationDecisionBody,
  type RegistrationDecisionResult,
  type RegistrationHistoryEntry,
  type RegistrationView,
} from "@pwp/shared/registration";
import { isValidRegistrationNumber, normalizeRegistrationNumber } from "@pwp/shared/registration-number";
import type { PrismaClient } from "../../db/database.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { AppError } from "../../lib/app-error.ts";
import { recordAuditEvent } from "../../lib/audit.ts";
import type { Notifier } from "../../lib/mail/notifier.ts";
import { hashPassword } from "../../lib/password.ts";
import { compileValidator, toFieldErrors } from "../../lib/validation.ts";
import * as registrationRepository from "./registration.repository.ts";
import type { ApplicationRecord } from "./registration.repository.ts";
import type { UploadedDocument } from "./registration.uploads.ts";
import { decodePageCursor, encodePageCursor } from "../../lib/page-cursor.ts";

/** The applicant sees that ops decided, never which ops user. */
const OPERATOR_DISPLAY_NAME = "operator";

const validateApplication = compileValidator({ schema: RegistrationApplicationSchema, httpPart: "body" });

interface Dependencies {
  prisma: PrismaClient;
  /** Tells ops of a new application and the applicant of the decision. */
  notifier?: Notifier;
  now?: () => Date;
}

interface Actor {
  userId: string;
  organizationId: string;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function fieldError(field: string, message: string): AppError {
  return new AppError("VALIDATION_FAILED", `${field} ${message}`, { fields: [{ field, message }] });
}

/** The JSON part `application`: parsed and checked against the shared schema, errors naming "application.…". */
export function parseApplication(raw: string | undefined): RegistrationApplication {
  if (raw === undefined) throw fieldError("application", "is required");
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw fieldError("application", "is not valid JSON");
  }
  if (!validateApplication(value)) {
    const fields = toFieldErrors("application", validateApplication.errors ?? []);
    const summary = fields.map((field) => `${field.field} ${field.message}`).join("; ");
    throw new AppError("VALIDATION_FAILED", `Invalid application: ${summary}`, { fields });
  }
  return value as RegistrationApplication;
}

function checkRegistrationNumber(application: RegistrationApplication): string {
  const digits = normalizeRegistrationNumber(application.registrationNumber);
  const field = "application.registrationNumber";
  const expectedLength = application.country === "KR" ? 10 : 13;
  const label = application.country === "KR" ? "A Korean business registration number" : "A Japanese corporate number";
  if (!/^\d+$/.test(digits) || digits.length !== expectedLength) {
    throw fieldError(field, `has the wrong length: ${label} has ${expectedLength} digits`);
  }
  if (!isValidRegistrationNumber(application.country, digits)) {
    throw fieldError(field, "has a wrong check digit: check the number for a typing error");
  }
  return digits;
}

function isUniqueViolation(error: unknown): error is Prisma.PrismaClientKnownRequestError {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

function toHistory(record: ApplicationRecord, showDeciderNames: boolean): RegistrationHistoryEntry[] {
  return record.reviews.map((review) => ({
    id: review.id,
    status: review.status,
    reason: review.reason,
    decidedBy: review.decidedById ? (showDeciderNames ? (review.decidedBy?.name ?? OPERATOR_DISPLAY_NAME) : OPERATOR_DISPLAY_NAME) : null,
    at: review.createdAt.toISOString(),
  }));
}

function toView(record: ApplicationRecord, showDeciderNames: boolean): RegistrationView {
  if (record.kind === "OPERATOR") throw new AppError("NOT_FOUND", "No registration application was found.");
  return {
    organizationId: record.id,
    kind: record.kind,
    country: record.country,
    registrationNumber: record.registrationNumber,
    nameLocal: record.nameLocal,
    nameLatin: record.nameLatin,
    representativeName: record.representativeName,
    address: record.address,
    contactName: record.contactName,
    contactEmail: record.contactEmail,
    contactPhone: record.contactPhone,
    status: record.status,
    submittedAt: record.createdAt.toISOString(),
    history: toHistory(record, showDeciderNames),
    documents: record.documents.map((document) => ({
      id: document.id,
      fileName: document.fileName,
      contentType: document.contentType as RegistrationView["documents"][number]["contentType"],
      size: document.size,
      uploadedAt: document.createdAt.toISOString(),
    })),
  };
}

const DECISION_ACTIONS: Record<RegistrationDecisionBody["decision"], string> = {
  APPROVED: "registration.approved",
  ON_HOLD: "registration.put_on_hold",
  REJECTED: "registration.rejected",
};

export function createRegistrationService({ prisma, notifier, now = () => new Date() }: Dependencies) {
  async function findConflicts(registrationNumber: string, email: string): Promise<FieldError[]> {
    const [isNumberTaken, isEmailTaken] = await Promise.all([
      registrationRepository.isRegistrationNumberTaken(prisma, registrationNumber),
      registrationRepository.isEmailTaken(prisma, email),
    ]);
    const conflicts: FieldError[] = [];
    if (isNumberTaken) conflicts.push({ field: "application.registrationNumber", message: "is already registered" });
    if (isEmailTaken) conflicts.push({ field: "application.user.email", message: "is already registered" });
    return conflicts;
  }

  function conflictError(conflicts: FieldError[]): AppError {
    const message = conflicts.some((c) => c.field === "application.registrationNumber")
      ? "An organisation with this registration number is already registered."
      : "A user with this e-mail address is already registered.";
    return new AppError("CONFLICT", message, { fields: conflicts });
  }

  async function submitApplication(
    application: RegistrationApplication,
    documents: readonly UploadedDocument[],
    ipAddress: string,
  ): Promise<RegistrationCreated> {
    const registrationNumber = checkRegistrationNumber(application);
    if (documents.length === 0) throw fieldError("documents", "need at least one file (e.g. the business registration certificate)");
    const email = application.user.email.trim().toLowerCase();

    const conflicts = await findConflicts(registrationNumber, email);
    if (conflicts.length > 0) throw conflictError(conflicts);

    const passwordHash = await hashPassword(application.user.password);
    const submittedAt = now();
    try {
      return await prisma.$transaction(async (tx) => {
        const organization = await registrationRepository.createPendingOrganization(tx, {
          kind: application.kind,
          country: application.country,
          registrationNumber,
          nameLocal: application.nameLocal.trim(),
          nameLatin: application.nameLatin.trim(),
          representativeName: application.representativeName.trim(),
          address: application.address.trim(),
          contactName: application.contactName.trim(),
          contactEmail: application.contactEmail.trim().toLowerCase(),
          contactPhone: application.contactPhone.trim(),
        });
        const user = await registrationRepository.createRepresentative(tx, {
          organizationId: organization.id,
          name: application.user.name.trim(),
          loginId: application.user.loginId,
          email,
          passwordHash,
        });
        const documentIds = await registrationRepository.createDocuments(tx, organization.id, user.id, documents);
        await registrationRepository.createReview(tx, { organizationId: organization.id, status: "PENDING", reason: "", decidedById: null });

        let invitedAsCounterparty: string | null = null;
        if (application.counterpartyInvitationToken) {
          const invitation = await registrationRepository.acceptCounterpartyInvitation(
            tx,
            hashToken(application.counterpartyInvitationToken),
            submittedAt,
          );
          if (!invitation) {
            throw fieldError(
              "application.counterpartyInvitationToken",
              "is expired or was already used: ask the inviting organisation for a new link, or apply without it",
            );
          }
          invitedAsCounterparty = invitation.id;
        }

        await recordAuditEvent(tx, {
          action: "registration.submitted",
          actor: { userId: user.id, organizationId: organization.id },
          target: { type: "Organization", id: organization.id },
          ipAddress,
          data: {
            kind: application.kind,
            country: application.country,
            registrationNumber,
            documentIds,
            ...(invitedAsCounterparty ? { acceptedCounterpartyInvitation: invitedAsCounterparty } : {}),
          },
        });
        await notifier?.notify(tx, {
          kind: "REGISTRATION_SUBMITTED",
          eventKey: `registration:${organization.id}:submitted`,
          organizationKinds: ["OPERATOR"],
          params: { organization: application.nameLocal.trim() },
          link: `/admin/registrations/${organization.id}`,
        });
        return { organizationId: organization.id, status: "PENDING" as const };
      });
    } catch (error) {
      // Another application with the same number or e-mail was saved between our check and our insert.
      if (isUniqueViolation(error)) {
        const raced = await findConflicts(registrationNumber, email);
        throw conflictError(raced.length > 0 ? raced : [{ field: "application.user", message: "is already registered" }]);
      }
      throw error;
    }
  }

  async function getOwnApplication(organizationId: string): Promise<RegistrationView> {
    const record = await registrationRepository.findApplication(prisma, organizationId);
    if (!record) throw new AppError("NOT_FOUND", "No registration application was found for your organisation.");
    return toView(record, false);
  }

  async function getDocument(organizationId: string, documentId: string) {
    const document = await registrationRepository.findDocumentContent(prisma, organizationId, documentId);
    if (!document) throw new AppError("NOT_FOUND", "No such document.");
    return document;
  }

  /** The applicant adds documents (while PENDING) or answers a hold (ON_HOLD → PENDING, with the message). */
  async function addDocuments(
    actor: Actor,
    input: { documents: readonly UploadedDocument[]; message: string },
    ipAddress: string,
  ): Promise<RegistrationView> {
    const message = input.message.trim();
    if (message.length > REASON_MAX_LENGTH) throw fieldError("message", `is longer than ${REASON_MAX_LENGTH} characters`);

    await prisma.$transaction(async (tx) => {
      const current = await registrationRepository.findOrganizationStatus(tx, actor.organizationId);
      if (!current) throw new AppError("NOT_FOUND", "No registration application was found for your organisation.");
      if (!canAddRegistrationDocuments(current.status)) {
        throw new AppError("CONFLICT", `The application is ${current.status}; documents can no longer be added.`);
      }
      const isAnswerToHold = current.status === "ON_HOLD";
      if (!isAnswerToHold && input.documents.length === 0) throw fieldError("documents", "need at least one file");
      if (isAnswerToHold && input.documents.length === 0 && message === "") {
        throw fieldError("documents", "need at least one file, or a message saying where the requested information is");
      }
      const stored = await registrationRepository.countDocuments(tx, actor.organizationId);
      if (stored + input.documents.length > MAX_REGISTRATION_DOCUMENTS_PER_ORGANIZATION) {
        throw new AppError("PAYLOAD_TOO_LARGE", `An application can hold at most ${MAX_REGISTRATION_DOCUMENTS_PER_ORGANIZATION} documents.`, {
          fields: [{ field: "documents", message: `at most ${MAX_REGISTRATION_DOCUMENTS_PER_ORGANIZATION} documents per application` }],
        });
      }

      // The conditional update checks the status and locks the row in one statement: a decision made meanwhile
      // makes it match nothing, and the applicant is told instead of adding files to a closed application.
      const to: OrganizationStatus = "PENDING";
      const isStillOpen = await registrationRepository.transitionStatus(tx, actor.organizationId, current.status, to);
      if (!isStillOpen) throw new AppError("CONFLICT", "The application was decided a moment ago; reload the page.");

      const documentIds = await registrationRepository.createDocuments(tx, actor.organizationId, actor.userId, input.documents);
      if (isAnswerToHold) {
        await registrationRepository.createReview(tx, { organizationId: actor.organizationId, status: "PENDING", reason: message, decidedById: null });
      }
      await recordAuditEvent(tx, {
        action: isAnswerToHold ? "registration.resubmitted" : "registration.documents_added",
        actor,
        target: { type: "Organization", id: actor.organizationId },
        ipAddress,
        data: { from: current.status, to, documentIds, ...(message ? { message } : {}) },
      });
    });
    return getOwnApplication(actor.organizationId);
  }

  async function listApplications(query: AdminRegistrationListQuery): Promise<AdminRegistrationList> {
    const filter = {
      status: query.status === "ALL" ? undefined : (query.status ?? "PENDING"),
      kind: query.kind,
      country: query.country,
    };
    const limit = query.limit ?? REGISTRATION_LIST_DEFAULT_LIMIT;
    const cursor = decodePageCursor(query.cursor);
    const [rows, total] = await Promise.all([
      registrationRepository.listApplications(prisma, filter, cursor, limit + 1),
      registrationRepository.countApplications(prisma, filter),
    ]);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => ({
        id: row.id,
        kind: row.kind as AdminRegistrationList["items"][number]["kind"],
        country: row.country,
        registrationNumber: row.registrationNumber,
        nameLocal: row.nameLocal,
        nameLatin: row.nameLatin,
        status: row.status,
        submittedAt: row.createdAt.toISOString(),
        lastChangedAt: (row.reviews[0]?.createdAt ?? row.createdAt).toISOString(),
        documentCount: row._count.documents,
      })),
      nextCursor: rows.length > limit && last ? encodePageCursor({ createdAt: last.createdAt, id: last.id }) : null,
      total,
    };
  }

  async function getApplicationForReview(organizationId: string): Promise<AdminRegistrationView> {
    const [record, applicant] = await Promise.all([
      registrationRepository.findApplication(prisma, organizationId),
      registrationRepository.findApplicant(prisma, organizationId),
    ]);
    if (!record) throw new AppError("NOT_FOUND", "No registration application was found.");
    return {
      ...toView(record, true),
      applicant: applicant ?? { name: "", email: "", loginId: "" },
    };
  }

  async function decide(
    actor: Actor,
    organizationId: string,
    body: RegistrationDecisionBody,
    ipAddress: string,
  ): Promise<RegistrationDecisionResult> {
    const reason = body.reason.trim();
    if (isDecisionReasonRequired(body.decision) && reason === "") {
      throw fieldError(
        "body.reason",
        body.decision === "ON_HOLD" ? "is required: say what is missing or must be corrected" : "is required: say why the application is rejected",
      );
    }
    return prisma.$transaction(async (tx) => {
      const current = await registrationRepository.findApplication(tx, organizationId);
      if (!current) throw new AppError("NOT_FOUND", "No registration application was found.");
      if (!canTransitionRegistration(current.status, body.decision)) {
        throw new AppError("CONFLICT", `The application is ${current.status}; only a PENDING application can be decided.`);
      }
      // Two ops deciding at once: both read PENDING, only the first update still finds it PENDING.
      if (!(await registrationRepository.transitionStatus(tx, organizationId, current.status, body.decision))) {
        const latest = await registrationRepository.findOrganizationStatus(tx, organizationId);
        throw new AppError("CONFLICT", `The application was just decided by someone else; it is now ${latest?.status ?? "changed"}.`);
      }
      await registrationRepository.createReview(tx, { organizationId, status: body.decision, reason, decidedById: actor.userId });
      const linkedCounterparties =
        body.decision === "APPROVED"
          ? await registrationRepository.linkCounterparties(tx, organizationId, current.country, current.registrationNumber)
          : 0;
      await recordAuditEvent(tx, {
        action: DECISION_ACTIONS[body.decision],
        actor,
        target: { type: "Organization", id: organizationId },
        ipAddress,
        data: { from: current.status, to: body.decision, reason, ...(body.decision === "APPROVED" ? { linkedCounterparties } : {}) },
      });
      await notifier?.notify(tx, {
        kind: "REGISTRATION_DECIDED",
        eventKey: `registration:${organizationId}:decided:${body.decision}:${now().getTime()}`,
        organizationIds: [organizationId],
        params: { organization: current.nameLocal, decision: body.decision, reason },
        link: "/registration",
      });
      return { organizationId, status: body.decision, linkedCounterparties };
    });
  }

  return { submitApplication, getOwnApplication, getDocument, addDocuments, listApplications, getApplicationForReview, decide };
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
