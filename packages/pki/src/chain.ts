// Certificate path validation for the platform's own small PKI (root → issuing CA → end entity) and for imported
// certificates: path building by name and signature, validity at a given time (a signature is judged at the
// time it was made, not now), CA constraints, key usage, and revocation from CRLs. Written by hand rather than
// with pkijs's CertificateChainValidationEngine so every failure maps to one clear PkiError code.
import type * as pkijs from "pkijs";
import { isEqualBytes, sha256, toBytes, toHex } from "./encoding.ts";
import { PkiError, type PkiErrorCode } from "./errors.ts";
import { OID, describeCertificate, loadCertificate, type CertificateInfo } from "./certificate.ts";
import { loadCrl, parseCrl, verifyCrlSignature, type RevocationReason } from "./crl.ts";

export type VerifyCertificateInput = {
  certificateDer: Uint8Array;
  /** Candidate intermediates, in any order; extra ones are ignored. */
  intermediatesDer?: Uint8Array[];
  trustedRootsDer: Uint8Array[];
  /** The time to judge validity and revocation at (the signing time or time-stamp for a signature). */
  at: Date;
  /** CRLs of any issuer in the chain; each is used only if its signature verifies with that issuer's key. */
  crlsDer?: Uint8Array[];
  /** An EKU OID the end-entity certificate must list, e.g. timeStamping for a TSA. */
  requiredExtendedKeyUsage?: string;
};

export type VerifyCertificateResult = {
  isValid: boolean;
  problem?: PkiErrorCode;
  /** A sentence for logs and error messages. */
  detail?: string;
  revokedAt?: Date;
  revocationReason?: RevocationReason;
  /** End entity first, then issuers up to the trusted root (as far as a path was built). */
  chain: CertificateInfo[];
};

/** Extensions we understand; any other extension marked critical makes the certificate unusable (RFC 5280 4.2). */
const UNDERSTOOD_EXTENSIONS = new Set<string>([
  OID.basicConstraints,
  OID.keyUsage,
  OID.extKeyUsage,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
  OID.crlDistributionPoints,
  "2.5.29.17", // subjectAltName
  "2.5.29.18", // issuerAltName
  "2.5.29.32", // certificatePolicies: we require no policy, so reading none is the RFC 5280 "any-policy" outcome
  "1.3.6.1.5.5.7.1.1", // authorityInfoAccess
]);

const MAX_PATH_LENGTH = 8;

type Loaded = { der: Uint8Array; certificate: pkijs.Certificate; info: CertificateInfo };

async function load(der: Uint8Array): Promise<Loaded> {
  const certificate = loadCertificate(der);
  const info = { ...describeCertificate(certificate, der), fingerprintSha256Hex: toHex(await sha256(der)) };
  return { der: toBytes(der), certificate, info };
}

async function loadAll(ders: Uint8Array[]): Promise<Loaded[]> {
  const loaded: Loaded[] = [];
  for (const der of ders) {
    try {
      loaded.push(await load(der));
    } catch (error) {
      // Junk among the optional intermediates must not stop verification; it simply cannot be used.
      if (!(error instanceof PkiError)) throw error;
    }
  }
  return loaded;
}

/** Signature of `child` by `issuer`'s key, with the encoding checks pkijs skips. */
async function isSignedBy(child: pkijs.Certificate, issuer: pkijs.Certificate): Promise<boolean> {
  if (child.signatureValue.valueBlock.unusedBits !== 0) return false;
  // RFC 5280 4.1.1.2: the outer and the signed algorithm identifiers must match.
  if (!child.signature.isEqual(child.signatureAlgorithm)) return false;
  try {
    return await child.verify(issuer);
  } catch {
    return false;
  }
}

function isKeyIdCompatible(child: CertificateInfo, issuer: CertificateInfo): boolean {
  return !child.authorityKeyIdentifierHex || !issuer.subjectKeyIdentifierHex || child.authorityKeyIdentifierHex === issuer.subjectKeyIdentifierHex;
}

type PathResult = { path: Loaded[]; problem?: PkiErrorCode; detail?: string };

async function buildPath(leaf: Loaded, intermediates: Loaded[], roots: Loaded[]): Promise<PathResult> {
  const path = [leaf];
  // A trusted root presented as the certificate to check is trusted as it is.
  if (roots.some((root) => isEqualBytes(root.der, leaf.der))) return { path };
  let current = leaf;
  let hasNameMatch = false;
  while (path.length <= MAX_PATH_LENGTH) {
    const byName = (candidate: Loaded) =>
      candidate.certificate.subject.isEqual(current.certificate.issuer) && isKeyIdCompatible(current.info, candidate.info);
    for (const root of roots.filter(byName)) {
      hasNameMatch = true;
      if (await isSignedBy(current.certificate, root.certificate)) return { path: [...path, root] };
    }
    let next: Loaded | undefined;
    for (const candidate of intermediates.filter(byName)) {
      hasNameMatch = true;
      if (path.some((inPath) => isEqualBytes(inPath.der, candidate.der))) continue;
      if (await isSignedBy(current.certificate, candidate.certificate)) {
        next = candidate;
        break;
      }
    }
    if (!next) {
      return hasNameMatch
        ? { path, problem: "BAD_SIGNATURE", detail: `The signature on ${current.info.subjectDn} does not verify with any certificate named ${current.info.issuerDn}` }
        : { path, problem: "UNTRUSTED", detail: `No trusted root or intermediate certificate named ${current.info.issuerDn}` };
    }
    path.push(next);
    current = next;
    hasNameMatch = false;
  }
  return { path, problem: "UNTRUSTED", detail: "The certificate path is too long" };
}

function checkConstraints(path: Loaded[]): { problem: PkiErrorCode; detail: string } | undefined {
  for (const { certificate, info } of path) {
    const unknown = (certificate.extensions ?? []).find((extension) => extension.critical && !UNDERSTOOD_EXTENSIONS.has(extension.extnID));
    if (unknown) return { problem: "UNTRUSTED", detail: `${info.subjectDn} has an unsupported critical extension ${unknown.extnID}` };
  }
  // Every issuer must be a CA allowed to sign certificates, within the path length its issuers allow.
  for (let index = 1; index < path.length; index++) {
    const issuer = (path[index] as Loaded).info;
    if (!issuer.isCa) return { problem: "WRONG_KEY_USAGE", detail: `${issuer.subjectDn} is not a CA certificate` };
    if (issuer.keyUsage.length > 0 && !issuer.keyUsage.includes("keyCertSign")) {
      return { problem: "WRONG_KEY_USAGE", detail: `${issuer.subjectDn} may not sign certificates` };
    }
    // CA certificates below this one, not counting the end entity or self-issued ones (RFC 5280 6.1.4 (l)).
    const casBelow = path.slice(1, index).filter((entry) => !entry.info.isSelfIssued).length;
    if (issuer.pathLength !== undefined && casBelow > issuer.pathLength) {
      return { problem: "UNTRUSTED", detail: `${issuer.subjectDn} allows at most ${issuer.pathLength} CA certificates below it` };
    }
  }
  return undefined;
}

function checkValidity(path: Loaded[], at: Date): { problem: PkiErrorCode; detail: string } | undefined {
  for (const { info } of path) {
    if (at.getTime() < info.notBefore.getTime()) {
      return { problem: "NOT_YET_VALID", detail: `${info.subjectDn} is valid only from ${info.notBefore.toISOString()} (checked at ${at.toISOString()})` };
    }
    if (at.getTime() > info.notAfter.getTime()) {
      return { problem: "EXPIRED", detail: `${info.subjectDn} expired at ${info.notAfter.toISOString()} (checked at ${at.toISOString()})` };
    }
  }
  return undefined;
}

type CrlEntry = { der: Uint8Array; issuer: pkijs.RelativeDistinguishedNames };

/** The revocation of path[index] by a CRL of its issuer path[index + 1] dated no later than `at`, if any. */
async function findRevocation(path: Loaded[], index: number, crls: CrlEntry[], at: Date): Promise<{ revokedAt: Date; reason: RevocationReason } | undefined> {
  const subject = path[index] as Loaded;
  const issuer = path[index + 1] as Loaded;
  for (const crl of crls) {
    if (!crl.issuer.isEqual(issuer.certificate.subject)) continue;
    if (!(await verifyCrlSignature(crl.der, issuer.der))) continue;
    const parsed = await parseCrl(crl.der);
    const entry = parsed.revoked.find((revoked) => revoked.serialNumberHex === subject.info.serialNumberHex);
    if (entry && entry.revokedAt.getTime() <= at.getTime()) return { revokedAt: entry.revokedAt, reason: entry.reason };
  }
  return undefined;
}

/**
 * Is this certificate valid at `at`, through a path to one of the trusted roots? Garbage as the certificate gives
 * problem MALFORMED; garbage among intermediates or CRLs is skipped. A CRL's own freshness (nextUpdate) is not
 * judged here: the caller supplies the CRLs it trusts to be current. A certificate revoked after `at` is not
 * REVOKED, so a signature made before a revocation stays valid.
 */
export async function verifyCertificate(input: VerifyCertificateInput): Promise<VerifyCertificateResult> {
  // An Invalid Date compares false both ways and would pass every validity check.
  if (!(input.at instanceof Date) || Number.isNaN(input.at.getTime())) throw new TypeError("`at` must be a valid Date");
  let leaf: Loaded;
  try {
    leaf = await load(input.certificateDer);
  } catch (error) {
    if (error instanceof PkiError) return { isValid: false, problem: "MALFORMED", detail: error.message, chain: [] };
    throw error;
  }
  const roots = await loadAll(input.trustedRootsDer);
  const intermediates = await loadAll(input.intermediatesDer ?? []);
  const fail = (path: Loaded[], problem: PkiErrorCode, detail: string, extra: Partial<VerifyCertificateResult> = {}): VerifyCertificateResult => ({
    isValid: false,
    problem,
    detail,
    ...extra,
    chain: path.map((entry) => entry.info),
  });

  const built = await buildPath(leaf, intermediates, roots);
  if (built.problem) return fail(built.path, built.problem, built.detail ?? built.problem);
  const path = built.path;

  const constraintProblem = checkConstraints(path);
  if (constraintProblem) return fail(path, constraintProblem.problem, constraintProblem.detail);

  const validityProblem = checkValidity(path, input.at);
  if (validityProblem) return fail(path, validityProblem.problem, validityProblem.detail);

  if (input.requiredExtendedKeyUsage && !leaf.info.extendedKeyUsage.includes(input.requiredExtendedKeyUsage)) {
    return fail(path, "WRONG_KEY_USAGE", `${leaf.info.subjectDn} lacks the extended key usage ${input.requiredExtendedKeyUsage}`);
  }

  const crls: CrlEntry[] = [];
  for (const der of input.crlsDer ?? []) {
    try {
      crls.push({ der, issuer: loadCrl(der).issuer });
    } catch (error) {
      if (!(error instanceof PkiError)) throw error;
    }
  }
  if (crls.length > 0) {
    for (let index = 0; index < path.length - 1; index++) {
      const revocation = await findRevocation(path, index, crls, input.at);
      if (revocation) {
        const revoked = (path[index] as Loaded).info;
        return fail(path, "REVOKED", `${revoked.subjectDn} (serial ${revoked.serialNumberHex}) was revoked at ${revocation.revokedAt.toISOString()}`, {
          revokedAt: revocation.revokedAt,
          revocationReason: revocation.reason,
        });
      }
    }
  }
  return { isValid: true, chain: path.map((entry) => entry.info) };
}
