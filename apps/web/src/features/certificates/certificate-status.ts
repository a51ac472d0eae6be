// The status shown for a certificate: the server's (valid, not yet valid, expired, revoked), with "expiring" for
// a valid certificate in its renewal window, so the holder sees in time that it needs renewing.
import { RENEWAL_WINDOW_DAYS, type Certificate } from "@pwp/shared/certificates";

export type DisplayedCertificateStatus = "VALID" | "EXPIRING" | "NOT_YET_VALID" | "EXPIRED" | "REVOKED";

const DAY_MS = 24 * 60 * 60 * 1000;

export function displayedStatusOf(certificate: Pick<Certificate, "status" | "notAfter">, now: Date): DisplayedCertificateStatus {
  if (certificate.status !== "VALID") return certificate.status;
  const remaining = new Date(certificate.notAfter).getTime() - now.getTime();
  return remaining <= RENEWAL_WINDOW_DAYS * DAY_MS ? "EXPIRING" : "VALID";
}

/** Where a renewal leads: a year past the old expiry (CERTIFICATE_VALIDITY_YEARS, as the server counts it). */
export function renewedUntilOf(certificate: Pick<Certificate, "notAfter">, years: number): Date {
  const until = new Date(certificate.notAfter);
  until.setUTCFullYear(until.getUTCFullYear() + years);
  return until;
}
