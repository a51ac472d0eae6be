// The ops console (/api/admin/…): organisations and their users with suspension, and the system status.
import { Type, type Static } from "typebox";
import { ContractStatusSchema } from "./contracts.ts";
import { CountrySchema, OrganizationKindSchema, OrganizationStatusSchema, UserRoleSchema } from "./enums.ts";
import { GuaranteeStatusSchema } from "./guarantees.ts";

const NullableDate = Type.Union([Type.String({ format: "date-time" }), Type.Null()]);

export const AdminOrganizationQuerySchema = Type.Object(
  {
    /** Part of the local or Latin name, or the registration number (digits, hyphens ignored). */
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    kind: Type.Optional(OrganizationKindSchema),
    country: Type.Optional(CountrySchema),
    status: Type.Optional(OrganizationStatusSchema),
    suspended: Type.Optional(Type.Boolean()),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: "^[A-Za-z0-9_-]+$" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { additionalProperties: false },
);
export type AdminOrganizationQuery = Static<typeof AdminOrganizationQuerySchema>;

export const AdminOrganizationSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  kind: OrganizationKindSchema,
  country: CountrySchema,
  registrationNumber: Type.String(),
  nameLocal: Type.String(),
  nameLatin: Type.String(),
  status: OrganizationStatusSchema,
  suspendedAt: NullableDate,
  suspensionReason: Type.Union([Type.String(), Type.Null()]),
  userCount: Type.Integer(),
  createdAt: Type.String({ format: "date-time" }),
});
export type AdminOrganization = Static<typeof AdminOrganizationSchema>;

export const AdminOrganizationListSchema = Type.Object({
  organizations: Type.Array(AdminOrganizationSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type AdminOrganizationList = Static<typeof AdminOrganizationListSchema>;

export const AdminUserSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  name: Type.String(),
  email: Type.String(),
  loginId: Type.String(),
  role: UserRoleSchema,
  isActive: Type.Boolean(),
  suspendedAt: NullableDate,
  suspensionReason: Type.Union([Type.String(), Type.Null()]),
  lastSignInAt: NullableDate,
});
export type AdminUser = Static<typeof AdminUserSchema>;

export const AdminOrganizationDetailSchema = Type.Object({
  organization: AdminOrganizationSchema,
  users: Type.Array(AdminUserSchema),
  /** Certificates of the organisation's users that are valid now (not revoked, not expired). */
  validCertificateCount: Type.Integer(),
});
export type AdminOrganizationDetail = Static<typeof AdminOrganizationDetailSchema>;

export const OrganizationIdParamsSchema = Type.Object({ organizationId: Type.String({ format: "uuid" }) });
export const UserIdParamsSchema = Type.Object({ userId: Type.String({ format: "uuid" }) });

/** Why ops suspend or reactivate: kept in the audit log, and with a suspension on the account. */
export const SuspensionBodySchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500, pattern: "\\S" }) },
  { additionalProperties: false },
);
export type SuspensionBody = Static<typeof SuspensionBodySchema>;

// ---- records (read-only for ops) ------------------------------------------------------------------------------

const RecordQueryFields = {
  /** A number, a title or subject, or part of a party's name. */
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  /** Any party (orderer, contractor, joint-venture firm, surety; for certificates the holder's organisation). */
  organizationId: Type.Optional(Type.String({ format: "uuid" })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: "^[A-Za-z0-9_-]+$" })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
};

const PartySchema = Type.Object({ id: Type.String({ format: "uuid" }), nameLocal: Type.String() });
const NullableParty = Type.Union([PartySchema, Type.Null()]);

export const AdminCertificateQuerySchema = Type.Object(
  { ...RecordQueryFields, status: Type.Optional(Type.Enum(["VALID", "REVOKED", "EXPIRED"] as const)) },
  { additionalProperties: false },
);
export type AdminCertificateQuery = Static<typeof AdminCertificateQuerySchema>;

export const AdminCertificateSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  subjectDn: Type.String(),
  issuerDn: Type.String(),
  serialNumberHex: Type.String(),
  origin: Type.String(),
  keyAlgorithm: Type.String(),
  notBefore: Type.String({ format: "date-time" }),
  notAfter: Type.String({ format: "date-time" }),
  revokedAt: NullableDate,
  revocationReason: Type.Union([Type.String(), Type.Null()]),
  holder: Type.Object({ id: Type.String({ format: "uuid" }), name: Type.String(), email: Type.String() }),
  organization: PartySchema,
});
export type AdminCertificate = Static<typeof AdminCertificateSchema>;

export const AdminCertificateListSchema = Type.Object({
  certificates: Type.Array(AdminCertificateSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type AdminCertificateList = Static<typeof AdminCertificateListSchema>;

export const CrlStatusSchema = Type.Object({
  crlNumber: Type.String(),
  thisUpdate: Type.String({ format: "date-time" }),
  nextUpdate: Type.String({ format: "date-time" }),
  /** Platform-issued certificates revoked and not yet expired: the entries a relying party looks up. */
  revokedCertificates: Type.Integer(),
  issuerDn: Type.String(),
});
export type CrlStatus = Static<typeof CrlStatusSchema>;

export const AdminContractQuerySchema = Type.Object(
  { ...RecordQueryFields, status: Type.Optional(ContractStatusSchema) },
  { additionalProperties: false },
);
export type AdminContractQuery = Static<typeof AdminContractQuerySchema>;

export const AdminContractSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  contractNumber: Type.String(),
  title: Type.String(),
  status: Type.String(),
  /** Whole units, as a decimal string (amounts are 64-bit). */
  amount: Type.String(),
  currency: Type.String(),
  orderer: PartySchema,
  contractor: PartySchema,
  jointVentureName: Type.Union([Type.String(), Type.Null()]),
  edition: Type.Integer(),
  createdAt: Type.String({ format: "date-time" }),
  updatedAt: Type.String({ format: "date-time" }),
});
export type AdminContract = Static<typeof AdminContractSchema>;

export const AdminContractListSchema = Type.Object({
  contracts: Type.Array(AdminContractSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type AdminContractList = Static<typeof AdminContractListSchema>;

export const AdminGuaranteeQuerySchema = Type.Object(
  {
    ...RecordQueryFields,
    status: Type.Optional(GuaranteeStatusSchema),
  },
  { additionalProperties: false },
);
export type AdminGuaranteeQuery = Static<typeof AdminGuaranteeQuerySchema>;

/** Metadata only: never the authentication key (nor its hash or ciphertext), the certificate or any file. */
export const AdminGuaranteeSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  guaranteeNumber: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  status: Type.String(),
  origin: Type.String(),
  contractor: PartySchema,
  surety: NullableParty,
  ordererName: Type.String(),
  worksTitle: Type.String(),
  guaranteeAmount: Type.String(),
  currency: Type.String(),
  guaranteeStartDate: Type.String(),
  guaranteeEndDate: Type.String(),
  issuedAt: NullableDate,
  acceptanceStatus: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: "date-time" }),
});
export type AdminGuarantee = Static<typeof AdminGuaranteeSchema>;

export const AdminGuaranteeListSchema = Type.Object({
  guarantees: Type.Array(AdminGuaranteeSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type AdminGuaranteeList = Static<typeof AdminGuaranteeListSchema>;

// ---- system status ------------------------------------------------------------------------------------------

export const SystemStatusSchema = Type.Object({
  version: Type.String(),
  nodeVersion: Type.String(),
  startedAt: Type.String({ format: "date-time" }),
  uptimeSeconds: Type.Integer(),
  database: Type.Object({
    engine: Type.Enum(["pglite", "postgresql"] as const),
    serverVersion: Type.String(),
    migrationsApplied: Type.Integer(),
    /** Migrations in prisma/migrations not applied to this database (the server applies them at start). */
    migrationsPending: Type.Array(Type.String()),
    latestMigration: Type.Union([Type.String(), Type.Null()]),
  }),
  mailOutbox: Type.Object({ pending: Type.Integer(), failed: Type.Integer(), sent: Type.Integer() }),
  auditEvents: Type.Integer(),
  maintenance: Type.Object({
    signingPausedUntil: NullableDate,
    systemPausedUntil: NullableDate,
  }),
  organizationsAwaitingReview: Type.Integer(),
  certificateRequestsPending: Type.Integer(),
});
export type SystemStatus = Static<typeof SystemStatusSchema>;
