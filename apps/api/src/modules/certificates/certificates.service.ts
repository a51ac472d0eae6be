// The certificate rules: new issuance waits for approval (the representative for members, ops for representatives);
// renewal is open from 30 days before expiry until expiry and runs one year past the old expiry; reissue replaces a
// valid certificate at once and revokes it; revocation by the holder, the representative or ops publishes a new
// CRL in the same transaction; imported certificates must chain to a trusted root and name the organisation.
// Every state change is one transaction with its audit event. Time comes from `now`, so tests can pin it.
import { createHash } from "node:crypto";
import { issueCertificate, randomSerialNumberHex } from "@pwp/pki/ca";
import { parseCertificate, type CertificateInfo } from "@pwp/pki/certificate";
import { verifyCertificate } from "@pwp/pki/chain";
import { parseCsr, type ParsedCsr } from "@pwp/pki/csr";
import { fromPem } from "@pwp/pki/encoding";
import { isPkiError } from "@pwp/pki/errors";
import type { SubjectName } from "@pwp/pki/names";
import type {
  AddTrustedRootBody,
  Certificate,
  CertificateRequest,
  CertificateStatus,
  ImportCertificateBody,
  MyCertificates,
  ReissueCertificateBody,
  RevocationReason,
  TrustedRoot,
} from "@pwp/shared/certificates";
import { CERTIFICATE_VALIDITY_YEARS, RENEWAL_WINDOW_DAYS } from "@pwp/shared/certificates";
import type { OrganizationKind, UserRole } from "@pwp/shared/enums";
import type { PrismaClient } from "../../db/database.ts";
import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/app-error.ts";
import { recordAuditEvent } from "../../lib/audit.ts";
import type { Notifier } from "../../lib/mail/notifier.ts";
import type { PlatformPki } from "../../plugins/pki.ts";
import * as repository from "./certificates.repository.ts";
import type { CertificateRow, RequestRow } from "./certificates.repository.ts";

/** The caller as the certificate rules need them. */
export interface CertificateActor extends Actor {
  role: UserRole;
  kind: OrganizationKind;
  /** This session was opened with a certificate sign-in. */
  isCertificateSession: boolean;
}

interface Dependencies {
  prisma: PrismaClient;
  pki: PlatformPki;
  /** For the CRL distribution point written into every certificate. */
  publicUrl: string;
  /** Tells the approver of a new request and the requester of the certificate. */
  notifier?: Notifier;
  now: () => Date;
}

const DAY_MS = 86_400_000;
const MIN_RSA_BITS = 2048;

function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function addYears(date: Date, years: number): Date {
  const result = new Date(date);
  result.setUTCFullYear(result.getUTCFullYear() + years);
  return result;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(text, "base64"));
}

function invalid(field: string, message: string, summary?: string): AppError {
  return new AppError("VALIDATION_FAILED", summary ?? `${field} ${message}`, { fields: [{ field, message }] });
}


export function statusAt(certificate: { revokedAt: Date | null; notBefore: Date; notAfter: Date }, now: Date): CertificateStatus {
  if (certificate.revokedAt && certificate.revokedAt <= now) return "REVOKED";
  if (now < certificate.notBefore) return "NOT_YET_VALID";
  if (now >= certificate.notAfter) return "EXPIRED";
  return "VALID";
}

export function renewableFromOf(notAfter: Date): Date {
  return new Date(notAfter.getTime() - RENEWAL_WINDOW_DAYS * DAY_MS);
}

export function createCertificatesService({ prisma, pki, publicUrl, notifier, now }: Dependencies) {
  const crlUrl = `${publicUrl}/api/pki/crl`;

  function toCertificate(row: CertificateRow, at: Date, renewedIds: ReadonlySet<string>): Certificate {
    const status = statusAt(row, at);
    const isOurs = row.origin === "ISSUED";
    const renewableFrom = isOurs ? renewableFromOf(row.notAfter) : null;
    return {
      id: row.id,
      origin: row.origin,
      status,
      serialNumberHex: row.serialNumberHex,
      subjectDn: row.subjectDn,
      issuerDn: row.issuerDn,
      notBefore: row.notBefore.toISOString(),
      notAfter: row.notAfter.toISOString(),
      keyAlgorithm: row.keyAlgorithm,
      fingerprintSha256: row.fingerprintSha256,
      revokedAt: row.revokedAt?.toISOString() ?? null,
      revocationReason: row.revocationReason,
      supersedesId: row.supersedesId,
      renewableFrom: renewableFrom?.toISOString() ?? null,
      canRenew: isOurs && status === "VALID" && renewableFrom !== null && at >= renewableFrom && !renewedIds.has(row.id),
      canReissue: isOurs && status === "VALID",
      certificate: Buffer.from(row.certificateDer).toString("base64"),
      holder: { id: row.user.id, name: row.user.name },
      createdAt: row.createdAt.toISOString(),
    };
  }

  function toRequest(row: RequestRow, subjectDn: string): CertificateRequest {
    return {
      id: row.id,
      kind: row.kind,
      status: row.status,
      keyAlgorithm: row.keyAlgorithm,
      subjectDn,
      requester: { id: row.user.id, name: row.user.name, role: row.user.role },
      organization: { id: row.organization.id, nameLocal: row.organization.nameLocal, registrationNumber: row.organization.registrationNumber },
      reason: row.reason,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      replacesCertificateId: row.replacesCertificateId,
      issuedCertificateId: row.issuedCertificateId,
      createdAt: row.createdAt.toISOString(),
    };
  }

  /** The subject is the platform's statement about the holder: from our records, never from the request. */
  function subjectOf(user: { id: string; name: string }, organization: { country: string; registrationNumber: string; nameLocal: string }): SubjectName {
    return {
      country: organization.country,
      organizationName: organization.nameLocal,
      organizationIdentifier: `${organization.country}-${organization.registrationNumber}`,
      commonName: user.name,
      serialNumber: user.id,
    };
  }

  function formatSubject(subject: SubjectName): string {
    return [
      `C=${subject.country ?? ""}`,
      `O=${subject.organizationName ?? ""}`,
      `organizationIdentifier=${subject.organizationIdentifier ?? ""}`,
      `CN=${subject.commonName}`,
      `serialNumber=${subject.serialNumber ?? ""}`,
    ].join(", ");
  }

  const requestSubjectDn = (row: RequestRow) => formatSubject(subjectOf(row.user, row.organization));

  /** A PKCS#10 request whose signature proves possession of a P-256 or RSA ≥ 2048 key. */
  async function readCsr(base64: string, field = "body.csr"): Promise<{ der: Uint8Array<ArrayBuffer>; csr: ParsedCsr; publicKeySha256: string }> {
    const der = decodeBase64(base64);
    let csr: ParsedCsr;
    try {
      csr = await parseCsr(der);
    } catch (error) {
      if (isPkiError(error, "UNSUPPORTED")) throw invalid(field, "must use an ECDSA P-256 or RSA (2048 bits or more) key");
      throw invalid(field, "is not a PKCS#10 certificate request (DER in base64)");
    }
    if (!csr.isSignatureValid) {
      throw invalid(field, "has a signature that does not verify: the request was altered or not signed with its own key");
    }
    if (csr.keyAlgorithm === "RSA" && (csr.rsaModulusBits ?? 0) < MIN_RSA_BITS) {
      throw invalid(field, `must use an RSA key of at least ${MIN_RSA_BITS} bits`);
    }
    return { der, csr, publicKeySha256: sha256Hex(csr.publicKeySpki) };
  }

  /** A key is certified once: refuses one that any certificate already carries (except the one being renewed). */
  async function assertKeyIsNew(publicKeySha256: string, exceptCertificateId?: string) {
    const existing = await repository.findCertificateWithPublicKey(prisma, publicKeySha256);
    if (existing && existing.id !== exceptCertificateId) {
      throw new AppError("CONFLICT", "This key already has a certificate. Generate a new key and make a new request.", {
        fields: [{ field: "body.csr", message: "carries a key that already has a certificate" }],
      });
    }
  }

  async function requireRequester(actor: Actor) {
    const user = await repository.findRequester(prisma, actor.userId, actor.organizationId);
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
    return user;
  }

  /** Issues a SIGNER certificate from the issuing CA and stores it, in the caller's transaction. */
  async function issueAndStore(
    tx: Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0],
    input: {
      user: { id: string; name: string };
      organization: { id: string; country: string; registrationNumber: string; nameLocal: string };
      csr: ParsedCsr;
      publicKeySha256: string;
      notBefore: Date;
      notAfter: Date;
      supersedesId?: string;
    },
  ): Promise<CertificateRow> {
    const der = await issueCertificate({
      issuerCertificateDer: pki.issuing.certificateDer,
      issuerPrivateKey: pki.issuing.privateKey,
      subject: subjectOf(input.user, input.organization),
      subjectPublicKeySpki: input.csr.publicKeySpki,
      serialNumberHex: randomSerialNumberHex(),
      notBefore: input.notBefore,
      notAfter: input.notAfter,
      profile: "SIGNER",
      crlDistributionPointUrl: crlUrl,
    });
    const info = await parseCertificate(der);
    return repository.createCertificate(tx, {
      userId: input.user.id,
      organizationId: input.organization.id,
      origin: "ISSUED",
      serialNumberHex: info.serialNumberHex,
      issuerDn: info.issuerDn,
      subjectDn: info.subjectDn,
      certificateDer: new Uint8Array(der),
      notBefore: info.notBefore,
      notAfter: info.notAfter,
      keyAlgorithm: input.csr.keyAlgorithm,
      fingerprintSha256: info.fingerprintSha256Hex,
      publicKeySha256: input.publicKeySha256,
      ...(input.supersedesId ? { supersedesId: input.supersedesId } : {}),
    });
  }

  // ---- reading -------------------------------------------------------------------------------------------------

  async function listMine(actor: Actor): Promise<MyCertificates> {
    const at = now();
    const [certificates, requests] = await Promise.all([
      repository.listCertificatesOfUser(prisma, actor.userId, actor.organizationId),
      repository.listRequestsOfUser(prisma, actor.userId, actor.organizationId),
    ]);
    const renewedIds = new Set(certificates.filter((row) => row.supersedesId && !row.revokedAt).map((row) => row.supersedesId as string));
    return {
      certificates: certificates.map((row) => toCertificate(row, at, renewedIds)),
      requests: requests.map((row) => toRequest(row, requestSubjectDn(row))),
    };
  }

  const approverOf = (actor: CertificateActor): repository.Approver => ({
    userId: actor.userId,
    organizationId: actor.organizationId,
    isRepresentative: actor.role === "REPRESENTATIVE",
    isOperator: actor.kind === "OPERATOR",
  });

  function assertMayApprove(actor: CertificateActor) {
    if (actor.role !== "REPRESENTATIVE" && actor.kind !== "OPERATOR") {
      throw new AppError("FORBIDDEN", "Only the organisation's representative (or the platform operator, for a representative) decides on certificate requests.");
    }
  }

  async function listPendingApproval(actor: CertificateActor) {
    assertMayApprove(actor);
    const rows = await repository.listPendingForApprover(prisma, approverOf(actor));
    return { requests: rows.map((row) => toRequest(row, requestSubjectDn(row))) };
  }

  // ---- new issuance ----------------------------------------------------------------------------------------------

  async function requestNew(actor: Actor, body: { csr: string }): Promise<CertificateRequest> {
    const user = await requireRequester(actor);
    const { der, csr, publicKeySha256 } = await readCsr(body.csr);
    await assertKeyIsNew(publicKeySha256);
    const conflict = () => new AppError("CONFLICT", "You already have a pending certificate request. Wait for the decision, or cancel it first.");
    if (await repository.findPendingRequestOfUser(prisma, user.id)) throw conflict();
    try {
      return await prisma.$transaction(async (tx) => {
        const created = await repository.createRequest(tx, {
          userId: user.id,
          organizationId: user.organization.id,
          kind: "NEW",
          csrDer: der,
          publicKeySha256,
          keyAlgorithm: csr.keyAlgorithm,
          isPending: true,
        });
        await recordAuditEvent(tx, {
          action: "certificates.requested",
          actor,
          target: { type: "CertificateRequest", id: created.id },
          ipAddress: actor.ipAddress,
          data: { kind: "NEW", keyAlgorithm: csr.keyAlgorithm, publicKeySha256 },
        });
        // A representative's request is approved by ops, anyone else's by their representative.
        const representatives =
          user.role === "REPRESENTATIVE"
            ? []
            : await tx.user.findMany({ where: { organizationId: user.organization.id, role: "REPRESENTATIVE" }, select: { id: true } });
        await notifier?.notify(tx, {
          kind: "CERTIFICATE_REQUEST_WAITING",
          eventKey: `certificate-request:${created.id}`,
          ...(user.role === "REPRESENTATIVE" ? { organizationKinds: ["OPERATOR"] as const } : { userIds: representatives.map((representative) => representative.id) }),
          params: { requester: `${user.name} (${user.organization.nameLocal})` },
          link: "/certificates/approvals",
        });
        return toRequest(created, requestSubjectDn(created));
      });
    } catch (error) {
      // Two requests at once: the unique pendingUserId lets only one through.
      if ((error as { code?: unknown }).code === "P2002") throw conflict();
      throw error;
    }
  }

  async function approve(actor: CertificateActor, requestId: string): Promise<Certificate> {
    assertMayApprove(actor);
    const request = await repository.findDecidableRequest(prisma, requestId, approverOf(actor));
    if (!request) throw new AppError("NOT_FOUND", "No such certificate request awaits your decision.");
    if (request.status !== "PENDING") throw new AppError("CONFLICT", `This request was already decided (${request.status.toLowerCase()}).`);
    if (!request.user.isActive) throw new AppError("CONFLICT", "The requester's account is disabled: reject the request instead.");
    const { csr, publicKeySha256 } = await readCsr(Buffer.from(request.csrDer).toString("base64"), "request.csr");
    await assertKeyIsNew(publicKeySha256);
    const at = now();
    return prisma.$transaction(async (tx) => {
      const certificate = await issueAndStore(tx, {
        user: request.user,
        organization: request.organization,
        csr,
        publicKeySha256,
        notBefore: at,
        notAfter: addYears(at, CERTIFICATE_VALIDITY_YEARS),
      });
      const isDecided = await repository.decideRequest(tx, request.id, {
        status: "APPROVED",
        decidedById: actor.userId,
        decidedAt: at,
        issuedCertificateId: certificate.id,
      });
      if (!isDecided) throw new AppError("CONFLICT", "This request was decided by someone else in the meantime.");
      await recordAuditEvent(tx, {
        action: "certificates.request_approved",
        actor,
        target: { type: "CertificateRequest", id: request.id },
        ipAddress: actor.ipAddress,
        data: { certificateId: certificate.id, serialNumberHex: certificate.serialNumberHex, holderId: request.user.id },
      });
      await notifier?.notify(tx, {
        kind: "CERTIFICATE_ISSUED",
        eventKey: `certificate:${certificate.id}:issued`,
        userIds: [request.user.id],
        params: { notAfter: certificate.notAfter.toISOString().slice(0, 10) },
        link: "/certificates",
      });
      return toCertificate(certificate, at, new Set());
    });
  }

  async function reject(actor: CertificateActor, requestId: string, reason: string): Promise<CertificateRequest> {
    assertMayApprove(actor);
    const request = await repository.findDecidableRequest(prisma, requestId, approverOf(actor));
    if (!request) throw new AppError("NOT_FOUND", "No such certificate request awaits your decision.");
    return closeRequest(actor, request, "REJECTED", reason.trim(), "certificates.request_rejected");
  }

  async function cancel(actor: Actor, requestId: string): Promise<CertificateRequest> {
    const request = await repository.findOwnRequest(prisma, requestId, actor.userId, actor.organizationId);
    if (!request) throw new AppError("NOT_FOUND", "No such certificate request.");
    return closeRequest(actor, request, "CANCELLED", "cancelled by the requester", "certificates.request_cancelled");
  }

  async function closeRequest(actor: Actor, request: RequestRow, status: "REJECTED" | "CANCELLED", reason: string, action: string) {
    if (request.status !== "PENDING") throw new AppError("CONFLICT", `This request was already decided (${request.status.toLowerCase()}).`);
    const at = now();
    return prisma.$transaction(async (tx) => {
      if (!(await repository.decideRequest(tx, request.id, { status, decidedById: actor.userId, decidedAt: at, reason }))) {
        throw new AppError("CONFLICT", "This request was decided by someone else in the meantime.");
      }
      await recordAuditEvent(tx, {
        action,
        actor,
        target: { type: "CertificateRequest", id: request.id },
        ipAddress: actor.ipAddress,
        data: { reason },
      });
      return toRequest({ ...request, status, reason, decidedAt: at }, requestSubjectDn(request));
    });
  }

  // ---- renewal and reissue -----------------------------------------------------------------------------------

  async function findOwnIssued(actor: Actor, certificateId: string) {
    const certificate = await repository.findOwnCertificate(prisma, certificateId, actor.userId, actor.organizationId);
    if (!certificate) throw new AppError("NOT_FOUND", "No such certificate.");
    if (certificate.origin !== "ISSUED") {
      throw new AppError("CONFLICT", "An imported certificate is renewed or reissued by the authority that issued it; import the new one.");
    }
    return certificate;
  }

  async function renew(actor: Actor, certificateId: string, body: { csr: string }): Promise<Certificate> {
    const user = await requireRequester(actor);
    const current = await findOwnIssued(actor, certificateId);
    const at = now();
    const status = statusAt(current, at);
    if (status === "EXPIRED") throw new AppError("CONFLICT", "renewal is not possible after expiry: request a new certificate");
    if (status === "REVOKED") throw new AppError("CONFLICT", "A revoked certificate cannot be renewed: request a new certificate.");
    const renewableFrom = renewableFromOf(current.notAfter);
    if (at < renewableFrom) {
      throw new AppError("CONFLICT", `Renewal opens ${RENEWAL_WINDOW_DAYS} days before expiry, on ${renewableFrom.toISOString()}.`);
    }
    if (await repository.findSuccessor(prisma, current.id)) throw new AppError("CONFLICT", "This certificate was already renewed.");
    const { der, csr, publicKeySha256 } = await readCsr(body.csr);
    await assertKeyIsNew(publicKeySha256, current.id);
    return prisma.$transaction(async (tx) => {
      // Renewal does not shorten anything: the new certificate runs a full year past the old expiry.
      const certificate = await issueAndStore(tx, {
        user,
        organization: user.organization,
        csr,
        publicKeySha256,
        notBefore: at,
        notAfter: addYears(current.notAfter, CERTIFICATE_VALIDITY_YEARS),
        supersedesId: current.id,
      });
      const request = await repository.createRequest(tx, {
        userId: user.id,
        organizationId: user.organization.id,
        kind: "RENEWAL",
        csrDer: der,
        publicKeySha256,
        keyAlgorithm: csr.keyAlgorithm,
        isPending: false,
        decidedById: actor.userId,
        decidedAt: at,
        replacesCertificateId: current.id,
        issuedCertificateId: certificate.id,
      });
      await recordAuditEvent(tx, {
        action: "certificates.renewed",
        actor,
        target: { type: "Certificate", id: certificate.id },
        ipAddress: actor.ipAddress,
        data: { requestId: request.id, replacesCertificateId: current.id, serialNumberHex: certificate.serialNumberHex },
      });
      return toCertificate(certificate, at, new Set());
    });
  }

  async function reissue(actor: Actor, certificateId: string, body: ReissueCertificateBody): Promise<Certificate> {
    const user = await requireRequester(actor);
    const current = await findOwnIssued(actor, certificateId);
    const at = now();
    if (statusAt(current, at) !== "VALID") {
      throw new AppError("CONFLICT", "Only a valid certificate can be reissued: request a new certificate instead.");
    }
    const { der, csr, publicKeySha256 } = await readCsr(body.csr);
    // A reissue always takes a new key: the point is to stop using the old one.
    await assertKeyIsNew(publicKeySha256);
    return prisma.$transaction(async (tx) => {
      if (!(await repository.revokeCertificate(tx, current.id, { revokedAt: at, revocationReason: body.reason, revokedById: actor.userId }))) {
        throw new AppError("CONFLICT", "This certificate was revoked in the meantime.");
      }
      // The replacement covers the rest of the old period; renewal, not reissue, extends it.
      const certificate = await issueAndStore(tx, {
        user,
        organization: user.organization,
        csr,
        publicKeySha256,
        notBefore: at,
        notAfter: current.notAfter,
        supersedesId: current.id,
      });
      const request = await repository.createRequest(tx, {
        userId: user.id,
        organizationId: user.organization.id,
        kind: "REISSUE",
        csrDer: der,
        publicKeySha256,
        keyAlgorithm: csr.keyAlgorithm,
        isPending: false,
        decidedById: actor.userId,
        decidedAt: at,
        replacesCertificateId: current.id,
        reissueReason: body.reason,
        issuedCertificateId: certificate.id,
      });
      await pki.publishCrl(tx, at);
      await recordAuditEvent(tx, {
        action: "certificates.reissued",
        actor,
        target: { type: "Certificate", id: certificate.id },
        ipAddress: actor.ipAddress,
        data: { requestId: request.id, revokedCertificateId: current.id, reason: body.reason, serialNumberHex: certificate.serialNumberHex },
      });
      return toCertificate(certificate, at, new Set());
    });
  }

  // ---- revocation ----------------------------------------------------------------------------------------------

  async function revoke(actor: CertificateActor, certificateId: string, reason: RevocationReason): Promise<Certificate> {
    const certificate = await repository.findRevocableCertificate(prisma, certificateId, {
      userId: actor.userId,
      organizationId: actor.organizationId,
      isRepresentative: actor.role === "REPRESENTATIVE",
      isOperator: actor.kind === "OPERATOR",
    });
    if (!certificate) throw new AppError("NOT_FOUND", "No such certificate.");
    if (certificate.revokedAt) throw new AppError("CONFLICT", "This certificate is already revoked.");
    const at = now();
    return prisma.$transaction(async (tx) => {
      if (!(await repository.revokeCertificate(tx, certificate.id, { revokedAt: at, revocationReason: reason, revokedById: actor.userId }))) {
        throw new AppError("CONFLICT", "This certificate is already revoked.");
      }
      // Only the issuing CA's own certificates go on its CRL; an imported one is simply no longer accepted here.
      if (certificate.origin === "ISSUED") await pki.publishCrl(tx, at);
      await recordAuditEvent(tx, {
        action: "certificates.revoked",
        actor,
        target: { type: "Certificate", id: certificate.id },
        ipAddress: actor.ipAddress,
        data: { reason, serialNumberHex: certificate.serialNumberHex, holderId: certificate.userId },
      });
      return toCertificate({ ...certificate, revokedAt: at, revocationReason: reason }, at, new Set());
    });
  }

  // ---- import ----------------------------------------------------------------------------------------------------

  /**
   * The certificate names the caller's organisation: its organizationIdentifier (2.5.4.97) is the organisation's
   * country and registration number ("KR-1248100998", also in the ETSI form "NTRKR-1248100998"); a certificate
   * without one must carry the organisation's registered name (local or Latin) as O, compared without case and
   * extra spaces. An organizationIdentifier that names someone else is refused even if O matches.
   */
  function isOfOrganization(info: CertificateInfo, organization: { country: string; registrationNumber: string; nameLocal: string; nameLatin: string }) {
    const identifier = info.subject.organizationIdentifier?.trim().toUpperCase();
    if (identifier) {
      const digits = identifier.replace(/^(NTR)?[A-Z]{2}-/, "").replace(/[\s-]/g, "");
      const country = /^(?:NTR)?([A-Z]{2})-/.exec(identifier)?.[1];
      return country === organization.country && digits === organization.registrationNumber;
    }
    const normalize = (name: string) => name.normalize("NFKC").replace(/\s+/g, " ").trim().toLowerCase();
    const subjectOrganization = info.subject.organizationName ? normalize(info.subject.organizationName) : "";
    return subjectOrganization !== "" && [organization.nameLocal, organization.nameLatin].some((name) => normalize(name) === subjectOrganization);
  }

  async function importCertificate(actor: Actor, body: ImportCertificateBody): Promise<Certificate> {
    const user = await requireRequester(actor);
    const organization = await prisma.organization.findUniqueOrThrow({
      where: { id: actor.organizationId },
      select: { country: true, registrationNumber: true, nameLocal: true, nameLatin: true },
    });
    const der = decodeBase64(body.certificate);
    let info: CertificateInfo;
    try {
      info = await parseCertificate(der);
    } catch {
      throw invalid("body.certificate", "is not an X.509 certificate (DER in base64)");
    }
    if (info.isCa) throw invalid("body.certificate", "is a CA certificate, not a personal one");
    if (info.keyAlgorithm === "OTHER" || (info.keyAlgorithm === "RSA" && (info.rsaModulusBits ?? 0) < MIN_RSA_BITS)) {
      throw invalid("body.certificate", "must have an ECDSA P-256 or RSA (2048 bits or more) key");
    }
    const at = now();
    const verification = await verifyCertificate({
      certificateDer: der,
      intermediatesDer: [...(body.chain ?? []).map(decodeBase64), pki.issuing.certificateDer],
      trustedRootsDer: await pki.listTrustedRootsDer(prisma),
      crlsDer: [(await pki.getCurrentCrl()).der],
      at,
    });
    if (!verification.isValid) {
      const messages: Record<string, string> = {
        UNTRUSTED: "does not chain to a root the platform trusts",
        EXPIRED: "has expired",
        NOT_YET_VALID: "is not valid yet",
        REVOKED: "is revoked",
        BAD_SIGNATURE: "has a signature that does not verify",
      };
      throw invalid("body.certificate", messages[verification.problem ?? ""] ?? "could not be verified");
    }
    if (!isOfOrganization(info, organization)) {
      throw invalid("body.certificate", "does not name your organisation (its registration number or registered name)");
    }
    if (await repository.findCertificateByFingerprint(prisma, info.fingerprintSha256Hex)) {
      throw new AppError("CONFLICT", "This certificate is already registered.");
    }
    try {
      return await prisma.$transaction(async (tx) => {
        const row = await repository.createCertificate(tx, {
          userId: user.id,
          organizationId: actor.organizationId,
          origin: "IMPORTED",
          serialNumberHex: info.serialNumberHex,
          issuerDn: info.issuerDn,
          subjectDn: info.subjectDn,
          certificateDer: der,
          notBefore: info.notBefore,
          notAfter: info.notAfter,
          keyAlgorithm: info.keyAlgorithm,
          fingerprintSha256: info.fingerprintSha256Hex,
          publicKeySha256: sha256Hex(info.publicKeySpki),
        });
        await recordAuditEvent(tx, {
          action: "certificates.imported",
          actor,
          target: { type: "Certificate", id: row.id },
          ipAddress: actor.ipAddress,
          data: { issuerDn: info.issuerDn, serialNumberHex: info.serialNumberHex, fingerprintSha256: info.fingerprintSha256Hex },
        });
        return toCertificate(row, at, new Set());
      });
    } catch (error) {
      if ((error as { code?: unknown }).code === "P2002") throw new AppError("CONFLICT", "This certificate is already registered.");
      throw error;
    }
  }

  // ---- trusted roots (ops) ---------------------------------------------------------------------------------------

  async function listTrustedRoots(): Promise<{ roots: TrustedRoot[] }> {
    const root = pki.root.info;
    const rows = await repository.listTrustedRoots(prisma);
    return {
      roots: [
        { id: null, isPlatformRoot: true, subjectDn: root.subjectDn, fingerprintSha256: root.fingerprintSha256Hex, notAfter: root.notAfter.toISOString(), createdAt: null },
        ...rows.map((row) => ({
          id: row.id,
          isPlatformRoot: false,
          subjectDn: row.subjectDn,
          fingerprintSha256: row.fingerprintSha256,
          notAfter: row.notAfter.toISOString(),
          createdAt: row.createdAt.toISOString(),
        })),
      ],
    };
  }

  async function addTrustedRoot(actor: Actor, body: AddTrustedRootBody): Promise<TrustedRoot> {
    const blocks = fromPem(body.pem).filter((block) => block.label === "CERTIFICATE");
    if (blocks.length !== 1 || !blocks[0]) throw invalid("body.pem", "must hold exactly one PEM certificate (-----BEGIN CERTIFICATE-----)");
    let info: CertificateInfo;
    try {
      info = await parseCertificate(blocks[0].der);
    } catch {
      throw invalid("body.pem", "is not a readable X.509 certificate");
    }
    if (!info.isCa || !info.isSelfIssued) throw invalid("body.pem", "must be a self-signed CA (root) certificate");
    const at = now();
    if (info.notAfter <= at) throw invalid("body.pem", "has expired");
    const check = await verifyCertificate({ certificateDer: info.der, trustedRootsDer: [info.der], at });
    if (!check.isValid) throw invalid("body.pem", "has a self-signature that does not verify");
    if (info.fingerprintSha256Hex === pki.root.info.fingerprintSha256Hex) {
      throw new AppError("CONFLICT", "This is the platform's own root, which is always trusted.");
    }
    const existing = await repository.findTrustedRootByFingerprint(prisma, info.fingerprintSha256Hex);
    if (existing && !existing.removedAt) throw new AppError("CONFLICT", "This root is already trusted.");
    return prisma.$transaction(async (tx) => {
      const row = existing
        ? await repository.restoreTrustedRoot(tx, existing.id, actor.userId, at)
        : await repository.createTrustedRoot(tx, {
            certificateDer: new Uint8Array(info.der),
            subjectDn: info.subjectDn,
            fingerprintSha256: info.fingerprintSha256Hex,
            notAfter: info.notAfter,
            addedById: actor.userId,
          });
      await recordAuditEvent(tx, {
        action: "pki.trusted_root_added",
        actor,
        target: { type: "TrustedRoot", id: row.id },
        ipAddress: actor.ipAddress,
        data: { subjectDn: row.subjectDn, fingerprintSha256: row.fingerprintSha256 },
      });
      return { id: row.id, isPlatformRoot: false, subjectDn: row.subjectDn, fingerprintSha256: row.fingerprintSha256, notAfter: row.notAfter.toISOString(), createdAt: row.createdAt.toISOString() };
    });
  }

  async function removeTrustedRoot(actor: Actor, trustedRootId: string): Promise<void> {
    await prisma.$transaction(async (tx) => {
      if (!(await repository.removeTrustedRoot(tx, trustedRootId, actor.userId, now()))) {
        throw new AppError("NOT_FOUND", "No such trusted root (the platform's own root cannot be removed).");
      }
      await recordAuditEvent(tx, {
        action: "pki.trusted_root_removed",
        actor,
        target: { type: "TrustedRoot", id: trustedRootId },
        ipAddress: actor.ipAddress,
      });
    });
  }

  // ---- organisation setting ------------------------------------------------------------------------------------

  async function updateSettings(actor: CertificateActor, body: { requireCertificateSignIn: boolean }) {
    // Turning it on from a password session could lock the representative out of everything but the certificate page.
    if (body.requireCertificateSignIn && !actor.isCertificateSession) {
      throw new AppError("CONFLICT", "Sign in with your certificate first: requiring certificate sign-in applies to you as well.");
    }
    if (!body.requireCertificateSignIn && actor.kind === "OPERATOR") {
      throw new AppError("CONFLICT", "Ops always sign in with a certificate; this cannot be turned off for the operator's organisation.");
    }
    return prisma.$transaction(async (tx) => {
      const settings = await repository.updateOrganizationSettings(tx, actor.organizationId, body);
      await recordAuditEvent(tx, {
        action: "organizations.settings_updated",
        actor,
        target: { type: "Organization", id: actor.organizationId },
        ipAddress: actor.ipAddress,
        data: body,
      });
      return settings;
    });
  }

  return {
    listMine,
    listPendingApproval,
    requestNew,
    approve,
    reject,
    cancel,
    renew,
    reissue,
    revoke,
    importCertificate,
    listTrustedRoots,
    addTrustedRoot,
    removeTrustedRoot,
    updateSettings,
  };
}

export type CertificatesService = ReturnType<typeof createCertificatesService>;
