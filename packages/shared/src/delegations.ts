// Delegation of signing authority (委任): the representative (代表者) hands some of the organisation's signing
// authority to an agent (代理人) for a period; the agent may hand part of it on (復代理人) within what it holds.
// The request and response shapes of /api/delegations and /api/me/authority, and the statements a grantor or
// revoker signs: built here, by the same function in the browser (which signs) and on the server (which verifies).
import { Type, type Static } from "typebox";
import { Base64DerSchema } from "./certificates";
import { DelegationScopeSchema, type DelegationScope } from "./enums";

/** Computed when read, from the period and revocation: nothing stores it, so it can never be stale. */
export const DELEGATION_STATES = ["ACTIVE", "SCHEDULED", "EXPIRED", "REVOKED"] as const;
export type DelegationState = (typeof DELEGATION_STATES)[number];
export const DelegationStateSchema = Type.Enum(DELEGATION_STATES);

/** Stored as the revocation reason when a delegation ends because its holder or grantor was deactivated. */
export const USER_DEACTIVATED_REASON = "USER_DEACTIVATED";

const DateTimeSchema = Type.String({ format: "date-time" });
const UuidSchema = Type.String({ format: "uuid" });
const PersonSchema = Type.Object({ id: UuidSchema, name: Type.String() });

/** Who signed a grant or revocation, and when the platform recorded it. */
export const StatementSignatureSchema = Type.Object({
  /** The subject of the signer's certificate, as the certificate states it. */
  certificateSubject: Type.String(),
  /** When the platform accepted the signed statement (the delegation's creation or revocation). */
  signedAt: DateTimeSchema,
});
export type StatementSignature = Static<typeof StatementSignatureSchema>;

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
  /** The grantor's signature over the grant statement; null only for delegations recorded before signing existed. */
  grantSignature: Type.Union([StatementSignatureSchema, Type.Null()]),
  /**
   * The revoker's signature; null while not revoked, and for delegations revoked with an ancestor (the ancestor's
   * signed revocation covers them) or because their holder or grantor was deactivated.
   */
  revocationSignature: Type.Union([StatementSignatureSchema, Type.Null()]),
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
    agentId: UuidSchema,
    scopes: Type.Array(DelegationScopeSchema, { minItems: 1, maxItems: 3, uniqueItems: true }),
    validFrom: DateTimeSchema,
    validUntil: DateTimeSchema,
    /**
     * The delegation this one is sub-delegated from (one the caller holds that covers the scopes and period, see
     * pickParentDelegation); null when the representative grants. The client names it because the statement it
     * signs must name it.
     */
    parentId: Type.Union([UuidSchema, Type.Null()]),
    /** Chosen by the client (a random UUID) and signed with the rest: a statement is accepted once only. */
    statementId: UuidSchema,
    /** DER CMS SignedData (detached, with the signer certificate) over encodeStatement(delegationGrantStatement(…)). */
    signedData: Base64DerSchema,
  },
  { additionalProperties: false },
);
export type CreateDelegationBody = Static<typeof CreateDelegationBodySchema>;

export const DelegationParamsSchema = Type.Object({ delegationId: Type.String({ format: "uuid" }) });
export type DelegationParams = Static<typeof DelegationParamsSchema>;

export const RevokeDelegationBodySchema = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 500, pattern: "\\S" }),
    statementId: UuidSchema,
    /** DER CMS SignedData over encodeStatement(delegationRevocationStatement(…)). */
    signedData: Base64DerSchema,
  },
  { additionalProperties: false },
);
export type RevokeDelegationBody = Static<typeof RevokeDelegationBodySchema>;

export const RevokedDelegationSchema = Type.Object({
  delegation: DelegationSchema,
  /** This delegation and every delegation that hung from it, all revoked together. */
  revokedIds: Type.Array(Type.String({ format: "uuid" })),
});
export type RevokedDelegation = Static<typeof RevokedDelegationSchema>;

/** A signed statement as stored: the exact text signed, and the signature, for anyone to verify again. */
export const SignedStatementSchema = Type.Object({
  statementId: UuidSchema,
  /** The exact UTF-8 text that was signed (a JSON object, see delegationGrantStatement). */
  statement: Type.String(),
  /** DER CMS SignedData, base64; detached: verify it against `statement` (e.g. openssl cms -verify -content). */
  signedData: Type.String(),
  certificateSubject: Type.String(),
  signedAt: DateTimeSchema,
});
export type SignedStatement = Static<typeof SignedStatementSchema>;

export const DelegationStatementsSchema = Type.Object({
  /** Null only for delegations recorded before signing existed. */
  grant: Type.Union([SignedStatementSchema, Type.Null()]),
  /** Null while not revoked, or when revoked with an ancestor or by a deactivation (no statement of its own). */
  revocation: Type.Union([SignedStatementSchema, Type.Null()]),
});
export type DelegationStatements = Static<typeof DelegationStatementsSchema>;

/** A delegation the signed-in user holds and could sub-delegate from: not revoked and not ended. */
export const HeldDelegationSchema = Type.Object({
  id: UuidSchema,
  scopes: Type.Array(DelegationScopeSchema),
  validFrom: DateTimeSchema,
  validUntil: DateTimeSchema,
});
export type HeldDelegation = Static<typeof HeldDelegationSchema>;

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
  /** Oldest first: what a sub-delegation can hang from (including delegations that start later). */
  heldDelegations: Type.Array(HeldDelegationSchema),
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

/**
 * The delegation a sub-delegation hangs from: the oldest held one that covers every scope and the whole period.
 * The server applies the same rule to check the parent the client names, so an honest client never guesses wrong.
 */
export function pickParentDelegation<T extends { scopes: readonly DelegationScope[]; validFrom: string | Date; validUntil: string | Date }>(
  held: readonly T[],
  request: { scopes: readonly DelegationScope[]; validFrom: string | Date; validUntil: string | Date },
): T | null {
  const from = new Date(request.validFrom).getTime();
  const until = new Date(request.validUntil).getTime();
  return (
    held.find(
      (delegation) =>
        request.scopes.every((scope) => delegation.scopes.includes(scope)) &&
        new Date(delegation.validFrom).getTime() <= from &&
        until <= new Date(delegation.validUntil).getTime(),
    ) ?? null
  );
}

// ---- signed statements --------------------------------------------------------------------------------------
// A grant or revocation is binding through the statement its author signs. Browser and server build it with these
// functions from the same inputs, so the bytes signed and the bytes verified are equal by construction; nothing is
// parsed back. The text is a JSON object with a fixed key order (written out below, never taken from the input)
// so that anyone can read it and check it again with standard tools. Timestamps are the strings the client sent:
// re-serialising a Date could change them ("…00Z" vs "…00.000Z") and break the signature.

export const DELEGATION_GRANT_STATEMENT_TYPE = "pwp.delegation.grant.v1";
export const DELEGATION_REVOCATION_STATEMENT_TYPE = "pwp.delegation.revoke.v1";

export type DelegationGrantStatementInput = {
  statementId: string;
  organizationId: string;
  grantorId: string;
  agentId: string;
  parentId: string | null;
  scopes: readonly DelegationScope[];
  validFrom: string;
  validUntil: string;
};

export function delegationGrantStatement(input: DelegationGrantStatementInput): string {
  return JSON.stringify({
    type: DELEGATION_GRANT_STATEMENT_TYPE,
    statementId: input.statementId,
    organizationId: input.organizationId,
    grantorId: input.grantorId,
    agentId: input.agentId,
    parentId: input.parentId,
    // Sorted and without repeats: the order scopes were ticked in changes nothing, so it must not change the bytes.
    scopes: [...new Set(input.scopes)].sort(),
    validFrom: input.validFrom,
    validUntil: input.validUntil,
  });
}

export type DelegationRevocationStatementInput = {
  statementId: string;
  organizationId: string;
  delegationId: string;
  revokerId: string;
  reason: string;
};

export function delegationRevocationStatement(input: DelegationRevocationStatementInput): string {
  return JSON.stringify({
    type: DELEGATION_REVOCATION_STATEMENT_TYPE,
    statementId: input.statementId,
    organizationId: input.organizationId,
    delegationId: input.delegationId,
    revokerId: input.revokerId,
    // Trimmed, as the server records the reason: the statement says exactly what the record says.
    reason: input.reason.trim(),
  });
}

/** The bytes that are signed: the statement as UTF-8. */
export function encodeStatement(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}
