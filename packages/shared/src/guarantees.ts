// Electronic guarantees (전자보증 · 電子保証): the state machine the API enforces and the UI reads, the rules on
// amounts and keys, and the request and response shapes of /api/guarantees.
import { Type, type Static } from "typebox";
import { CurrencySchema, GuaranteeKindSchema, type GuaranteeKind } from "./contracts";

// ---- enums (prisma/schema.prisma keeps the same values) --------------------------------------------------------

export const GUARANTEE_STATUSES = ["DRAFT", "SUBMITTED", "CORRECTION_REQUESTED", "REFUSED", "ISSUED", "CANCELLED", "RELEASED"] as const;
export type GuaranteeStatus = (typeof GUARANTEE_STATUSES)[number];
export const GuaranteeStatusSchema = Type.Enum(GUARANTEE_STATUSES);

export const GUARANTEE_ORIGINS = ["PLATFORM", "OFFLINE"] as const;
export type GuaranteeOrigin = (typeof GUARANTEE_ORIGINS)[number];
export const GuaranteeOriginSchema = Type.Enum(GUARANTEE_ORIGINS);

/** 新規/変更/訂正/取消/해제. */
export const GUARANTEE_VERSION_KINDS = ["ISSUE", "CHANGE", "CORRECTION", "CANCELLATION", "RELEASE"] as const;
export type GuaranteeVersionKind = (typeof GUARANTEE_VERSION_KINDS)[number];
export const GuaranteeVersionKindSchema = Type.Enum(GUARANTEE_VERSION_KINDS);

export const GUARANTEE_DELIVERIES = ["ELECTRONIC", "PAPER"] as const;
export type GuaranteeDelivery = (typeof GUARANTEE_DELIVERIES)[number];
export const GuaranteeDeliverySchema = Type.Enum(GUARANTEE_DELIVERIES);

export const GUARANTEE_FEE_PAYMENT_METHODS = ["LUMP_SUM", "INSTALLMENTS"] as const;
export type GuaranteeFeePaymentMethod = (typeof GUARANTEE_FEE_PAYMENT_METHODS)[number];
export const GuaranteeFeePaymentMethodSchema = Type.Enum(GUARANTEE_FEE_PAYMENT_METHODS);

export const GUARANTEE_EVENT_KINDS = [
  /** The orderer accepted it at the lookup (접수) or returned it (반려). */
  "ACCEPTED",
  "RETURNED_BY_ORDERER",
  "CREATED",
  "UPDATED",
  "SUBMITTED",
  "CORRECTION_REQUESTED",
  "RESUBMITTED",
  "REFUSED",
  "ISSUED",
  "CHANGED",
  "CORRECTED",
  "CANCELLED",
  "RELEASED",
  "REKEYED",
  "KEY_NOTICE_SUBMITTED",
  "OFFLINE_RECORDED",
  /** The contractor asked the surety for a change (変更申込), e.g. after a change contract. */
  "CHANGE_REQUESTED",
] as const;
export type GuaranteeEventKind = (typeof GUARANTEE_EVENT_KINDS)[number];
export const GuaranteeEventKindSchema = Type.Enum(GUARANTEE_EVENT_KINDS);

/** The two organisations that act on a guarantee; the orderer only reads it (and accepts it at the lookup). */
export const GUARANTEE_SIDES = ["CONTRACTOR", "SURETY"] as const;
export type GuaranteeSide = (typeof GUARANTEE_SIDES)[number];
export const GuaranteeSideSchema = Type.Enum(GUARANTEE_SIDES);

// ---- the state machine ------------------------------------------------------------------------------------------

export const GUARANTEE_ACTIONS = [
  "EDIT",
  "DELETE",
  "SUBMIT",
  "REQUEST_CORRECTION",
  "REFUSE",
  "ISSUE",
  "CHANGE",
  "CORRECT",
  "CANCEL",
  "RELEASE",
  "REKEY",
  "SUBMIT_KEY_NOTICE",
  "REQUEST_CHANGE",
] as const;
export type GuaranteeAction = (typeof GUARANTEE_ACTIONS)[number];
export const GuaranteeActionSchema = Type.Enum(GUARANTEE_ACTIONS);

type GuaranteeTransition = { from: GuaranteeStatus; side: GuaranteeSide; to: GuaranteeStatus | "DELETED" };

/**
 * Every allowed step of a platform guarantee; anything else is refused with 409 and the current state. The
 * contractor writes and sends the application (again after a correction request); the surety asks for
 * corrections, refuses or issues, and afterwards changes, corrects, cancels, releases (RELEASE to RELEASED is a
 * whole release; a partial release is a RELEASE version that stays ISSUED) or re-keys. Offline guarantees have no
 * transitions: they are records.
 */
const GUARANTEE_TRANSITIONS: Record<GuaranteeAction, readonly GuaranteeTransition[]> = {
  EDIT: [
    { from: "DRAFT", side: "CONTRACTOR", to: "DRAFT" },
    { from: "CORRECTION_REQUESTED", side: "CONTRACTOR", to: "CORRECTION_REQUESTED" },
  ],
  DELETE: [{ from: "DRAFT", side: "CONTRACTOR", to: "DELETED" }],
  SUBMIT: [
    { from: "DRAFT", side: "CONTRACTOR", to: "SUBMITTED" },
    { from: "CORRECTION_REQUESTED", side: "CONTRACTOR", to: "SUBMITTED" },
  ],
  REQUEST_CORRECTION: [{ from: "SUBMITTED", side: "SURETY", to: "CORRECTION_REQUESTED" }],
  REFUSE: [{ from: "SUBMITTED", side: "SURETY", to: "REFUSED" }],
  ISSUE: [{ from: "SUBMITTED", side: "SURETY", to: "ISSUED" }],
  CHANGE: [{ from: "ISSUED", side: "SURETY", to: "ISSUED" }],
  CORRECT: [{ from: "ISSUED", side: "SURETY", to: "ISSUED" }],
  CANCEL: [{ from: "ISSUED", side: "SURETY", to: "CANCELLED" }],
  RELEASE: [{ from: "ISSUED", side: "SURETY", to: "RELEASED" }],
  REKEY: [{ from: "ISSUED", side: "SURETY", to: "ISSUED" }],
  SUBMIT_KEY_NOTICE: [{ from: "ISSUED", side: "CONTRACTOR", to: "ISSUED" }],
  REQUEST_CHANGE: [{ from: "ISSUED", side: "CONTRACTOR", to: "ISSUED" }],
};

export function nextGuaranteeStatus(status: GuaranteeStatus, action: GuaranteeAction, side: GuaranteeSide): GuaranteeStatus | "DELETED" | null {
  return GUARANTEE_TRANSITIONS[action].find((transition) => transition.from === status && transition.side === side)?.to ?? null;
}

export function allowedGuaranteeActions(status: GuaranteeStatus, side: GuaranteeSide, origin: GuaranteeOrigin = "PLATFORM"): GuaranteeAction[] {
  if (origin === "OFFLINE") return [];
  return GUARANTEE_ACTIONS.filter((action) => nextGuaranteeStatus(status, action, side) !== null);
}

/** The version kind each signing action produces. */
export const VERSION_KIND_BY_ACTION = {
  ISSUE: "ISSUE",
  CHANGE: "CHANGE",
  CORRECT: "CORRECTION",
  CANCEL: "CANCELLATION",
  RELEASE: "RELEASE",
} as const satisfies Partial<Record<GuaranteeAction, GuaranteeVersionKind>>;
export type SigningGuaranteeAction = keyof typeof VERSION_KIND_BY_ACTION;
export const SigningGuaranteeActionSchema = Type.Enum(Object.keys(VERSION_KIND_BY_ACTION) as SigningGuaranteeAction[]);

/** What the lookup and the lists show: valid, changed, cancelled, released or expired (after the period ends). */
export const GUARANTEE_DISPLAY_STATUSES = ["PENDING", "VALID", "CHANGED", "CANCELLED", "RELEASED", "EXPIRED", "REFUSED", "OFFLINE"] as const;
export type GuaranteeDisplayStatus = (typeof GUARANTEE_DISPLAY_STATUSES)[number];
export const GuaranteeDisplayStatusSchema = Type.Enum(GUARANTEE_DISPLAY_STATUSES);

/** `today` as YYYY-MM-DD in the guarantee's country; the period includes its last day. */
export function guaranteeDisplayStatus(input: {
  origin: GuaranteeOrigin;
  status: GuaranteeStatus;
  currentVersion: number;
  guaranteeEndDate: string;
  today: string;
}): GuaranteeDisplayStatus {
  if (input.origin === "OFFLINE") return "OFFLINE";
  switch (input.status) {
    case "CANCELLED":
      return "CANCELLED";
    case "RELEASED":
      return "RELEASED";
    case "REFUSED":
      return "REFUSED";
    case "ISSUED":
      if (input.today > input.guaranteeEndDate) return "EXPIRED";
      return input.currentVersion > 1 ? "CHANGED" : "VALID";
    default:
      return "PENDING";
  }
}

// ---- rules both sides use ---------------------------------------------------------------------------------------

/**
 * The guarantee amount as a share of its base (the contract amount, or this year's target amount when given), in
 * basis points rounded down (1234 = 12.34%): integers only, so the form and the PDF agree to the digit.
 */
export function guaranteeShareBasisPoints(guaranteeAmount: number | bigint, baseAmount: number | bigint): number {
  const base = BigInt(baseAmount);
  if (base <= 0n) return 0;
  return Number((BigInt(guaranteeAmount) * 10_000n) / base);
}

/** 12 digits shown as 00000-000000 (seed 004); unique across the platform, since the lookup takes it alone. */
export const GUARANTEE_NUMBER_PATTERN = "^[0-9]{5}-[0-9]{6}$";

/**
 * The authentication key: 14 characters from 56 that cannot be mistaken for each other when read aloud or typed
 * from paper (no 0/O/o, 1/I/l) — 14 × log2(56) ≈ 81 bits, above the 70 the design asks for (12 would give 69.7).
 */
export const AUTH_KEY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
export const AUTH_KEY_LENGTH = 14;
export const AUTH_KEY_PATTERN = `^[${AUTH_KEY_ALPHABET}]{${AUTH_KEY_LENGTH}}$`;

/** What a person may type: spaces and hyphens (as the notice groups the key) are ignored. */
export function normalizeAuthKey(input: string): string {
  return input.replace(/[\s-]/g, "");
}

/** 4-4-4-2, as printed on the notice. */
export function formatAuthKey(key: string): string {
  return key.match(/.{1,4}/g)?.join("-") ?? key;
}

// ---- limits -----------------------------------------------------------------------------------------------------

export const GUARANTEE_TEXT_MAX_LENGTH = 200;
export const GUARANTEE_MESSAGE_MAX_LENGTH = 2000;
export const GUARANTEE_REASON_MAX_LENGTH = 1000;
export const GUARANTEE_CONTACTS_MAX = 5;
export const OFFLINE_GUARANTEE_FILE_MAX_BYTES = 10 * 1024 * 1024;
/** A signed certificate or fee statement PDF: a few hundred kB at most. */
export const SIGNED_GUARANTEE_PDF_MAX_BYTES = 4 * 1024 * 1024;

// ---- request shapes ---------------------------------------------------------------------------------------------

const DateSchema = Type.String({ format: "date", description: "YYYY-MM-DD" });
const DateTimeSchema = Type.String({ format: "date-time" });
const UuidSchema = Type.String({ format: "uuid" });
const Text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength, ...(minLength > 0 ? { pattern: "\\S" } : {}) });
/** Whole won or yen, as for contracts. */
const AmountSchema = Type.Integer({ minimum: 1, maximum: 999_999_999_999_999 });
const Base64Pdf = (maxBytes: number) => Type.String({ contentEncoding: "base64", minLength: 1, maxLength: Math.ceil((maxBytes * 4) / 3) + 4 });

export const GuaranteeContactSchema = Type.Object(
  { name: Text(100, 1), department: Type.Optional(Text(100)), phone: Type.Optional(Text(30)), email: Type.Optional(Text(254)) },
  { additionalProperties: false },
);
export type GuaranteeContact = Static<typeof GuaranteeContactSchema>;

const applicationProperties = {
  suretyOrganizationId: UuidSchema,
  kind: GuaranteeKindSchema,
  /** Applying from a contract fills the orderer and works details from it (and links the guarantee to it). */
  contractId: Type.Union([UuidSchema, Type.Null()]),
  /** A platform orderer, when the guarantee is not from a contract; ordererName is what the certificate prints. */
  ordererOrganizationId: Type.Union([UuidSchema, Type.Null()]),
  ordererName: Text(GUARANTEE_TEXT_MAX_LENGTH, 1),
  worksTitle: Text(GUARANTEE_TEXT_MAX_LENGTH, 1),
  contractAmount: AmountSchema,
  contractDate: DateSchema,
  worksStartDate: DateSchema,
  worksEndDate: DateSchema,
  guaranteeAmount: AmountSchema,
  guaranteeStartDate: DateSchema,
  guaranteeEndDate: DateSchema,
  targetAmountThisYear: Type.Union([AmountSchema, Type.Null()]),
  depositBankName: Text(100),
  depositBranchName: Text(100),
  usesReDeposit: Type.Boolean(),
  feePaymentMethod: GuaranteeFeePaymentMethodSchema,
  feeBilledTo: Text(GUARANTEE_TEXT_MAX_LENGTH),
  delivery: GuaranteeDeliverySchema,
  wantsPaperFeeStatement: Type.Boolean(),
  destinationBranch: Text(100),
  notificationEmail: Text(254),
  contacts: Type.Array(GuaranteeContactSchema, { maxItems: GUARANTEE_CONTACTS_MAX }),
  message: Text(GUARANTEE_MESSAGE_MAX_LENGTH),
};

/** A draft application; the currency follows the orderer's country (or the contract's). */
export const CreateGuaranteeBodySchema = Type.Object(applicationProperties, { additionalProperties: false });
export type CreateGuaranteeBody = Static<typeof CreateGuaranteeBodySchema>;

export const UpdateGuaranteeBodySchema = Type.Object({ ...applicationProperties, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type UpdateGuaranteeBody = Static<typeof UpdateGuaranteeBodySchema>;

export const GuaranteeParamsSchema = Type.Object({ guaranteeId: UuidSchema });
export type GuaranteeParams = Static<typeof GuaranteeParamsSchema>;

export const GuaranteeVersionParamsSchema = Type.Object({ guaranteeId: UuidSchema, number: Type.Integer({ minimum: 1 }) });
export type GuaranteeVersionParams = Static<typeof GuaranteeVersionParamsSchema>;

export const GuaranteeVersionBodySchema = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type GuaranteeVersionBody = Static<typeof GuaranteeVersionBodySchema>;

export const GuaranteeReasonBodySchema = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: Text(GUARANTEE_REASON_MAX_LENGTH, 1) },
  { additionalProperties: false },
);
export type GuaranteeReasonBody = Static<typeof GuaranteeReasonBodySchema>;

/** What a change or correction alters; anything left out stays as it is. */
export const GuaranteeAmendmentSchema = Type.Object(
  {
    guaranteeAmount: Type.Optional(AmountSchema),
    guaranteeStartDate: Type.Optional(DateSchema),
    guaranteeEndDate: Type.Optional(DateSchema),
    contractAmount: Type.Optional(AmountSchema),
    worksStartDate: Type.Optional(DateSchema),
    worksEndDate: Type.Optional(DateSchema),
    worksTitle: Type.Optional(Text(GUARANTEE_TEXT_MAX_LENGTH, 1)),
    ordererName: Type.Optional(Text(GUARANTEE_TEXT_MAX_LENGTH, 1)),
    depositBankName: Type.Optional(Text(100)),
    depositBranchName: Type.Optional(Text(100)),
  },
  { additionalProperties: false },
);
export type GuaranteeAmendment = Static<typeof GuaranteeAmendmentSchema>;

/**
 * The contractor asks the surety to change an issued guarantee (変更申込): what should change and why. The surety
 * decides and signs the change (CHANGE); the request is cleared when it does. A new request replaces an open one.
 */
export const RequestGuaranteeChangeBodySchema = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: Text(GUARANTEE_REASON_MAX_LENGTH, 1), amendment: GuaranteeAmendmentSchema },
  { additionalProperties: false },
);
export type RequestGuaranteeChangeBody = Static<typeof RequestGuaranteeChangeBodySchema>;

export const GuaranteeChangeRequestSchema = Type.Object({
  reason: Type.String(),
  amendment: GuaranteeAmendmentSchema,
  requestedAt: Type.String({ format: "date-time" }),
});
export type GuaranteeChangeRequest = Static<typeof GuaranteeChangeRequestSchema>;

/**
 * The surety prepares a version: the server numbers the guarantee (on issue), builds the canonical document and
 * renders the certificate and fee statement PDFs, and returns them to be signed in the browser.
 */
export const PrepareGuaranteeVersionBodySchema = Type.Object(
  {
    action: SigningGuaranteeActionSchema,
    version: Type.Integer({ minimum: 1 }),
    /** For CHANGE and CORRECT (required there), and for a partial RELEASE (the remaining guaranteeAmount). */
    amendment: Type.Optional(GuaranteeAmendmentSchema),
    /** Required for CHANGE, CORRECT, CANCEL and RELEASE. */
    reason: Type.Optional(Text(GUARANTEE_REASON_MAX_LENGTH)),
    /** The fee statement delivered with an issue (保証料計算書): base, rate in basis points, fee. Required for ISSUE only. */
    fee: Type.Optional(
      Type.Object(
        { baseAmount: AmountSchema, rateBasisPoints: Type.Integer({ minimum: 0, maximum: 10_000 }), feeAmount: Type.Integer({ minimum: 0, maximum: 999_999_999_999_999 }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type PrepareGuaranteeVersionBody = Static<typeof PrepareGuaranteeVersionBodySchema>;

export const PreparedGuaranteeVersionSchema = Type.Object({
  number: Type.Integer(),
  kind: GuaranteeVersionKindSchema,
  guaranteeNumber: Type.String(),
  /** Sign these exact UTF-8 bytes (detached CMS). */
  canonicalJson: Type.String(),
  /** GET …/versions/:number/certificate.pdf returns these bytes; sign them (PAdES) after checking the hash. */
  certificatePdfSha256: Type.String(),
  feeStatementPdfSha256: Type.Union([Type.String(), Type.Null()]),
});
export type PreparedGuaranteeVersion = Static<typeof PreparedGuaranteeVersionSchema>;

/** The surety's signatures over a prepared version: all made in the browser with the same certificate. */
export const SignGuaranteeVersionBodySchema = Type.Object(
  {
    /** CMS SignedData (DER, base64), detached, over canonicalJson's UTF-8 bytes, with the signer certificate. */
    signedData: Type.String({ contentEncoding: "base64", minLength: 1, maxLength: 65_536 }),
    signedCertificatePdf: Base64Pdf(SIGNED_GUARANTEE_PDF_MAX_BYTES),
    signedFeeStatementPdf: Type.Optional(Base64Pdf(SIGNED_GUARANTEE_PDF_MAX_BYTES)),
  },
  { additionalProperties: false },
);
export type SignGuaranteeVersionBody = Static<typeof SignGuaranteeVersionBodySchema>;

export const GuaranteeListQuerySchema = Type.Object(
  {
    status: Type.Optional(GuaranteeStatusSchema),
    kind: Type.Optional(GuaranteeKindSchema),
    /** Only those waiting on the caller's organisation (the surety's queue: SUBMITTED). */
    awaitingMe: Type.Optional(Type.Boolean()),
    contractId: Type.Optional(UuidSchema),
    /** Part of the works title, the orderer's name or the guarantee number. */
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export type GuaranteeListQuery = Static<typeof GuaranteeListQuerySchema>;

/** An offline guarantee: metadata as JSON in the multipart field "data", the scan or PDF in "file". */
export const OfflineGuaranteeDataSchema = Type.Object(
  {
    kind: GuaranteeKindSchema,
    issuerName: Text(GUARANTEE_TEXT_MAX_LENGTH, 1),
    guaranteeNumber: Text(50, 1),
    contractId: Type.Union([UuidSchema, Type.Null()]),
    ordererName: Text(GUARANTEE_TEXT_MAX_LENGTH, 1),
    worksTitle: Text(GUARANTEE_TEXT_MAX_LENGTH, 1),
    contractAmount: AmountSchema,
    guaranteeAmount: AmountSchema,
    currency: CurrencySchema,
    guaranteeStartDate: DateSchema,
    guaranteeEndDate: DateSchema,
    /** Taken from the contract when contractId is given; required without one (the record has no other source). */
    contractDate: Type.Optional(DateSchema),
    worksStartDate: Type.Optional(DateSchema),
    worksEndDate: Type.Optional(DateSchema),
  },
  { additionalProperties: false },
);
export type OfflineGuaranteeData = Static<typeof OfflineGuaranteeDataSchema>;

// ---- response shapes --------------------------------------------------------------------------------------------

const OrganizationRefSchema = Type.Object({ id: UuidSchema, nameLocal: Type.String(), nameLatin: Type.String(), registrationNumber: Type.String() });

export const GuaranteeSummarySchema = Type.Object({
  id: UuidSchema,
  origin: GuaranteeOriginSchema,
  kind: GuaranteeKindSchema,
  status: GuaranteeStatusSchema,
  displayStatus: GuaranteeDisplayStatusSchema,
  guaranteeNumber: Type.Union([Type.String(), Type.Null()]),
  worksTitle: Type.String(),
  ordererName: Type.String(),
  contractor: OrganizationRefSchema,
  /** Null for an offline guarantee. */
  surety: Type.Union([OrganizationRefSchema, Type.Null()]),
  offlineIssuerName: Type.Union([Type.String(), Type.Null()]),
  guaranteeAmount: Type.Integer(),
  currency: CurrencySchema,
  guaranteeEndDate: DateSchema,
  mySide: GuaranteeSideSchema,
  updatedAt: DateTimeSchema,
});
export type GuaranteeSummary = Static<typeof GuaranteeSummarySchema>;

export const GuaranteeListSchema = Type.Object({ items: Type.Array(GuaranteeSummarySchema), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export type GuaranteeList = Static<typeof GuaranteeListSchema>;

export const GuaranteeVersionSummarySchema = Type.Object({
  number: Type.Integer(),
  kind: GuaranteeVersionKindSchema,
  changes: Type.Array(Type.Object({ field: Type.String(), before: Type.Union([Type.String(), Type.Null()]), after: Type.Union([Type.String(), Type.Null()]) })),
  reason: Type.String(),
  signer: Type.Union([Type.Object({ name: Type.String(), certificateSubject: Type.String() }), Type.Null()]),
  /** The time-stamp's time of the surety's signature. */
  signedAt: Type.Union([DateTimeSchema, Type.Null()]),
  /** 電子保証発行日時: when the signed version reached the platform. */
  reachedPlatformAt: DateTimeSchema,
  hasFeeStatement: Type.Boolean(),
});
export type GuaranteeVersionSummary = Static<typeof GuaranteeVersionSummarySchema>;

export const GuaranteeEventSchema = Type.Object({
  id: UuidSchema,
  kind: GuaranteeEventKindSchema,
  versionNumber: Type.Union([Type.Integer(), Type.Null()]),
  actor: Type.Union([Type.Object({ name: Type.String(), organizationName: Type.String() }), Type.Null()]),
  reason: Type.String(),
  createdAt: DateTimeSchema,
});
export type GuaranteeEvent = Static<typeof GuaranteeEventSchema>;

export const GuaranteeDetailSchema = Type.Object({
  ...GuaranteeSummarySchema.properties,
  contractId: Type.Union([UuidSchema, Type.Null()]),
  orderer: Type.Union([OrganizationRefSchema, Type.Null()]),
  contractAmount: Type.Integer(),
  contractDate: DateSchema,
  worksStartDate: DateSchema,
  worksEndDate: DateSchema,
  guaranteeStartDate: DateSchema,
  targetAmountThisYear: Type.Union([Type.Integer(), Type.Null()]),
  depositBankName: Type.String(),
  depositBranchName: Type.String(),
  usesReDeposit: Type.Boolean(),
  feePaymentMethod: GuaranteeFeePaymentMethodSchema,
  feeBilledTo: Type.String(),
  delivery: GuaranteeDeliverySchema,
  wantsPaperFeeStatement: Type.Boolean(),
  destinationBranch: Type.String(),
  notificationEmail: Type.String(),
  contacts: Type.Array(GuaranteeContactSchema),
  message: Type.String(),
  issuedAt: Type.Union([DateTimeSchema, Type.Null()]),
  currentVersion: Type.Integer(),
  keyNoticeSubmittedAt: Type.Union([DateTimeSchema, Type.Null()]),
  /** The contractor's open request for a change, until the surety signs one. */
  changeRequest: Type.Union([GuaranteeChangeRequestSchema, Type.Null()]),
  versions: Type.Array(GuaranteeVersionSummarySchema),
  /** A prepared version waiting for the surety's signature (surety only). */
  preparedVersion: Type.Union([PreparedGuaranteeVersionSchema, Type.Null()]),
  events: Type.Array(GuaranteeEventSchema),
  allowedActions: Type.Array(GuaranteeActionSchema),
  version: Type.Integer(),
  createdAt: DateTimeSchema,
});
export type GuaranteeDetail = Static<typeof GuaranteeDetailSchema>;

/** GET /api/guarantees/:id/auth-key: the contractor's and the surety's own view of the key; never in lists. */
export const GuaranteeAuthKeySchema = Type.Object({ guaranteeNumber: Type.String(), authKey: Type.String() });
export type GuaranteeAuthKey = Static<typeof GuaranteeAuthKeySchema>;

/** The guarantee kinds that carry deposit bank details (advance payments are deposited with a bank). */
export const KINDS_WITH_DEPOSIT_BANK: readonly GuaranteeKind[] = ["ADVANCE_PAYMENT", "INTERIM_ADVANCE_PAYMENT"];

// ---- the signed certificate document ----------------------------------------------------------------------------

const PartySchema = Type.Object({
  name: Type.String(),
  registrationNumber: Type.Union([Type.String(), Type.Null()]),
  representativeName: Type.String(),
  address: Type.String(),
});

/**
 * The electronic certificate's structured data: what the surety signs (as canonical JSON, keys in this order) and
 * what the certificate PDF prints. Amounts are integers; dates YYYY-MM-DD; the language is the orderer's country's.
 */
export const GuaranteeCertificateDocumentSchema = Type.Object({
  type: Type.Literal("pwp.guarantee.certificate.v1"),
  guaranteeNumber: Type.String(),
  versionNumber: Type.Integer(),
  versionKind: GuaranteeVersionKindSchema,
  kind: GuaranteeKindSchema,
  language: Type.Union([Type.Literal("ko"), Type.Literal("ja")]),
  contractor: PartySchema,
  /** JV members besides the contractor (the lead); empty until joint ventures arrive. */
  jvMembers: Type.Array(PartySchema),
  orderer: PartySchema,
  worksTitle: Type.String(),
  currency: CurrencySchema,
  contractAmount: Type.Integer(),
  contractDate: DateSchema,
  worksStartDate: DateSchema,
  worksEndDate: DateSchema,
  guaranteeAmount: Type.Integer(),
  guaranteeStartDate: DateSchema,
  guaranteeEndDate: DateSchema,
  depositBank: Type.Union([Type.Object({ bankName: Type.String(), branchName: Type.String() }), Type.Null()]),
  surety: PartySchema,
  /** The day this version is issued (YYYY-MM-DD, the surety's country). */
  issuedOn: DateSchema,
  /** Why this version was made (empty for the first issue). */
  reason: Type.String(),
});
export type GuaranteeCertificateDocument = Static<typeof GuaranteeCertificateDocumentSchema>;
