// Delegation of signing authority (委任): the representative (代表者) hands some of the organisation's signing
// authority to an agent (代理人) for a period; the agent may hand part of it on (復代理人) within what it holds.
// The request and response shapes of /api/delegations and /api/me/authority.
import { Type, type Static } from "typebox";
import { DelegationScopeSchema } from "./enums";

/** Computed when read, from the period and revocation: nothing stores it, so it can never be stale. */
export const DELEGATION_STATES = ["ACTIVE", "SCHEDULED", "EXPIRED", "REVOKED"] as const;
export type DelegationState = (typeof DELEGATION_STATES)[number];
export const DelegationStateSchema = Type.Enum(DELEGATION_STATES);

/** Stored as the revocation reason when a delegation ends because its holder or grantor was deactivated. */
export const USER_DEACTIVATED_REASON = "USER_DEACTIVATED";

const DateTimeSchema = Type.String({ format: "date-time" });
const PersonSchema = Type.Object({ id: Type.String({ format: "uuid" }), name: Type.String() });

export const DelegationSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  grantor: PersonSchema,
  agent: PersonSchema,
  scopes: Type.Array(DelegationScopeSchema),
  validFrom: DateTimeSchema,
  validUntil: DateTimeSchema,
  /** The delegation this one was sub-delegated from; null when the representative granted it. */
  parentId: Type.Union([Type.String({ format: "uuid" }), Type.Null()]),
  createdAt: DateTimeSchema,
  revokedAt: Type.Union([DateTimeSchema, Type.Null()]),
  revokedReason: Type.Union([Type.String(), Type.Null()]),
  state: DelegationStateSchema,
});
export type Delegation = Static<typeof DelegationSchema>;

export const DelegationListSchema = Type.Object({
  /** Oldest first, so a delegation always comes after the one it hangs from. */
  delegations: Type.Array(DelegationSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type DelegationList = Static<typeof DelegationListSchema>;

export const CreateDelegationBodySchema = Type.Object(
  {
    agentId: Type.String({ format: "uuid" }),
    scopes: Type.Array(DelegationScopeSchema, { minItems: 1, maxItems: 3, uniqueItems: true }),
    validFrom: DateTimeSchema,
    validUntil: DateTimeSchema,
  },
  { additionalProperties: false },
);
export type CreateDelegationBody = Static<typeof CreateDelegationBodySchema>;

export const DelegationParamsSchema = Type.Object({ delegationId: Type.String({ format: "uuid" }) });
export type DelegationParams = Static<typeof DelegationParamsSchema>;

export const RevokeDelegationBodySchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500, pattern: "\\S" }) },
  { additionalProperties: false },
);
export type RevokeDelegationBody = Static<typeof RevokeDelegationBodySchema>;

export const RevokedDelegationSchema = Type.Object({
  delegation: DelegationSchema,
  /** This delegation and every delegation that hung from it, all revoked together. */
  revokedIds: Type.Array(Type.String({ format: "uuid" })),
});
export type RevokedDelegation = Static<typeof RevokedDelegationSchema>;

/** What the signed-in user may sign right now, and on what authority. */
export const SigningAuthoritySchema = Type.Object({
  isRepresentative: Type.Boolean(),
  scopes: Type.Array(
    Type.Object({
      scope: DelegationScopeSchema,
      /** Null for the representative, who signs in their own right. */
      delegationId: Type.Union([Type.String({ format: "uuid" }), Type.Null()]),
      validUntil: Type.Union([DateTimeSchema, Type.Null()]),
    }),
  ),
});
export type SigningAuthority = Static<typeof SigningAuthoritySchema>;

/** The state of a delegation at a moment (the server uses it when answering; the web when time has moved on). */
export function getDelegationState(
  delegation: { validFrom: string | Date; validUntil: string | Date; revokedAt: string | Date | null },
  at: Date,
): DelegationState {
  if (delegation.revokedAt !== null) return "REVOKED";
  if (new Date(delegation.validFrom).getTime() > at.getTime()) return "SCHEDULED";
  if (new Date(delegation.validUntil).getTime() <= at.getTime()) return "EXPIRED";
  return "ACTIVE";
}
