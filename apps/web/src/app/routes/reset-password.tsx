import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { PublicLayout } from "@/components/layout/public-layout";
import { paths } from "@/config/paths";
import { ResetPasswordForm } from "@/features/account/components/reset-password-form";

/** Opened from the link in the reset e-mail: /reset-password?token=… */
export function ResetPasswordRoute() {
  const { t } = useTranslation();
  const headingId = useId();
  const [searchParams] = useSearchParams();
  return (
    <PublicLayout>
      <DocumentTitle page={t("account.reset.title")} />
      <section className="panel" aria-labelledby={headingId}>
        <h1 id={headingId}>{t("account.reset.title")}</h1>
        <ResetPasswordForm
          token={searchParams.get("token")}
          signInHref={paths.signIn.getHref()}
          forgotPasswordHref={paths.forgotPassword.getHref()}
        />
      </section>
    </PublicLayout>
  );
}
