// Enums shared by the API, the web app and the database schema (prisma/schema.prisma keeps the same values).
// The browser imports these, never Prisma's generated enums.
import { Type } from "typebox";

export const ORGANIZATION_KINDS = ["ORDERER", "CONTRACTOR", "SURETY", "OPERATOR"] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export const OrganizationKindSchema = Type.Enum(ORGANIZATION_KINDS);

export const COUNTRIES = ["KR", "JP"] as const;
export type Country = (typeof COUNTRIES)[number];
export const CountrySchema = Type.Enum(COUNTRIES);

/** A user's role within their organisation. The representative (대표자/代表者) holds every authority of the organisation. */
export const USER_ROLES = ["REPRESENTATIVE", "MANAGER", "STAFF"] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const UserRoleSchema = Type.Enum(USER_ROLES);

export const LOCALES = ["ko", "ja", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Registration review of an organisation: 대기/승인/보류/반려 · 審査中/承認/保留/却下. */
export const ORGANIZATION_STATUSES = ["PENDING", "APPROVED", "ON_HOLD", "REJECTED"] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];
export const OrganizationStatusSchema = Type.Enum(ORGANIZATION_STATUSES);

/** What a delegation of signing authority covers. */
export const DELEGATION_SCOPES = ["CONTRACTS", "GUARANTEES", "BILLING"] as const;
export type DelegationScope = (typeof DELEGATION_SCOPES)[number];
export const DelegationScopeSchema = Type.Enum(DELEGATION_SCOPES);
