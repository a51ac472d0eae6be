// The ops console (/api/admin/…): organisations and their users with suspension, and the system status.
import { Type, type Static } from "typebox";
import { CountrySchema, OrganizationKindSchema, OrganizationStatusSchema, UserRoleSchema } from "./enums.ts";

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
