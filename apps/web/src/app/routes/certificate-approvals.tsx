import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { CertificateApprovalsPage } from "@/features/certificates/components/certificate-approvals-page";

/** The loader has let in only representatives and ops. */
export function CertificateApprovalsRoute() {
  const { data: user } = useCurrentUser();
  if (!user) return null;
  return <CertificateApprovalsPage isOperator={user.organization.kind === "OPERATOR"} />;
}
