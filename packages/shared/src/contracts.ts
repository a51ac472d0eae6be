// Electronic contracts (전자계약 · 電子契約): the one state machine the API enforces and the UI reads, and the
// request and response shapes of /api/contracts.
import { Type, type Static } from "typebox";
import { CountrySchema } from "./enums";

// ---- enums (prisma/schema.prisma keeps the same values) --------------------------------------------------------

export const CONTRACT_STATUSES = ["DRAFT", "SENT", "RETURNED", "SIGNED_BY_CONTRACTOR", "COMPLETED", "CANCELLED"] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const ContractStatusSchema = Type.Enum(CONTRACT_STATUSES);

/** 갑/発注者 and 을/受注者. */
export const CONTRACT_SIDES = ["ORDERER", "CONTRACTOR"] as const;
export type ContractSide = (typeof CONTRACT_SIDES)[number];
export const ContractSideSchema = Type.Enum(CONTRACT_SIDES);

export const CURRENCIES = ["KRW", "JPY"] as const;
export type Currency = (typeof CURRENCIES)[number];
export const CurrencySchema = Type.Enum(CURRENCIES);
export const CURRENCY_BY_COUNTRY = { KR: "KRW", JP: "JPY" } as const satisfies Record<string, Currency>;

/** 선급금/前払金, 中間前払金, 계약/契約, 하자보수 guarantees; the guarantees issue enforces them. */
export const GUARANTEE_KINDS = ["ADVANCE_PAYMENT", "INTERIM_ADVANCE_PAYMENT", "CONTRACT_PERFORMANCE", "DEFECT_REPAIR"] as const;
export type GuaranteeKind = (typeof GUARANTEE_KINDS)[number];
export const GuaranteeKindSchema = Type.Enum(GUARANTEE_KINDS);

/** What follows a completed contract (contract-documents.ts): 変更契約/변경계약, 総価契約単価合意, 検査, 請求. */
export const CONTRACT_DOCUMENT_KINDS = ["CHANGE", "UNIT_PRICES", "INSPECTION", "INVOICE"] as const;
export type ContractDocumentKind = (typeof CONTRACT_DOCUMENT_KINDS)[number];
export const ContractDocumentKindSchema = Type.Enum(CONTRACT_DOCUMENT_KINDS);

export const CONTRACT_EVENT_KINDS = ["CREATED", "UPDATED", "SENT", "RETURNED", "SIGNED", "COMPLETED", "CANCELLED"] as const;
export type ContractEventKind = (typeof CONTRACT_EVENT_KINDS)[number];
export const ContractEventKindSchema = Type.Enum(CONTRACT_EVENT_KINDS);

// ---- the state machine ------------------------------------------------------------------------------------------

export const CONTRACT_ACTIONS = ["EDIT", "DELETE", "SEND", "RETURN", "SIGN", "CANCEL"] as const;
export type ContractAction = (typeof CONTRACT_ACTIONS)[number];
export const ContractActionSchema = Type.Enum(CONTRACT_ACTIONS);

type Transition = { from: ContractStatus; side: ContractSide; to: ContractStatus | "DELETED" };

/**
 * Every allowed step; anything not listed is refused (409 with the current state). The orderer drafts, sends and
 * signs last; the contractor signs first. Either side can return it before completion: the contractor a sent
 * contract, the orderer one the contractor has signed (to revise it, which needs a new signature). Only a draft
 * that was never sent can be deleted; once sent, it is cancelled with a reason and kept.
 */
const CONTRACT_TRANSITIONS: Record<ContractAction, readonly Transition[]> = {
  EDIT: [
    { from: "DRAFT", side: "ORDERER", to: "DRAFT" },
    { from: "RETURNED", side: "ORDERER", to: "RETURNED" },
  ],
  DELETE: [{ from: "DRAFT", side: "ORDERER", to: "DELETED" }],
  SEND: [
    { from: "DRAFT", side: "ORDERER", to: "SENT" },
    { from: "RETURNED", side: "ORDERER", to: "SENT" },
  ],
  RETURN: [
    { from: "SENT", side: "CONTRACTOR", to: "RETURNED" },
    { from: "SIGNED_BY_CONTRACTOR", side: "ORDERER", to: "RETURNED" },
  ],
  SIGN: [
    { from: "SENT", side: "CONTRACTOR", to: "SIGNED_BY_CONTRACTOR" },
    { from: "SIGNED_BY_CONTRACTOR", side: "ORDERER", to: "COMPLETED" },
  ],
  CANCEL: [
    { from: "SENT", side: "ORDERER", to: "CANCELLED" },
    { from: "RETURNED", side: "ORDERER", to: "CANCELLED" },
    { from: "SIGNED_BY_CONTRACTOR", side: "ORDERER", to: "CANCELLED" },
  ],
};

/** The state after `action` by `side`, or null when the step is not allowed from `status`. */
export function nextContractStatus(status: ContractStatus, action: ContractAction, side: ContractSide): ContractStatus | "DELETED" | null {
  return CONTRACT_TRANSITIONS[action].find((transition) => transition.from === status && transition.side === side)?.to ?? null;
}

/** What `side` may do now: the UI shows these buttons and nothing else. */
export function allowedContractActions(status: ContractStatus, side: ContractSide): ContractAction[] {
  return CONTRACT_ACTIONS.filter((action) => nextContractStatus(status, action, side) !== null);
}

/** Whose move it is, or null when nobody's (draft being written counts as the orderer's). */
export function awaitingSideOf(status: ContractStatus): ContractSide | null {
  switch (status) {
    case "DRAFT":
    case "RETURNED":
    case "SIGNED_BY_CONTRACTOR":
      return "ORDERER";
    case "SENT":
      return "CONTRACTOR";
    case "COMPLETED":
    case "CANCELLED":
      return null;
  }
}

/** The signature field each side signs in the PDF; also what the verifier reports. A joint venture's lead signs ContractorSignature. */
export const SIGNATURE_FIELD_BY_SIDE = { CONTRACTOR: "ContractorSignature", ORDERER: "OrdererSignature" } as const satisfies Record<ContractSide, string>;

// ---- joint ventures (共同企業体 / 공동수급체) ------------------------------------------------------------------------

/** Firms in one joint venture, the lead included. */
export const JOINT_VENTURE_FIRMS_MAX = 10;
export const JOINT_VENTURE_NAME_MAX_LENGTH = 200;
/** Shares are whole hundredths of a percent (basis points); a joint venture's add up to exactly this. */
export const SHARE_BASIS_POINTS_TOTAL = 10_000;

/** The field a joint-venture firm signs: the lead (position 0) the contractor's, member n `ContractorMember<n>Signature`. */
export function contractorSignatureField(position: number): string {
  return position === 0 ? SIGNATURE_FIELD_BY_SIDE.CONTRACTOR : `ContractorMember${position}Signature`;
}

export type ContractSigningSlot = { side: ContractSide; organizationId: string; fieldName: string };

/**
 * Who signs a contract edition, in order: a joint venture's members (positions 1, 2, …), then the lead — the
 * contractor of a single-firm contract — and the orderer last. The lead signing moves the contract to
 * SIGNED_BY_CONTRACTOR; members' signatures leave it SENT.
 */
export function contractSigningOrder(parties: {
  ordererOrganizationId: string;
  contractorOrganizationId: string;
  jointVentureMembers: readonly { organizationId: string; position: number }[];
}): ContractSigningSlot[] {
  const members = parties.jointVentureMembers.filter((member) => member.position > 0).sort((a, b) => a.position - b.position);
  return [
    ...members.map((member) => ({ side: "CONTRACTOR" as const, organizationId: member.organizationId, fieldName: contractorSignatureField(member.position) })),
    { side: "CONTRACTOR", organizationId: parties.contractorOrganizationId, fieldName: SIGNATURE_FIELD_BY_SIDE.CONTRACTOR },
    { side: "ORDERER", organizationId: parties.ordererOrganizationId, fieldName: SIGNATURE_FIELD_BY_SIDE.ORDERER },
  ];
}

/** The first slot of `order` whose organisation has not signed the edition yet; null when all have. */
export function nextContractSigner(order: readonly ContractSigningSlot[], signedOrganizationIds: Iterable<string>): ContractSigningSlot | null {
  const signed = new Set(signedOrganizationIds);
  return order.find((slot) => !signed.has(slot.organizationId)) ?? null;
}

/** 4000 → "40%", 3333 → "33.33%". */
export function formatSharePercent(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const hundredths = basisPoints % 100;
  return hundredths === 0 ? `${whole}%` : `${whole}.${String(hundredths).padStart(2, "0")}%`;
}

/** "40", "33.33", "12.5" (a percentage with at most two decimals) → basis points; null for anything else. */
export function parseSharePercent(text: string): number | null {
  const match = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!match) return null;
  const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return basisPoints >= 1 && basisPoints < SHARE_BASIS_POINTS_TOTAL ? basisPoints : null;
}

// ---- limits -----------------------------------------------------------------------------------------------------

/** 999조 / 999兆: above any public works contract, and exact as a JSON number (below 2^53). */
export const CONTRACT_AMOUNT_MAX = 999_999_999_999_999;
export const CONTRACT_TITLE_MAX_LENGTH = 200;
export const CONTRACT_PLACE_MAX_LENGTH = 200;
export const CONTRACT_NUMBER_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$";
export const TERMS_SECTIONS_MAX = 50;
export const TERMS_HEADING_MAX_LENGTH = 200;
export const TERMS_BODY_MAX_LENGTH = 10_000;
export const CONTACTS_PER_SIDE_MAX = 10;
export const CONTRACT_REASON_MAX_LENGTH = 1000;
export const CONTRACT_ANNEX_MAX_BYTES = 10 * 1024 * 1024;
/** A signed PDF is the previous revision plus an increment of a few tens of kB; base64 adds a third. */
export const SIGNED_PDF_MAX_BYTES = CONTRACT_ANNEX_MAX_BYTES + 8 * 1024 * 1024;

// ---- request shapes ---------------------------------------------------------------------------------------------

const DateSchema = Type.String({ format: "date", description: "YYYY-MM-DD" });
const DateTimeSchema = Type.String({ format: "date-time" });
const UuidSchema = Type.String({ format: "uuid" });
const TrimmedText = (maxLength: number, minLength = 0) =>
  Type.String({ minLength, maxLength, ...(minLength > 0 ? { pattern: "\\S" } : {}) });

export const TermsSectionSchema = Type.Object(
  { heading: TrimmedText(TERMS_HEADING_MAX_LENGTH, 1), body: TrimmedText(TERMS_BODY_MAX_LENGTH, 1) },
  { additionalProperties: false },
);
export type TermsSection = Static<typeof TermsSectionSchema>;

export const ContractContactInputSchema = Type.Object(
  {
    side: ContractSideSchema,
    name: TrimmedText(100, 1),
    department: Type.Optional(TrimmedText(100)),
    phone: Type.Optional(TrimmedText(30)),
    email: Type.Optional(TrimmedText(254)),
  },
  { additionalProperties: false },
);
export type ContractContactInput = Static<typeof ContractContactInputSchema>;

export const JointVentureInputSchema = Type.Object(
  {
    /** 共同企業体名 / 공동수급체 명칭, e.g. "青葉・北星特定建設工事共同企業体". */
    name: TrimmedText(JOINT_VENTURE_NAME_MAX_LENGTH, 1),
    /** The lead's share: the lead is contractorOrganizationId. */
    leadShareBasisPoints: Type.Integer({ minimum: 1, maximum: SHARE_BASIS_POINTS_TOTAL - 1 }),
    /** The other firms in the order they sign and are printed; every share and the lead's add up to 10,000. */
    members: Type.Array(
      Type.Object(
        { organizationId: UuidSchema, shareBasisPoints: Type.Integer({ minimum: 1, maximum: SHARE_BASIS_POINTS_TOTAL - 1 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: JOINT_VENTURE_FIRMS_MAX - 1 },
    ),
  },
  { additionalProperties: false },
);
export type JointVentureInput = Static<typeof JointVentureInputSchema>;

const contractContentProperties = {
  /** The contractor, or a joint venture's lead (代表者 / 대표사). */
  contractorOrganizationId: UuidSchema,
  /** Left out or null for a single contractor. */
  jointVenture: Type.Optional(Type.Union([JointVentureInputSchema, Type.Null()])),
  title: TrimmedText(CONTRACT_TITLE_MAX_LENGTH, 1),
  /** Whole won or yen. */
  amount: Type.Integer({ minimum: 1, maximum: CONTRACT_AMOUNT_MAX }),
  worksStartDate: DateSchema,
  worksEndDate: DateSchema,
  contractDate: DateSchema,
  place: Type.Optional(TrimmedText(CONTRACT_PLACE_MAX_LENGTH)),
  termsSections: Type.Array(TermsSectionSchema, { maxItems: TERMS_SECTIONS_MAX }),
  requiredGuarantees: Type.Array(GuaranteeKindSchema, { uniqueItems: true, maxItems: GUARANTEE_KINDS.length }),
  contacts: Type.Array(ContractContactInputSchema, { maxItems: 2 * CONTACTS_PER_SIDE_MAX }),
};

export const CreateContractBodySchema = Type.Object(
  {
    /** Left out to have one generated (C-2026-000001). */
    contractNumber: Type.Optional(Type.String({ pattern: CONTRACT_NUMBER_PATTERN })),
    ...contractContentProperties,
  },
  { additionalProperties: false },
);
export type CreateContractBody = Static<typeof CreateContractBodySchema>;

export const UpdateContractBodySchema = Type.Object(
  {
    contractNumber: Type.String({ pattern: CONTRACT_NUMBER_PATTERN }),
    ...contractContentProperties,
    /** The version the edit was made on: a stale one gets 409 instead of overwriting someone else's change. */
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
export type UpdateContractBody = Static<typeof UpdateContractBodySchema>;

export const ContractParamsSchema = Type.Object({ contractId: UuidSchema });
export type ContractParams = Static<typeof ContractParamsSchema>;

export const ContractVersionBodySchema = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type ContractVersionBody = Static<typeof ContractVersionBodySchema>;

/** Returning or cancelling needs a reason, kept in the timeline. */
export const ContractReasonBodySchema = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: TrimmedText(CONTRACT_REASON_MAX_LENGTH, 1) },
  { additionalProperties: false },
);
export type ContractReasonBody = Static<typeof ContractReasonBodySchema>;

/**
 * A signature: the PDF the browser signed, which must be the current revision's bytes followed by one incremental
 * update that adds the signer's side's signature (PAdES B-T). Sending the same body again returns the same result.
 */
export const SignContractBodySchema = Type.Object(
  {
    edition: Type.Integer({ minimum: 1 }),
    /** The revision that was signed (the increment is added to it). */
    revision: Type.Integer({ minimum: 0 }),
    signedPdf: Type.String({ contentEncoding: "base64", minLength: 1, maxLength: Math.ceil((SIGNED_PDF_MAX_BYTES * 4) / 3) + 4 }),
  },
  { additionalProperties: false },
);
export type SignContractBody = Static<typeof SignContractBodySchema>;

export const ContractListQuerySchema = Type.Object(
  {
    /** Contracts where the caller's organisation is on this side; both when left out. */
    side: Type.Optional(ContractSideSchema),
    status: Type.Optional(ContractStatusSchema),
    /** Only those waiting on the caller's organisation. */
    awaitingMe: Type.Optional(Type.Boolean()),
    /** Part of the title or the contract number. */
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export type ContractListQuery = Static<typeof ContractListQuerySchema>;

// ---- response shapes --------------------------------------------------------------------------------------------

export const ContractPartySchema = Type.Object({
  id: UuidSchema,
  country: CountrySchema,
  registrationNumber: Type.String(),
  nameLocal: Type.String(),
  nameLatin: Type.String(),
  representativeName: Type.String(),
  address: Type.String(),
});
export type ContractParty = Static<typeof ContractPartySchema>;

export const ContractSummarySchema = Type.Object({
  id: UuidSchema,
  contractNumber: Type.String(),
  title: Type.String(),
  amount: Type.Integer(),
  currency: CurrencySchema,
  status: ContractStatusSchema,
  contractDate: DateSchema,
  orderer: ContractPartySchema,
  /** The contractor, or a joint venture's lead. */
  contractor: ContractPartySchema,
  /** Set when the contractor side is a joint venture (its members are in the detail). */
  jointVentureName: Type.Union([Type.String(), Type.Null()]),
  /** The caller's side of this contract (a joint venture's members are all on the contractor side). */
  mySide: ContractSideSchema,
  awaitingSide: Type.Union([ContractSideSchema, Type.Null()]),
  updatedAt: DateTimeSchema,
});
export type ContractSummary = Static<typeof ContractSummarySchema>;

export const ContractListSchema = Type.Object({
  items: Type.Array(ContractSummarySchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type ContractList = Static<typeof ContractListSchema>;

export const ContractContactSchema = Type.Object({
  side: ContractSideSchema,
  name: Type.String(),
  department: Type.String(),
  phone: Type.String(),
  email: Type.String(),
});
export type ContractContact = Static<typeof ContractContactSchema>;

export const ContractSignatureSchema = Type.Object({
  id: UuidSchema,
  side: ContractSideSchema,
  edition: Type.Integer(),
  revision: Type.Integer(),
  fieldName: Type.String(),
  signer: Type.Object({ id: UuidSchema, name: Type.String() }),
  organizationId: UuidSchema,
  organizationName: Type.String(),
  certificateSubject: Type.String(),
  /** Null when the representative signed in their own right. */
  delegationId: Type.Union([UuidSchema, Type.Null()]),
  /** The time-stamp authority's time. */
  signedAt: DateTimeSchema,
});
export type ContractSignature = Static<typeof ContractSignatureSchema>;

export const ContractRevisionInfoSchema = Type.Object({
  edition: Type.Integer(),
  revision: Type.Integer(),
  size: Type.Integer(),
  sha256: Type.String(),
  createdAt: DateTimeSchema,
});
export type ContractRevisionInfo = Static<typeof ContractRevisionInfoSchema>;

export const JointVentureMemberSchema = Type.Object({
  organization: ContractPartySchema,
  /** 0 for the lead, then 1, 2, … in signing order. */
  position: Type.Integer(),
  isLead: Type.Boolean(),
  shareBasisPoints: Type.Integer(),
});
export type JointVentureMember = Static<typeof JointVentureMemberSchema>;

export const JointVentureSchema = Type.Object({
  name: Type.String(),
  /** The lead first, then the members by position. */
  members: Type.Array(JointVentureMemberSchema),
});
export type JointVenture = Static<typeof JointVentureSchema>;

export const ContractSigningStepSchema = Type.Object({
  side: ContractSideSchema,
  organizationId: UuidSchema,
  organizationName: Type.String(),
  fieldName: Type.String(),
  /** Signed over the current edition. */
  signed: Type.Boolean(),
});
export type ContractSigningStep = Static<typeof ContractSigningStepSchema>;

export const ContractDetailSchema = Type.Object({
  ...ContractSummarySchema.properties,
  jointVenture: Type.Union([JointVentureSchema, Type.Null()]),
  /** Who signs the current edition, in order (contractSigningOrder); empty before the first send. */
  signingOrder: Type.Array(ContractSigningStepSchema),
  /** The field the caller's organisation signs now; null when it is not its turn. */
  signatureField: Type.Union([Type.String(), Type.Null()]),
  worksStartDate: DateSchema,
  worksEndDate: DateSchema,
  place: Type.String(),
  termsSections: Type.Array(TermsSectionSchema),
  requiredGuarantees: Type.Array(GuaranteeKindSchema),
  /**
   * Required guarantees not yet issued (or recorded offline) and linked to this contract that block the contractor's
   * signature: only CONTRACT_PERFORMANCE does. SIGN stays in allowedActions; the server refuses it while this is not empty.
   */
  missingGuarantees: Type.Array(GuaranteeKindSchema),
  /** Authentication key notices the contractor submitted for this contract (both sides see them; the orderer downloads). */
  guaranteeKeyNotices: Type.Array(
    Type.Object({ guaranteeId: UuidSchema, kind: GuaranteeKindSchema, guaranteeNumber: Type.String(), submittedAt: DateTimeSchema }),
  ),
  /**
   * Guarantees the contractor recorded as issued outside the platform and linked to this contract, newest first: they
   * open the signing gate, and are not verified by the platform (the orderer checks the file).
   */
  offlineGuarantees: Type.Array(
    Type.Object({
      guaranteeId: UuidSchema,
      kind: GuaranteeKindSchema,
      issuerName: Type.String(),
      guaranteeNumber: Type.String(),
      guaranteeAmount: Type.Integer(),
      recordedAt: DateTimeSchema,
    }),
  ),
  /** Guarantees the orderer accepted (접수) at the lookup and linked to this contract, newest first. */
  acceptedGuarantees: Type.Array(
    Type.Object({ guaranteeId: UuidSchema, kind: GuaranteeKindSchema, guaranteeNumber: Type.String(), acceptedAt: DateTimeSchema }),
  ),
  contacts: Type.Array(ContractContactSchema),
  annex: Type.Union([Type.Object({ fileName: Type.String(), size: Type.Integer(), sha256: Type.String() }), Type.Null()]),
  version: Type.Integer(),
  edition: Type.Integer(),
  /** The PDF as it stands (null for a draft never sent). */
  currentRevision: Type.Union([ContractRevisionInfoSchema, Type.Null()]),
  /** Signatures over the current edition. */
  signatures: Type.Array(ContractSignatureSchema),
  /** What the caller may do now (their side's transitions, and their own authority to sign). */
  allowedActions: Type.Array(ContractActionSchema),
  createdAt: DateTimeSchema,
  sentAt: Type.Union([DateTimeSchema, Type.Null()]),
  completedAt: Type.Union([DateTimeSchema, Type.Null()]),
  cancelledAt: Type.Union([DateTimeSchema, Type.Null()]),
});
export type ContractDetail = Static<typeof ContractDetailSchema>;

export const ContractEventSchema = Type.Object({
  id: UuidSchema,
  kind: ContractEventKindSchema,
  edition: Type.Integer(),
  actor: Type.Object({ userId: UuidSchema, name: Type.String(), organizationId: UuidSchema, organizationName: Type.String() }),
  reason: Type.String(),
  createdAt: DateTimeSchema,
  /** The document that followed the contract this step was about; null for the contract's own steps. */
  document: Type.Union([Type.Object({ id: UuidSchema, kind: ContractDocumentKindSchema, number: Type.Integer() }), Type.Null()]),
});
export type ContractEvent = Static<typeof ContractEventSchema>;

export const ContractTimelineSchema = Type.Object({ events: Type.Array(ContractEventSchema) });
export type ContractTimeline = Static<typeof ContractTimelineSchema>;
