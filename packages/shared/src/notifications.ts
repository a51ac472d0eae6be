// Notifications: the kinds of step that wait on someone, which of them send e-mail unless the user turns it off,
// and the inbox, preference and outbox shapes.
import { Type, type Static } from "typebox";
import { LOCALES } from "./enums.ts";

/** Each kind, and whether it sends e-mail by default (the in-app inbox always gets it). */
export const NOTIFICATION_KIND_DEFAULTS = {
  REGISTRATION_SUBMITTED: true,
  REGISTRATION_DECIDED: true,
  CERTIFICATE_REQUEST_WAITING: true,
  CERTIFICATE_ISSUED: true,
  CONTRACT_SENT: true,
  CONTRACT_RETURNED: true,
  CONTRACT_AWAITING_SIGNATURE: true,
  CONTRACT_COMPLETED: true,
  CONTRACT_DOCUMENT_SENT: true,
  CONTRACT_DOCUMENT_RETURNED: true,
  CONTRACT_DOCUMENT_SIGNED: true,
  GUARANTEE_SUBMITTED: true,
  GUARANTEE_CORRECTION_REQUESTED: true,
  GUARANTEE_REFUSED: true,
  GUARANTEE_ISSUED: true,
  GUARANTEE_DECIDED_BY_ORDERER: false,
} as const satisfies Record<string, boolean>;
export type NotificationKind = keyof typeof NOTIFICATION_KIND_DEFAULTS;
export const NOTIFICATION_KINDS = Object.keys(NOTIFICATION_KIND_DEFAULTS) as NotificationKind[];
export const NotificationKindSchema = Type.Enum(NOTIFICATION_KINDS);

/** Params a step passes as codes (a guarantee version's kind, a decision, a document's kind): the e-mail and the inbox
 *  each put them into the reader's language before the sentence is built. */
export const NOTIFICATION_CODED_PARAMS = ["action", "decision", "documentKind"] as const;

export const NotificationSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  kind: NotificationKindSchema,
  /** Names and numbers the text is built from, in the reader's language (e.g. { number, title, organization }). */
  params: Type.Record(Type.String(), Type.String()),
  /** The web app path it opens. */
  link: Type.String(),
  createdAt: Type.String({ format: "date-time" }),
  readAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
});
export type Notification = Static<typeof NotificationSchema>;

export const NotificationListSchema = Type.Object({
  notifications: Type.Array(NotificationSchema),
  unreadCount: Type.Integer(),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type NotificationList = Static<typeof NotificationListSchema>;

export const UnreadCountSchema = Type.Object({ unreadCount: Type.Integer() });
export type UnreadCount = Static<typeof UnreadCountSchema>;

export const NotificationPreferencesSchema = Type.Object({
  preferences: Type.Array(Type.Object({ kind: NotificationKindSchema, email: Type.Boolean() })),
});
export type NotificationPreferences = Static<typeof NotificationPreferencesSchema>;

export const LocaleBodySchema = Type.Object({ locale: Type.Enum(LOCALES) }, { additionalProperties: false });

export const OUTBOX_STATUSES = ["PENDING", "SENT", "FAILED"] as const;

export const OutboxMailSummarySchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  recipient: Type.String(),
  kind: Type.String(),
  subject: Type.String(),
  locale: Type.String(),
  status: Type.Enum(OUTBOX_STATUSES),
  transport: Type.Union([Type.Enum(["SMTP", "MAILBOX"] as const), Type.Null()]),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  nextAttemptAt: Type.String({ format: "date-time" }),
  sentAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  createdAt: Type.String({ format: "date-time" }),
});
export type OutboxMailSummary = Static<typeof OutboxMailSummarySchema>;

export const OutboxMailSchema = Type.Object({ ...OutboxMailSummarySchema.properties, text: Type.String(), html: Type.String(), messageId: Type.String() });
export type OutboxMail = Static<typeof OutboxMailSchema>;

export const OutboxQuerySchema = Type.Object(
  {
    status: Type.Optional(Type.Enum(OUTBOX_STATUSES)),
    /** Part of the recipient's address or of the subject. */
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: "^[A-Za-z0-9_-]+$" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { additionalProperties: false },
);
export type OutboxQuery = Static<typeof OutboxQuerySchema>;

export const OutboxListSchema = Type.Object({
  mails: Type.Array(OutboxMailSummarySchema),
  counts: Type.Object({ pending: Type.Integer(), sent: Type.Integer(), failed: Type.Integer() }),
  /** Whether mail goes out over SMTP (false: kept in this mailbox, as in development without SMTP). */
  smtpConfigured: Type.Boolean(),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type OutboxList = Static<typeof OutboxListSchema>;
