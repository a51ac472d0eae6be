// Checks a signature made in a user's browser: a CMS SignedData whose digest, signature, chain (to the platform
// root or a trusted external root), validity and revocation hold at `at`, and whose signer certificate is one of
// the user's own certificates, still valid and not revoked on the platform. Certificate sign-in uses it now;
// signing contracts and guarantees will use it next.
import { verifySignedData } from "@pwp/pki/cms";
import type { DbClient } from "../../db/database.ts";
import type { PlatformPki } from "../../plugins/pki.ts";
import { AppError } from "../app-error.ts";

const PROBLEM_MESSAGES: Record<string, string> = {
  MALFORMED: "is not a CMS SignedData structure",
  DIGEST_MISMATCH: "does not sign the expected content",
  BAD_SIGNATURE: "has a signature that does not verify",
  UNTRUSTED: "is signed with a certificate that does not chain to a trusted root",
  EXPIRED: "is signed with an expired certificate",
  NOT_YET_VALID: "is signed with a certificate that is not valid yet",
  REVOKED: "is signed with a revoked certificate",
  WRONG_KEY_USAGE: "is signed with a certificate not meant for signing",
  UNSUPPORTED: "uses an algorithm the platform does not accept",
};

function refuse(field: string, problem: string): AppError {
  const message = PROBLEM_MESSAGES[problem] ?? "could not be verified";
  return new AppError("VALIDATION_FAILED", `The signature ${message}.`, { fields: [{ field, message }] });
}

/** Returns the id of the user's certificate that made the signature; throws VALIDATION_FAILED naming `field`. */
export async function identifyUserSigner(
  db: DbClient,
  pki: PlatformPki,
  input: { signedDataDer: Uint8Array; content: Uint8Array; userId: string; organizationId: string; at: Date; field: string },
): Promise<string> {
  const crl = await pki.getCurrentCrl();
  let result: Awaited<ReturnType<typeof verifySignedData>>;
  try {
    result = await verifySignedData({
      signedDataDer: input.signedDataDer,
      content: input.content,
      trustedRootsDer: await pki.listTrustedRootsDer(db),
      intermediatesDer: [pki.issuing.certificateDer],
      crlsDer: [crl.der],
      at: input.at,
      // The browser always binds its certificate (signing-certificate-v2): refuse signatures that do not.
      isSigningCertificateAttributeRequired: true,
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw refuse(input.field, typeof code === "string" ? code : "MALFORMED");
  }
  if (!result.isValid || !result.signer) throw refuse(input.field, result.problem ?? "BAD_SIGNATURE");
  return requireOwnCertificate(db, { ...input, fingerprintSha256: result.signer.fingerprintSha256Hex });
}

/**
 * The platform's own record decides too, after the cryptographic checks: a certificate revoked here (an imported
 * one has no CRL of ours) or belonging to someone else is refused even when the chain holds. Returns the id of the
 * user's certificate with this fingerprint, valid and unrevoked at `at`; throws VALIDATION_FAILED naming `field`.
 * Signed PDFs (contracts) call it with the signer certificate their verifier found.
 */
export async function requireOwnCertificate(
  db: DbClient,
  input: { fingerprintSha256: string; userId: string; organizationId: string; at: Date; field: string },
): Promise<string> {
  const certificate = await db.certificate.findFirst({
    where: {
      fingerprintSha256: input.fingerprintSha256,
      userId: input.userId,
      organizationId: input.organizationId,
    },
    select: { id: true, revokedAt: true, notBefore: true, notAfter: true },
  });
  if (!certificate) {
    throw new AppError("VALIDATION_FAILED", "The signature was not made with one of your certificates.", {
      fields: [{ field: input.field, message: "is not signed with one of your certificates" }],
    });
  }
  if (certificate.revokedAt && certificate.revokedAt <= input.at) throw refuse(input.field, "REVOKED");
  if (certificate.notAfter <= input.at) throw refuse(input.field, "EXPIRED");
  if (certificate.notBefore > input.at) throw refuse(input.field, "NOT_YET_VALID");
  return certificate.id;
}
