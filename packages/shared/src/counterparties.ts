// Counterparties (거래처 · 取引先): the request and response shapes of /api/counterparties, the platform
// organisation search and the public invitation preview, and the contact validators both sides use.
import { Type, type Static } from "typebox";
import { CountrySchema, type OrganizationKind } from "./enums";

/** Operators run the platform and are nobody's counterparty; every other kind can be one. */
export const COUNTERPARTY_KINDS = ["ORDERER", "CONTRACTOR", "SURETY"] as const satisfies readonly OrganizationKind[];
export type CounterpartyKind = (typeof COUNTERPARTY_KINDS)[number];
export const CounterpartyKindSchema = Type.Enum(COUNTERPARTY_KINDS);

export const COUNTERPARTY_NAME_MAX_LENGTH = 200;
export const CONTACT_NAME_MAX_LENGTH = 100;
export const CONTACT_DEPARTMENT_MAX_LENGTH = 100;
export const CONTACT_PHONE_MAX_LENGTH = 30;
export const CONTACT_EMAIL_MAX_LENGTH = 254;
/** Each counterparty keeps a working list of people, not a directory. */
export const CONTACTS_PER_COUNTERPARTY_MAX = 50;
export const ORGANIZATION_SEARCH_MIN_LENGTH = 2;
export const ORGANIZATION_SEARCH_MAX_RESULTS = 20;
export const COUNTERPARTY_INVITATION_TTL_DAYS = 14;

// ---- validators (the API enforces them; the web form shows them live) ------------------------------------------

/** Deliberately permissive: one @, something on both sides, a dot in the domain. Delivery is the real check. */
export function isValidContactEmail(value: string): boolean {
  return value.length <= CONTACT_EMAIL_MAX_LENGTH && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/** Digits, spaces, +, - and parentheses, as phone numbers are written in both countries (031-555-0100, +81 (3) …). */
export function isValidContactPhone(value: string): boolean {
  return value.length <= CONTACT_PHONE_MAX_LENGTH && /^[0-9+\-() ]*$/.test(value) && /[0-9]/.test(value);
}

// ---- platform organisation search -------------------------------------------------------------------------------

export const OrganizationSearchQuerySchema = Type.Object(
  {
    /** Part of the local or Latin name, or the first digits of the registration number (hyphens ignored). */
    q: Type.String({ minLength: ORGANIZATION_SEARCH_MIN_LENGTH, maxLength: 100 }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: ORGANIZATION_SEARCH_MAX_RESULTS, default: 10 })),
  },
  { additionalProperties: false },
);
export type OrganizationSearchQuery = Static<typeof OrganizationSearchQuerySchema>;

/** What anyone on the platform may know of an approved organisation: who it is, never how to reach it. */
export const OrganizationSearchResultSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  kind: CounterpartyKindSchema,
  country: CountrySchema,
  registrationNumber: Type.String(),
  nameLocal: Type.String(),
  nameLatin: Type.String(),
  /** Already in the caller's counterparty list. */
  isCounterparty: Type.Boolean(),
});
export type OrganizationSearchResult = Static<typeof OrganizationSearchResultSchema>;

export const OrganizationSearchResponseSchema = Type.Object({ items: Type.Array(OrganizationSearchResultSchema) });
export type OrganizationSearchResponse = Static<typeof OrganizationSearchResponseSchema>;

// ---- counterparties ---------------------------------------------------------------------------------------------

export const CounterpartyInvitationSchema = Type.Object({
  email: Type.String(),
  expiresAt: Type.String({ format: "date-time" }),
  /** Set when the invited organisation submitted its registration through the link. */
  acceptedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
});
export type CounterpartyInvitation = Static<typeof CounterpartyInvitationSchema>;

export const CounterpartySummarySchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  /** The platform organisation, once the counterparty is an approved member; null until then. */
  organizationId: Type.Union([Type.String({ format: "uuid" }), Type.Null()]),
  kind: CounterpartyKindSchema,
  country: CountrySchema,
  /** Digits only. */
  registrationNumber: Type.String(),
  name: Type.String(),
  isOnPlatform: Type.Boolean(),
  invitation: Type.Union([CounterpartyInvitationSchema, Type.Null()]),
  contactCount: Type.Integer(),
  createdAt: Type.String({ format: "date-time" }),
});
export type CounterpartySummary = Static<typeof CounterpartySummarySchema>;

export const CounterpartyListQuerySchema = Type.Object(
  {
    /** Part of the name, or the first digits of the registration number. */
    q: Type.Optional(Type.String({ maxLength: 100 })),
    /** nextCursor of the previous page. */
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export type CounterpartyListQuery = Static<typeof CounterpartyListQuerySchema>;

export const CounterpartyListResponseSchema = Type.Object({
  items: Type.Array(CounterpartySummarySchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type CounterpartyListResponse = Static<typeof CounterpartyListResponseSchema>;

export const CounterpartyContactSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  name: Type.String(),
  department: Type.String(),
  phone: Type.String(),
  email: Type.String(),
  createdAt: Type.String({ format: "date-time" }),
  updatedAt: Type.String({ format: "date-time" }),
});
export type CounterpartyContact = Static<typeof CounterpartyContactSchema>;

export const CounterpartyDetailSchema = Type.Object({
  ...CounterpartySummarySchema.properties,
  contacts: Type.Array(CounterpartyContactSchema),
});
export type CounterpartyDetail = Static<typeof CounterpartyDetailSchema>;

export const CounterpartyParamsSchema = Type.Object({ id: Type.String({ format: "uuid" }) });
export type CounterpartyParams = Static<typeof CounterpartyParamsSchema>;

export const CounterpartyContactParamsSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  contactId: Type.String({ format: "uuid" }),
});
export type CounterpartyContactParams = Static<typeof CounterpartyContactParamsSchema>;

// Contact fields: the schema bounds type and length; required text and the e-mail and phone formats are checked
// by the service with the validators above, so the messages name the field in words a member understands.
const contactFields = {
  name: Type.String({ maxLength: CONTACT_NAME_MAX_LENGTH }),
  department: Type.String({ maxLength: CONTACT_DEPARTMENT_MAX_LENGTH }),
  phone: Type.String({ maxLength: CONTACT_PHONE_MAX_LENGTH }),
  email: Type.String({ maxLength: CONTACT_EMAIL_MAX_LENGTH }),
};

export const CreateCounterpartyContactBodySchema = Type.Object(
  {
    name: contactFields.name,
    department: Type.Optional(contactFields.department),
    phone: Type.Optional(contactFields.phone),
    email: Type.Optional(contactFields.email),
  },
  { additionalProperties: false },
);
export type CreateCounterpartyContactBody = Static<typeof CreateCounterpartyContactBodySchema>;

/** Fields left out stay as they are; an empty department, phone or e-mail clears it. */
export const UpdateCounterpartyContactBodySchema = Type.Object(
  {
    name: Type.Optional(contactFields.name),
    department: Type.Optional(contactFields.department),
    phone: Type.Optional(contactFields.phone),
    email: Type.Optional(contactFields.email),
  },
  { additionalProperties: false },
);
export type UpdateCounterpartyContactBody = Static<typeof UpdateCounterpartyContactBodySchema>;

/** Add an organisation found by the platform search. */
export const AddPlatformCounterpartyBodySchema = Type.Object(
  { organizationId: Type.String({ format: "uuid" }) },
  { additionalProperties: false },
);
export type AddPlatformCounterpartyBody = Static<typeof AddPlatformCounterpartyBodySchema>;

/** Register an organisation that is not on the platform yet, with the contact who receives the invitation. */
export const InviteCounterpartyBodySchema = Type.Object(
  {
    kind: CounterpartyKindSchema,
    country: CountrySchema,
    /** With or without hyphens; checked against the country's check-digit rule. */
    registrationNumber: Type.String({ maxLength: 20 }),
    name: Type.String({ maxLength: COUNTERPARTY_NAME_MAX_LENGTH }),
    contact: Type.Object(
      {
        name: contactFields.name,
        department: Type.Optional(contactFields.department),
        phone: Type.Optional(contactFields.phone),
        email: contactFields.email,
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type InviteCounterpartyBody = Static<typeof InviteCounterpartyBodySchema>;

export type CreateCounterpartyBody = AddPlatformCounterpartyBody | InviteCounterpartyBody;

/**
 * The route validates POST /api/counterparties with this one object of optional fields rather than a union of
 * the two shapes above: a failed union reports every field of both shapes, while this names the exact field,
 * and the service decides which shape was meant (organizationId, or the registration fields).
 */
export const CreateCounterpartyBodySchema = Type.Object(
  {
    organizationId: Type.Optional(AddPlatformCounterpartyBodySchema.properties.organizationId),
    kind: Type.Optional(InviteCounterpartyBodySchema.properties.kind),
    country: Type.Optional(InviteCounterpartyBodySchema.properties.country),
    registrationNumber: Type.Optional(InviteCounterpartyBodySchema.properties.registrationNumber),
    name: Type.Optional(InviteCounterpartyBodySchema.properties.name),
    contact: Type.Optional(InviteCounterpartyBodySchema.properties.contact),
  },
  { additionalProperties: false },
);

export const CreateCounterpartyResponseSchema = Type.Object({
  ...CounterpartyDetailSchema.properties,
  /** Only when an invitation was made: the link for the member to send. It is not stored and cannot be shown again. */
  invitationUrl: Type.Optional(Type.String()),
});
export type CreateCounterpartyResponse = Static<typeof CreateCounterpartyResponseSchema>;

/** Only while the counterparty is not on the platform: a platform organisation's name comes from it. */
export const UpdateCounterpartyBodySchema = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: COUNTERPARTY_NAME_MAX_LENGTH })),
    /** Where the invitation goes, e.g. after a typo; only until the invitation is accepted. */
    invitationEmail: Type.Optional(contactFields.email),
  },
  { additionalProperties: false },
);
export type UpdateCounterpartyBody = Static<typeof UpdateCounterpartyBodySchema>;

export const ReissueCounterpartyInvitationResponseSchema = Type.Object({
  invitationUrl: Type.String(),
  expiresAt: Type.String({ format: "date-time" }),
});
export type ReissueCounterpartyInvitationResponse = Static<typeof ReissueCounterpartyInvitationResponseSchema>;

// ---- public invitation preview ----------------------------------------------------------------------------------

/**
 * What the registration form may pre-fill from a counterparty invitation link. Only what the inviting member
 * typed in (and the inviter's public names): nothing else about the inviter leaks through a link.
 */
export const CounterpartyInvitationPreviewSchema = Type.Object({
  kind: CounterpartyKindSchema,
  country: CountrySchema,
  /** Digits only. */
  registrationNumber: Type.String(),
  name: Type.String(),
  contactName: Type.String(),
  contactEmail: Type.String(),
  invitedBy: Type.Object({ nameLocal: Type.String(), nameLatin: Type.String() }),
});
export type CounterpartyInvitationPreview = Static<typeof CounterpartyInvitationPreviewSchema>;

/** Any text: a token that matches no open invitation is a 404 like any other, however it looks. */
export const CounterpartyInvitationTokenParamsSchema = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200 }),
});
export type CounterpartyInvitationTokenParams = Static<typeof CounterpartyInvitationTokenParamsSchema>;
