// The ops view of the audit log (/api/admin/audit-events) and its chain check.
import { Type, type Static } from "typebox";

export const AuditEventQuerySchema = Type.Object(
  {
    /** Events by this organisation's users, or about this organisation. */
    organizationId: Type.Optional(Type.String({ format: "uuid" })),
    userId: Type.Optional(Type.String({ format: "uuid" })),
    /** An action ("contracts.signed") or its prefix ending in a dot ("contracts."). */
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: "^[a-z0-9_.]+$" })),
    targetId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    from: Type.Optional(Type.String({ format: "date-time" })),
    to: Type.Optional(Type.String({ format: "date-time" })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: "^[0-9]+$" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type AuditEventQuery = Static<typeof AuditEventQuerySchema>;

export const AuditEventExportQuerySchema = Type.Omit(AuditEventQuerySchema, ["cursor", "limit"], { additionalProperties: false });
export type AuditEventExportQuery = Static<typeof AuditEventExportQuerySchema>;

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const AuditEventSchema = Type.Object({
  /** A 64-bit sequence, as a string. */
  id: Type.String(),
  occurredAt: Type.String({ format: "date-time" }),
  action: Type.String(),
  actorUserId: NullableString,
  actorUserName: NullableString,
  actorOrganizationId: NullableString,
  actorOrganizationName: NullableString,
  targetType: NullableString,
  targetId: NullableString,
  ipAddress: NullableString,
  data: Type.Record(Type.String(), Type.Unknown()),
  chain: Type.String(),
  chainSeq: Type.Integer(),
  hash: NullableString,
});
export type AuditEvent = Static<typeof AuditEventSchema>;

export const AuditEventListSchema = Type.Object({
  events: Type.Array(AuditEventSchema),
  /** Null on the last page. */
  nextCursor: NullableString,
});
export type AuditEventList = Static<typeof AuditEventListSchema>;

/** EDITED: the event's content no longer matches its hash. PREVIOUS_HASH_MISMATCH: the event before it was changed
 *  (or rehashed). MISSING_EVENT: a sequence number is absent. UNSEALED: written before chaining and never hashed.
 *  HEAD_MISMATCH / NO_HEAD: the chain's recorded last link does not match its last event. */
export const BROKEN_LINK_REASONS = ["EDITED", "PREVIOUS_HASH_MISMATCH", "MISSING_EVENT", "UNSEALED", "HEAD_MISMATCH", "NO_HEAD"] as const;
export type BrokenLinkReason = (typeof BROKEN_LINK_REASONS)[number];

export const AuditChainReportSchema = Type.Object({
  checkedAt: Type.String({ format: "date-time" }),
  chains: Type.Integer(),
  events: Type.Integer(),
  brokenLinks: Type.Array(
    Type.Object({
      chain: Type.String(),
      chainSeq: Type.Integer(),
      eventId: NullableString,
      reason: Type.Enum(BROKEN_LINK_REASONS),
    }),
  ),
});
export type AuditChainReport = Static<typeof AuditChainReportSchema>;
