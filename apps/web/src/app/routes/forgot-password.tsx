import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { PublicLayout } from "@/components/layout/public-layout";
import { paths } from "@/config/paths";
import { ForgotPasswordForm } from "@/features/account/components/forgot-password-form";

export function ForgotPasswordRoute() {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <PublicLayout>
      <DocumentTitle page={t("account.forgot.title")} />
      <section className="panel" aria-labelledby={headingId}>
        <h1 id={headingId}>{t("account.forgot.title")}</h1>
        <p className="lead">{t("account.forgot.intro")}</p>
        <ForgotPasswordForm />
        <p>
          <Link className="arrow-link" to={paths.signIn.getHref()}>
            {t("account.forgot.backToSignIn")}
          </Link>
        </p>
      </section>
    </PublicLayout>
  );
}
