import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { PublicLayout } from "@/components/layout/public-layout";
import { FullPageSpinner } from "@/components/ui/spinner";
import { getDashboardPath, paths, readRedirectTarget } from "@/config/paths";
import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { CertificateSignInStep } from "@/features/auth/components/certificate-sign-in-step";

/** After the password: the loader has checked that this browser holds a key for one of the user's valid certificates. */
export function CertificateSignInRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { search } = useLocation();
  const { data: user } = useCurrentUser();

  if (!user) return <FullPageSpinner label={t("app.loading")} />;
  const target = readRedirectTarget(search) ?? getDashboardPath(user.organization.kind);
  return (
    <PublicLayout>
      <DocumentTitle page={t("certificateSignIn.title")} />
      <CertificateSignInStep
        user={user}
        onSignedIn={() => navigate(target, { replace: true })}
        onSkip={() => navigate(target, { replace: true })}
        onOpenCertificates={() => navigate(paths.certificates.getHref())}
      />
    </PublicLayout>
  );
}
