// The only Prisma calls of certificates, certificate requests, trusted roots and the organisation's sign-in setting.
// Every query about a user's or an organisation's certificates carries the user or organisation in its where clause.
import type { DbClient } from "../../db/database.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { CertificateRequestKind, RevocationReason } from "../../generated/prisma/enums.ts";

export const CERTIFICATE_SELECT = {
  id: true,
  userId: true,
  organizationId: true,
  origin: true,
  serialNumberHex: true,
  subjectDn: true,
  issuerDn: true,
  certificateDer: true,
  notBefore: true,
  notAfter: true,
  keyAlgorithm: true,
  fingerprintSha256: true,
  publicKeySha256: true,
  revokedAt: true,
  revocationReason: true,
  supersedesId: true,
  createdAt: true,
  user: { select: { id: true, name: true } },
} as const;
export type CertificateRow = Prisma.CertificateGetPayload<{ select: typeof CERTIFICATE_SELECT }>;

export const REQUEST_SELECT = {
  id: true,
  userId: true,
  organizationId: true,
  kind: true,
  status: true,
  keyAlgorithm: true,
  csrDer: true,
  reason: true,
  decidedAt: true,
  replacesCertificateId: true,
  issuedCertificateId: true,
  createdAt: true,
  user: { select: { id: true, name: true, role: true, isActive: true } },
  organization: { select: { id: true, nameLocal: true, registrationNumber: true, country: true } },
} as const;
export type RequestRow = Prisma.CertificateRequestGetPayload<{ select: typeof REQUEST_SELECT }>;

/** Who decides on a request: the representative for their organisation's members, ops for representatives. */
export interface Approver {
  userId: string;
  organizationId: string;
  isRepresentative: boolean;
  isOperator: boolean;
}

function decidableBy(approver: Approver): Prisma.CertificateRequestWhereInput {
  const scopes: Prisma.CertificateRequestWhereInput[] = [];
  if (approver.isRepresentative) scopes.push({ organizationId: approver.organizationId, user: { role: { not: "REPRESENTATIVE" } } });
  if (approver.isOperator) scopes.push({ user: { role: "REPRESENTATIVE" } });
  // Nobody approves their own request, whatever their roles.
  return { OR: scopes.length > 0 ? scopes : [{ id: { in: [] } }], userId: { not: approver.userId } };
}

export function findRequester(db: DbClient, userId: string, organizationId: string) {
  return db.user.findFirst({
    where: { id: userId, organizationId, isActive: true },
    select: { id: true, name: true, role: true, organization: { select: { id: true, country: true, registrationNumber: true, nameLocal: true, nameLatin: true } } },
  });
}

export function findPendingRequestOfUser(db: DbClient, userId: string) {
  return db.certificateRequest.findUnique({ where: { pendingUserId: userId }, select: { id: true } });
}

/** Any certificate of this platform already holding the public key (a key is certified once, for one user). */
export function findCertificateWithPublicKey(db: DbClient, publicKeySha256: string) {
  return db.certificate.findFirst({ where: { publicKeySha256 }, select: { id: true, userId: true } });
}

export function createRequest(
  db: DbClient,
  data: {
    userId: string;
    organizationId: string;
    kind: CertificateRequestKind;
    csrDer: Uint8Array<ArrayBuffer>;
    publicKeySha256: string;
    keyAlgorithm: string;
    isPending: boolean;
    decidedById?: string;
    decidedAt?: Date;
    replacesCertificateId?: string;
    reissueReason?: RevocationReason;
    issuedCertificateId?: string;
  },
) {
  const { isPending, ...fields } = data;
  return db.certificateRequest.create({
    data: { ...fields, status: isPending ? "PENDING" : "APPROVED", pendingUserId: isPending ? data.userId : null },
    select: REQUEST_SELECT,
  });
}

export function listRequestsOfUser(db: DbClient, userId: string, organizationId: string) {
  return db.certificateRequest.findMany({
    where: { userId, organizationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
    select: REQUEST_SELECT,
  });
}

export function listPendingForApprover(db: DbClient, approver: Approver) {
  return db.certificateRequest.findMany({
    where: { status: "PENDING", ...decidableBy(approver) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 100,
    select: REQUEST_SELECT,
  });
}

export function findDecidableRequest(db: DbClient, requestId: string, approver: Approver) {
  return db.certificateRequest.findFirst({ where: { id: requestId, ...decidableBy(approver) }, select: REQUEST_SELECT });
}

export function findOwnRequest(db: DbClient, requestId: string, userId: string, organizationId: string) {
  return db.certificateRequest.findFirst({ where: { id: requestId, userId, organizationId }, select: REQUEST_SELECT });
}

/** Closes a pending request unless another decision got there first; true when this call decided it. */
export async function decideRequest(
  db: DbClient,
  requestId: string,
  data: { status: "APPROVED" | "REJECTED" | "CANCELLED"; decidedById: string; decidedAt: Date; reason?: string; issuedCertificateId?: string },
): Promise<boolean> {
  const { count } = await db.certificateRequest.updateMany({
    where: { id: requestId, status: "PENDING" },
    data: { ...data, pendingUserId: null },
  });
  return count === 1;
}

export function createCertificate(
  db: DbClient,
  data: {
    userId: string;
    organizationId: string;
    origin: "ISSUED" | "IMPORTED";
    serialNumberHex: string;
    issuerDn: string;
    subjectDn: string;
    certificateDer: Uint8Array<ArrayBuffer>;
    notBefore: Date;
    notAfter: Date;
    keyAlgorithm: string;
    fingerprintSha256: string;
    publicKeySha256: string;
    supersedesId?: string;
  },
) {
  return db.certificate.create({ data, select: CERTIFICATE_SELECT });
}

export function listCertificatesOfUser(db: DbClient, userId: string, organizationId: string) {
  return db.certificate.findMany({
    where: { userId, organizationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
    select: CERTIFICATE_SELECT,
  });
}

export function findOwnCertificate(db: DbClient, certificateId: string, userId: string, organizationId: string) {
  return db.certificate.findFirst({ where: { id: certificateId, userId, organizationId }, select: CERTIFICATE_SELECT });
}

/** The holder's own, any of the organisation's for its representative, any at all for ops. */
export function findRevocableCertificate(
  db: DbClient,
  certificateId: string,
  revoker: { userId: string; organizationId: string; isRepresentative: boolean; isOperator: boolean },
) {
  const scope: Prisma.CertificateWhereInput = revoker.isOperator
    ? {}
    : revoker.isRepresentative
      ? { organizationId: revoker.organizationId }
      : { userId: revoker.userId, organizationId: revoker.organizationId };
  return db.certificate.findFirst({ where: { id: certificateId, ...scope }, select: CERTIFICATE_SELECT });
}

/** Certificates renewing or replacing this one (an unrevoked successor means it was renewed already). */
export function findSuccessor(db: DbClient, certificateId: string) {
  return db.certificate.findFirst({ where: { supersedesId: certificateId, revokedAt: null }, select: { id: true } });
}

/** Revokes unless already revoked; true when this call revoked it. */
export async function revokeCertificate(
  db: DbClient,
  certificateId: string,
  data: { revokedAt: Date; revocationReason: RevocationReason; revokedById: string },
): Promise<boolean> {
  const { count } = await db.certificate.updateMany({ where: { id: certificateId, revokedAt: null }, data });
  return count === 1;
}

export function findCertificateByFingerprint(db: DbClient, fingerprintSha256: string) {
  return db.certificate.findUnique({ where: { fingerprintSha256 }, select: { id: true } });
}

// ---- trusted roots -------------------------------------------------------------------------------------------

const TRUSTED_ROOT_SELECT = { id: true, subjectDn: true, fingerprintSha256: true, notAfter: true, createdAt: true } as const;

export function listTrustedRoots(db: DbClient) {
  return db.trustedRoot.findMany({ where: { removedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: TRUSTED_ROOT_SELECT });
}

export function findTrustedRootByFingerprint(db: DbClient, fingerprintSha256: string) {
  return db.trustedRoot.findUnique({ where: { fingerprintSha256 }, select: { id: true, removedAt: true } });
}

export function createTrustedRoot(
  db: DbClient,
  data: { certificateDer: Uint8Array<ArrayBuffer>; subjectDn: string; fingerprintSha256: string; notAfter: Date; addedById: string },
) {
  return db.trustedRoot.create({ data, select: TRUSTED_ROOT_SELECT });
}

/** Trusts a root again that ops removed before (the fingerprint is unique). */
export function restoreTrustedRoot(db: DbClient, id: string, addedById: string, at: Date) {
  return db.trustedRoot.update({
    where: { id },
    data: { removedAt: null, removedById: null, addedById, createdAt: at },
    select: TRUSTED_ROOT_SELECT,
  });
}

export async function removeTrustedRoot(db: DbClient, id: string, removedById: string, at: Date): Promise<boolean> {
  const { count } = await db.trustedRoot.updateMany({ where: { id, removedAt: null }, data: { removedAt: at, removedById } });
  return count === 1;
}

// ---- organisation setting ------------------------------------------------------------------------------------

export function updateOrganizationSettings(db: DbClient, organizationId: string, data: { requireCertificateSignIn: boolean }) {
  return db.organization.update({ where: { id: organizationId }, data, select: { requireCertificateSignIn: true } });
}
