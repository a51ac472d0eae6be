// Ops always sign in with a certificate, so the first one cannot come from an approval (who would approve it?): the
// platform issues it directly to a PKCS#12 file the ops user imports into their browser once. The demo seed does
// this for ops@demo.test; `pnpm ops:certificate` does it for a real ops user.
import { exportPkcs12 } from "@pwp/pki/pkcs12-export";
import type { DbClient } from "../../db/database.ts";
import { recordAuditEvent } from "../audit.ts";
import { issueUserCertificateDirectly } from "./demo-certificates.ts";
import type { PlatformCas } from "./platform-ca.ts";

export async function issueCertificateFile(
  db: DbClient,
  cas: PlatformCas,
  options: { userId: string; now: Date; password: string; crlUrl: string },
): Promise<{ certificateId: string; pkcs12: Uint8Array }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: options.userId }, select: { organizationId: true, organization: { select: { kind: true } } } });
  if (user.organization.kind !== "OPERATOR") throw new Error("Certificate files are issued to ops users only; everyone else requests one in the browser.");
  // Extractable only for the moment of writing the file: the browser imports it non-extractable.
  const keyPair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const issued = await issueUserCertificateDirectly(db, cas, { userId: options.userId, now: options.now, keyPair, crlUrl: options.crlUrl });
  const pkcs12 = await exportPkcs12({
    privateKey: keyPair.privateKey,
    certificateDer: issued.certificateDer,
    chainDer: [cas.issuing.certificateDer, cas.root.certificateDer],
    password: options.password,
  });
  // Issued by the platform itself (the seed or the command line), not by a person signed in.
  await recordAuditEvent(db, {
    action: "certificates.issued_to_file",
    target: { type: "Certificate", id: issued.certificateId },
    data: { userId: options.userId, organizationId: user.organizationId },
  });
  return { certificateId: issued.certificateId, pkcs12 };
}
