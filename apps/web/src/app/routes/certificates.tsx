import { useCurrentUser, useIsCertificateSession } from "@/features/auth/api/get-current-user";
import { CertificatesPage } from "@/features/certificates/components/certificates-page";

/** Open to password-only sessions of organisations that require certificate sign-in: this is where the certificate comes from. */
export function CertificatesRoute() {
  const { data: user } = useCurrentUser();
  const isCertificateSession = useIsCertificateSession();
  if (!user) return null;
  return <CertificatesPage user={user} isPasswordOnlySession={user.organization.requireCertificateSignIn === true && !isCertificateSession} />;
}
