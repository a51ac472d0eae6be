import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { PublicLayout } from "@/components/layout/public-layout";
import { paths } from "@/config/paths";
import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { GuaranteeLookup } from "@/features/guarantee-verification/components/guarantee-lookup";
import { readPrefilledGuaranteeNumber } from "@/features/guarantee-verification/lookup-input";
import { VerifyPdfSection } from "@/features/pdf-verification/components/verify-pdf-section";

export function VerifyRoute() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  // Restored by the route's loader when a session cookie exists; null for a visitor without an account.
  const { data: user } = useCurrentUser();
  return (
    <PublicLayout>
      <DocumentTitle page={t("verify.title")} />
      <div className="page-heading">
        <h1>{t("verify.title")}</h1>
        <p className="lead">{t("verify.intro")}</p>
      </div>
      <GuaranteeLookup initialGuaranteeNumber={readPrefilledGuaranteeNumber(searchParams)} isSignedIn={Boolean(user)} />
      <VerifyPdfSection />
      <p className="page-footer-link">
        <Link to={paths.signIn.getHref()}>{t("verify.signInLink")}</Link>
      </p>
    </PublicLayout>
  );
}
