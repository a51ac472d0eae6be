// Certificates: requests and their approval, renewal, reissue, revocation, import, trusted roots, certificate
// sign-in and the organisation setting that requires it. The request and response shapes of /api/certificates,
// /api/admin/trusted-roots, /api/auth/certificate-* and /api/organizations/current/settings.
import { Type, type Static } from "typebox";

/** A new certificate, and a renewed one counted from the old expiry, are valid this many years. */
export const CERTIFICATE_VALIDITY_YEARS = 1;
/** Renewal opens this many days before a certificate expires and closes when it expires. */
export const RENEWAL_WINDOW_DAYS = 30;
/** A certificate sign-in challenge must be answered within this time. */
export const CERTIFICATE_CHALLENGE_TTL_SECONDS = 120;

/** Derived from the revocation and the validity period at the time of the answer. */
export const CERTIFICATE_STATUSES = ["VALID", "NOT_YET_VALID", "EXPIRED", "REVOKED"] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** RFC 5280 reason names, as the CRL publishes them. */
export const REVOCATION_REASONS = ["unspecified", "keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation"] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];
export const RevocationReasonSchema = Type.Enum(REVOCATION_REASONS);

/** Why a user replaces a valid certificate: a new key in place of a lost one, or of one that may be known to others. */
export const REISSUE_REASONS = ["superseded", "keyCompromise"] as const;
export type ReissueReason = (typeof REISSUE_REASONS)[number];

export const CERTIFICATE_ORIGINS = ["ISSUED", "IMPORTED"] as const;
export type CertificateOrigin = (typeof CERTIFICATE_ORIGINS)[number];
export const CERTIFICATE_REQUEST_KINDS = ["NEW", "RENEWAL", "REISSUE"] as const;
export type CertificateRequestKind = (typeof CERTIFICATE_REQUEST_KINDS)[number];
export const CERTIFICATE_REQUEST_STATUSES = ["PENDING", "APPROVED", "REJECTED", "CANCELLED"] as const;
export type CertificateRequestStatus = (typeof CERTIFICATE_REQUEST_STATUSES)[number];
export const KEY_ALGORITHMS = ["EC-P256", "RSA"] as const;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];

const DateTimeSchema = Type.String({ format: "date-time" });
const UuidSchema = Type.String({ format: "uuid" });
/** DER bytes in standard base64 (a certificate or request is a few kB; 64 kB leaves room for RSA 4096 chains). */
export const Base64DerSchema = Type.String({ minLength: 4, maxLength: 65_536, pattern: "^[A-Za-z0-9+/\\s]+={0,2}\\s*$" });

// ---- certificates --------------------------------------------------------------------------------------------

export const CertificateSchema = Type.Object({
  id: UuidSchema,
  origin: Type.Enum(CERTIFICATE_ORIGINS),
  status: Type.Enum(CERTIFICATE_STATUSES),
  serialNumberHex: Type.String(),
  subjectDn: Type.String(),
  issuerDn: Type.String(),
  notBefore: DateTimeSchema,
  notAfter: DateTimeSchema,
  keyAlgorithm: Type.String(),
  fingerprintSha256: Type.String(),
  revokedAt: Type.Union([DateTimeSchema, Type.Null()]),
  revocationReason: Type.Union([RevocationReasonSchema, Type.Null()]),
  /** The certificate this one renewed or replaced. */
  supersedesId: Type.Union([UuidSchema, Type.Null()]),
  /** Renewal is possible from this moment until notAfter (platform-issued certificates only). */
  renewableFrom: Type.Union([DateTimeSchema, Type.Null()]),
  canRenew: Type.Boolean(),
  canReissue: Type.Boolean(),
  /** The certificate itself, DER in base64: the browser puts it in its signatures. */
  certificate: Type.String(),
  holder: Type.Object({ id: UuidSchema, name: Type.String() }),
  createdAt: DateTimeSchema,
});
export type Certificate = Static<typeof CertificateSchema>;

export const CertificateRequestSchema = Type.Object({
  id: UuidSchema,
  kind: Type.Enum(CERTIFICATE_REQUEST_KINDS),
  status: Type.Enum(CERTIFICATE_REQUEST_STATUSES),
  keyAlgorithm: Type.String(),
  /** The subject the certificate gets: set by the platform from the user and organisation, not from the request. */
  subjectDn: Type.String(),
  requester: Type.Object({ id: UuidSchema, name: Type.String(), role: Type.String() }),
  organization: Type.Object({ id: UuidSchema, nameLocal: Type.String(), registrationNumber: Type.String() }),
  /** Why it was rejected or cancelled; empty otherwise. */
  reason: Type.String(),
  decidedAt: Type.Union([DateTimeSchema, Type.Null()]),
  replacesCertificateId: Type.Union([UuidSchema, Type.Null()]),
  issuedCertificateId: Type.Union([UuidSchema, Type.Null()]),
  createdAt: DateTimeSchema,
});
export type CertificateRequest = Static<typeof CertificateRequestSchema>;

export const MyCertificatesSchema = Type.Object({
  certificates: Type.Array(CertificateSchema),
  requests: Type.Array(CertificateRequestSchema),
});
export type MyCertificates = Static<typeof MyCertificatesSchema>;

export const CertificateRequestListSchema = Type.Object({ requests: Type.Array(CertificateRequestSchema) });
export type CertificateRequestList = Static<typeof CertificateRequestListSchema>;

export const CreateCertificateRequestBodySchema = Type.Object(
  { csr: Base64DerSchema, kind: Type.Literal("NEW") },
  { additionalProperties: false },
);
export type CreateCertificateRequestBody = Static<typeof CreateCertificateRequestBodySchema>;

export const CertificateRequestParamsSchema = Type.Object({ requestId: UuidSchema });
export type CertificateRequestParams = Static<typeof CertificateRequestParamsSchema>;
export const CertificateParamsSchema = Type.Object({ certificateId: UuidSchema });
export type CertificateParams = Static<typeof CertificateParamsSchema>;

export const RejectCertificateRequestBodySchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);
export type RejectCertificateRequestBody = Static<typeof RejectCertificateRequestBodySchema>;

export const RenewCertificateBodySchema = Type.Object({ csr: Base64DerSchema }, { additionalProperties: false });
export type RenewCertificateBody = Static<typeof RenewCertificateBodySchema>;

export const ReissueCertificateBodySchema = Type.Object(
  { csr: Base64DerSchema, reason: Type.Enum(REISSUE_REASONS) },
  { additionalProperties: false },
);
export type ReissueCertificateBody = Static<typeof ReissueCertificateBodySchema>;

export const RevokeCertificateBodySchema = Type.Object({ reason: RevocationReasonSchema }, { additionalProperties: false });
export type RevokeCertificateBody = Static<typeof RevokeCertificateBodySchema>;

export const ImportCertificateBodySchema = Type.Object(
  {
    certificate: Base64DerSchema,
    /** Intermediate CA certificates from the PKCS#12 file, if any. */
    chain: Type.Optional(Type.Array(Base64DerSchema, { maxItems: 8 })),
  },
  { additionalProperties: false },
);
export type ImportCertificateBody = Static<typeof ImportCertificateBodySchema>;

// ---- trusted roots -------------------------------------------------------------------------------------------

export const TrustedRootSchema = Type.Object({
  /** Null for the platform's own root, which is always trusted and cannot be removed. */
  id: Type.Union([UuidSchema, Type.Null()]),
  isPlatformRoot: Type.Boolean(),
  subjectDn: Type.String(),
  fingerprintSha256: Type.String(),
  notAfter: DateTimeSchema,
  createdAt: Type.Union([DateTimeSchema, Type.Null()]),
});
export type TrustedRoot = Static<typeof TrustedRootSchema>;

export const TrustedRootListSchema = Type.Object({ roots: Type.Array(TrustedRootSchema) });
export type TrustedRootList = Static<typeof TrustedRootListSchema>;

export const AddTrustedRootBodySchema = Type.Object(
  { pem: Type.String({ minLength: 50, maxLength: 65_536 }) },
  { additionalProperties: false },
);
export type AddTrustedRootBody = Static<typeof AddTrustedRootBodySchema>;

export const TrustedRootParamsSchema = Type.Object({ trustedRootId: UuidSchema });
export type TrustedRootParams = Static<typeof TrustedRootParamsSchema>;

// ---- certificate sign-in -------------------------------------------------------------------------------------

export const CertificateChallengeSchema = Type.Object({
  challengeId: UuidSchema,
  /** 32 random bytes, base64: sign exactly these bytes (CMS SignedData). */
  challenge: Type.String(),
  expiresAt: DateTimeSchema,
});
export type CertificateChallenge = Static<typeof CertificateChallengeSchema>;

export const CertificateSignInBodySchema = Type.Object(
  { challengeId: UuidSchema, signedData: Base64DerSchema },
  { additionalProperties: false },
);
export type CertificateSignInBody = Static<typeof CertificateSignInBodySchema>;

// ---- organisation setting ------------------------------------------------------------------------------------

export const OrganizationSettingsSchema = Type.Object({ requireCertificateSignIn: Type.Boolean() });
export type OrganizationSettings = Static<typeof OrganizationSettingsSchema>;

export const UpdateOrganizationSettingsBodySchema = Type.Object(
  { requireCertificateSignIn: Type.Boolean() },
  { additionalProperties: false },
);
export type UpdateOrganizationSettingsBody = Static<typeof UpdateOrganizationSettingsBodySchema>;
