// The verification lookup (DESIGN.md §4, D-Sure's counterpart): a guarantee number and its authentication key
// open the certificate, its signatures and history, for anyone; a signed-in orderer may then accept or return it.
import { Type, type Static } from "typebox";
import { CurrencySchema, GuaranteeKindSchema } from "./contracts";
import {
  GuaranteeCertificateDocumentSchema,
  GuaranteeDisplayStatusSchema,
  GuaranteeVersionKindSchema,
} from "./guarantees";
import { PdfSignatureProblemSchema } from "./pdf-verification";

const DateTimeSchema = Type.String({ format: "date-time" });
const UuidSchema = Type.String({ format: "uuid" });

/**
 * What the person typed: loose on purpose (spaces, hyphens, full-width digits are normalised by the server), so a
 * typo gets the same 404 as a wrong key rather than a 400 that would tell the two apart.
 */
export const VerifyGuaranteeBodySchema = Type.Object(
  {
    guaranteeNumber: Type.String({ minLength: 1, maxLength: 40 }),
    authKey: Type.String({ minLength: 1, maxLength: 60 }),
  },
  { additionalProperties: false },
);
export type VerifyGuaranteeBody = Static<typeof VerifyGuaranteeBodySchema>;

/** The same credentials select a version's certificate PDF (the latest when versionNumber is left out). */
export const GuaranteeLookupPdfBodySchema = Type.Object(
  { ...VerifyGuaranteeBodySchema.properties, versionNumber: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
export type GuaranteeLookupPdfBody = Static<typeof GuaranteeLookupPdfBodySchema>;

/** The server's verdict on one version's signatures, computed when the version was signed and re-checked for revocation when the CRL changes. */
export const LookupSignatureStatusSchema = Type.Object({
  isValid: Type.Boolean(),
  problems: Type.Array(PdfSignatureProblemSchema),
  signerSubject: Type.String(),
  suretyOrganizationName: Type.String(),
  /** The trusted root the chain ends at; null when it does not chain to one. */
  trustedRoot: Type.Union([Type.String(), Type.Null()]),
  timestamp: Type.Union([Type.Object({ genTime: DateTimeSchema, authority: Type.String(), isValid: Type.Boolean() }), Type.Null()]),
  isRevoked: Type.Boolean(),
  /** The detached CMS over the canonical JSON verifies too. */
  isDataSignatureValid: Type.Boolean(),
  checkedAt: DateTimeSchema,
});
export type LookupSignatureStatus = Static<typeof LookupSignatureStatusSchema>;

export const LookupVersionSchema = Type.Object({
  number: Type.Integer(),
  kind: GuaranteeVersionKindSchema,
  changes: Type.Array(Type.Object({ field: Type.String(), before: Type.Union([Type.String(), Type.Null()]), after: Type.Union([Type.String(), Type.Null()]) })),
  reason: Type.String(),
  /** 電子保証発行日時: when the signed version reached the platform. */
  reachedPlatformAt: DateTimeSchema,
  /** The certificate as the surety signed it. */
  document: GuaranteeCertificateDocumentSchema,
  signature: LookupSignatureStatusSchema,
});
export type LookupVersion = Static<typeof LookupVersionSchema>;

export const GuaranteeLookupResultSchema = Type.Object({
  guaranteeNumber: Type.String(),
  kind: GuaranteeKindSchema,
  currency: CurrencySchema,
  displayStatus: GuaranteeDisplayStatusSchema,
  /** Newest first; the first is the current certificate. */
  versions: Type.Array(LookupVersionSchema),
  acceptance: Type.Union([
    Type.Object({
      status: Type.Union([Type.Literal("ACCEPTED"), Type.Literal("RETURNED")]),
      reason: Type.String(),
      decidedAt: DateTimeSchema,
      contract: Type.Union([Type.Object({ id: UuidSchema, contractNumber: Type.String(), title: Type.String() }), Type.Null()]),
    }),
    Type.Null(),
  ]),
  /** For a signed-in user of the guarantee's orderer: whether they may decide, and the contracts it can link to. */
  ordererActions: Type.Union([
    Type.Object({
      canDecide: Type.Boolean(),
      contracts: Type.Array(Type.Object({ id: UuidSchema, contractNumber: Type.String(), title: Type.String() })),
    }),
    Type.Null(),
  ]),
});
export type GuaranteeLookupResult = Static<typeof GuaranteeLookupResultSchema>;

/** Accepting (접수) links the guarantee to one of the orderer's contracts with its contractor. */
export const AcceptGuaranteeBodySchema = Type.Object(
  { ...VerifyGuaranteeBodySchema.properties, contractId: Type.Optional(UuidSchema) },
  { additionalProperties: false },
);
export type AcceptGuaranteeBody = Static<typeof AcceptGuaranteeBodySchema>;

export const ReturnGuaranteeBodySchema = Type.Object(
  { ...VerifyGuaranteeBodySchema.properties, reason: Type.String({ minLength: 1, maxLength: 1000, pattern: "\\S" }) },
  { additionalProperties: false },
);
export type ReturnGuaranteeBody = Static<typeof ReturnGuaranteeBodySchema>;

/** GET /api/guarantees/:guaranteeId/lookups: the view log and failed attempts, for the contractor and the surety. */
export const GuaranteeLookupLogSchema = Type.Object({
  views: Type.Array(
    Type.Object({ at: DateTimeSchema, ipAddress: Type.String(), versionNumber: Type.Integer(), viewerOrganizationName: Type.Union([Type.String(), Type.Null()]) }),
  ),
  failedAttempts: Type.Array(Type.Object({ at: DateTimeSchema, ipAddress: Type.String() })),
});
export type GuaranteeLookupLog = Static<typeof GuaranteeLookupLogSchema>;
