import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { PublicLayout } from "@/components/layout/public-layout";
import { paths } from "@/config/paths";
import { VerifyGuaranteeForm } from "@/features/guarantee-verification/components/verify-guarantee-form";
import { VerifyPdfSection } from "@/features/pdf-verification/components/verify-pdf-section";

export function VerifyRoute() {
  const { t } = useTranslation();
  return (
    <PublicLayout>
      <DocumentTitle page={t("verify.title")} />
      <div className="page-heading">
        <h1>{t("verify.title")}</h1>
        <p className="lead">{t("verify.intro")}</p>
      </div>
      <VerifyGuaranteeForm />
      <VerifyPdfSection />
      <p className="page-footer-link">
        <Link to={paths.signIn.getHref()}>{t("verify.signInLink")}</Link>
      </p>
    </PublicLayout>
  );
}
