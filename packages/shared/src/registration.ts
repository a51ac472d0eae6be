// Registration of an organisation (G2B 이용자등록 · 利用者登録): the application, its review by ops staff
// (대기/승인/보류/반려 · 審査待ち/承認/保留/却下) and the applicant's status page. Used as the Fastify route schemas and
// by the web client for its types, so both sides agree on every field and limit.
import { Type, type Static } from "typebox";
import { PASSWORD_MAX_LENGTH } from "./auth";
import { CountrySchema, OrganizationStatusSchema, type OrganizationStatus } from "./enums";

// ---- the review state machine ------------------------------------------------------------------------------

/**
 * Every status change an application can make. Ops decide only on a PENDING application; ON_HOLD goes back to
 * PENDING when the applicant answers; APPROVED and REJECTED are final (a rejected applicant contacts ops).
 */
export const REGISTRATION_TRANSITIONS: Readonly<Record<OrganizationStatus, readonly OrganizationStatus[]>> = {
  PENDING: ["APPROVED", "ON_HOLD", "REJECTED"],
  ON_HOLD: ["PENDING"],
  APPROVED: [],
  REJECTED: [],
};

export function canTransitionRegistration(from: OrganizationStatus, to: OrganizationStatus): boolean {
  return REGISTRATION_TRANSITIONS[from].includes(to);
}

/** The applicant may add documents while the application waits for review or was put on hold. */
export function canAddRegistrationDocuments(status: OrganizationStatus): boolean {
  return status === "PENDING" || canTransitionRegistration(status, "PENDING");
}

export const REGISTRATION_DECISIONS = ["APPROVED", "ON_HOLD", "REJECTED"] as const;
export type RegistrationDecision = (typeof REGISTRATION_DECISIONS)[number];

/** Holding says what is missing and rejecting says why; an approval may carry a note. */
export function isDecisionReasonRequired(decision: RegistrationDecision): boolean {
  return decision !== "APPROVED";
}

export const REASON_MAX_LENGTH = 2000;

// ---- documents -----------------------------------------------------------------------------------------------

export const REGISTRATION_DOCUMENT_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export type RegistrationDocumentType = (typeof REGISTRATION_DOCUMENT_TYPES)[number];
/** Files per request. */
export const MAX_REGISTRATION_DOCUMENTS = 10;
/** Files an organisation can hold in total, so an applicant cannot fill the database. */
export const MAX_REGISTRATION_DOCUMENTS_PER_ORGANIZATION = 30;
export const MAX_REGISTRATION_DOCUMENT_BYTES = 10 * 1024 * 1024;

// ---- the application ---------------------------------------------------------------------------------------

/** Operators are not applicants: their organisation is set up with the platform. */
export const APPLICANT_KINDS = ["ORDERER", "CONTRACTOR", "SURETY"] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];
export const ApplicantKindSchema = Type.Enum(APPLICANT_KINDS);

/** At least one character that is not white space. */
const TEXT = "\\S";
const requiredText = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: TEXT });

export const REGISTRATION_PASSWORD_MIN_LENGTH = 10;

export const RegistrationUserSchema = Type.Object(
  {
    name: requiredText(100),
    /** Used with the registration number to sign in. */
    loginId: Type.String({ minLength: 3, maxLength: 64, pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" }),
    email: Type.String({ format: "email", maxLength: 254 }),
    password: Type.String({ minLength: REGISTRATION_PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export type RegistrationUser = Static<typeof RegistrationUserSchema>;

/** The JSON part `application` of POST /api/registrations (multipart, with the `documents` files). */
export const RegistrationApplicationSchema = Type.Object(
  {
    kind: ApplicantKindSchema,
    country: CountrySchema,
    /** With or without hyphens; checked against the country's check-digit rule on the server. */
    registrationNumber: Type.String({ minLength: 1, maxLength: 20, pattern: "^[0-9\\s\\-‐－]+$" }),
    nameLocal: requiredText(200),
    /** The name in Latin letters, for the other country's staff and for certificates. */
    nameLatin: Type.String({ minLength: 1, maxLength: 200, pattern: "^[\\x20-\\x7E]*[A-Za-z0-9][\\x20-\\x7E]*$" }),
    representativeName: requiredText(100),
    address: requiredText(500),
    contactName: requiredText(100),
    contactEmail: Type.String({ format: "email", maxLength: 254 }),
    contactPhone: Type.String({ minLength: 6, maxLength: 30, pattern: "^\\+?[0-9][0-9\\s\\-()]*$" }),
    user: RegistrationUserSchema,
    /** From a counterparty's invitation link (?invitation=…): marks the invitation accepted. */
    counterpartyInvitationToken: Type.Optional(Type.String({ minLength: 20, maxLength: 100, pattern: "^[A-Za-z0-9_-]+$" })),
  },
  { additionalProperties: false },
);
export type RegistrationApplication = Static<typeof RegistrationApplicationSchema>;

export const RegistrationCreatedSchema = Type.Object({
  organizationId: Type.String({ format: "uuid" }),
  status: Type.Literal("PENDING"),
});
export type RegistrationCreated = Static<typeof RegistrationCreatedSchema>;

// ---- views ---------------------------------------------------------------------------------------------------

export const RegistrationDocumentSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  fileName: Type.String(),
  contentType: Type.Enum(REGISTRATION_DOCUMENT_TYPES),
  size: Type.Integer(),
  uploadedAt: Type.String({ format: "date-time" }),
});
export type RegistrationDocument = Static<typeof RegistrationDocumentSchema>;

export const RegistrationHistoryEntrySchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  /** The status this entry put the application in: PENDING for the submission and each answer to a hold. */
  status: OrganizationStatusSchema,
  reason: Type.String(),
  /**
   * Who decided: null when the applicant submitted or answered. Applicants see only "operator", never the ops
   * user's name; the admin view shows the name.
   */
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  at: Type.String({ format: "date-time" }),
});
export type RegistrationHistoryEntry = Static<typeof RegistrationHistoryEntrySchema>;

const registrationViewProperties = {
  organizationId: Type.String({ format: "uuid" }),
  kind: ApplicantKindSchema,
  country: CountrySchema,
  /** Digits only. */
  registrationNumber: Type.String(),
  nameLocal: Type.String(),
  nameLatin: Type.String(),
  representativeName: Type.String(),
  address: Type.String(),
  contactName: Type.String(),
  contactEmail: Type.String(),
  contactPhone: Type.String(),
  status: OrganizationStatusSchema,
  submittedAt: Type.String({ format: "date-time" }),
  /** Oldest first. */
  history: Type.Array(RegistrationHistoryEntrySchema),
  documents: Type.Array(RegistrationDocumentSchema),
};

/** GET /api/registration: the signed-in applicant's own application. */
export const RegistrationViewSchema = Type.Object(registrationViewProperties);
export type RegistrationView = Static<typeof RegistrationViewSchema>;

/** POST /api/registration/documents: files `documents` (optional while on hold) and an optional `message`. */
export const REGISTRATION_MESSAGE_FIELD = "message";

// ---- ops -------------------------------------------------------------------------------------------------------

export const AdminRegistrationViewSchema = Type.Object({
  ...registrationViewProperties,
  /** The representative who applied. */
  applicant: Type.Object({ name: Type.String(), email: Type.String(), loginId: Type.String() }),
});
export type AdminRegistrationView = Static<typeof AdminRegistrationViewSchema>;

export const REGISTRATION_LIST_MAX_LIMIT = 100;
export const REGISTRATION_LIST_DEFAULT_LIMIT = 20;

export const AdminRegistrationListQuerySchema = Type.Object(
  {
    /** Default PENDING: the queue. "ALL" lists every application. */
    status: Type.Optional(Type.Union([OrganizationStatusSchema, Type.Literal("ALL")])),
    kind: Type.Optional(ApplicantKindSchema),
    country: Type.Optional(CountrySchema),
    /** nextCursor of the previous page. */
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: REGISTRATION_LIST_MAX_LIMIT })),
  },
  { additionalProperties: false },
);
export type AdminRegistrationListQuery = Static<typeof AdminRegistrationListQuerySchema>;

export const AdminRegistrationListItemSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  kind: ApplicantKindSchema,
  country: CountrySchema,
  registrationNumber: Type.String(),
  nameLocal: Type.String(),
  nameLatin: Type.String(),
  status: OrganizationStatusSchema,
  submittedAt: Type.String({ format: "date-time" }),
  lastChangedAt: Type.String({ format: "date-time" }),
  documentCount: Type.Integer(),
});
export type AdminRegistrationListItem = Static<typeof AdminRegistrationListItemSchema>;

export const AdminRegistrationListSchema = Type.Object({
  /** Oldest application first: first come, first reviewed. */
  items: Type.Array(AdminRegistrationListItemSchema),
  /** Pass as ?cursor= for the next page; null on the last page. */
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  /** How many applications match the filters, across all pages. */
  total: Type.Integer(),
});
export type AdminRegistrationList = Static<typeof AdminRegistrationListSchema>;

export const RegistrationOrganizationParamsSchema = Type.Object({ organizationId: Type.String({ format: "uuid" }) });
export type RegistrationOrganizationParams = Static<typeof RegistrationOrganizationParamsSchema>;

export const RegistrationDocumentParamsSchema = Type.Object({ documentId: Type.String({ format: "uuid" }) });
export type RegistrationDocumentParams = Static<typeof RegistrationDocumentParamsSchema>;

export const AdminRegistrationDocumentParamsSchema = Type.Object({
  organizationId: Type.String({ format: "uuid" }),
  documentId: Type.String({ format: "uuid" }),
});
export type AdminRegistrationDocumentParams = Static<typeof AdminRegistrationDocumentParamsSchema>;

export const RegistrationDecisionBodySchema = Type.Object(
  {
    decision: Type.Enum(REGISTRATION_DECISIONS),
    /** Required (not blank) for ON_HOLD and REJECTED. */
    reason: Type.String({ maxLength: REASON_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export type RegistrationDecisionBody = Static<typeof RegistrationDecisionBodySchema>;

export const RegistrationDecisionResultSchema = Type.Object({
  organizationId: Type.String({ format: "uuid" }),
  status: OrganizationStatusSchema,
  /** On approval: how many members' counterparty entries now point at this organisation. */
  linkedCounterparties: Type.Integer(),
});
export type RegistrationDecisionResult = Static<typeof RegistrationDecisionResultSchema>;
