import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { PublicLayout } from "@/components/layout/public-layout";
import { getDashboardPath, paths, readRedirectTarget } from "@/config/paths";
import { hasCertificateKey } from "@/features/auth/api/get-sign-in-certificates";
import { SignInForm } from "@/features/auth/components/sign-in-form";
import { SiteNotices } from "@/features/notices/components/site-notices";

export function SignInRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { search } = useLocation();
  const headingId = useId();
  const verifyHeadingId = useId();

  return (
    <PublicLayout>
      <DocumentTitle page={t("signIn.title")} />
      <SiteNotices isSignedIn={false} />
      <div className="sign-in">
        <section className="panel sign-in__panel" aria-labelledby={headingId}>
          <h1 id={headingId}>{t("signIn.title")}</h1>
          <p className="lead">{t("signIn.intro")}</p>
          <SignInForm
            onSignedIn={async (session) => {
              const target = readRedirectTarget(search) ?? getDashboardPath(session.user.organization.kind);
              // A key for a certificate in this browser: offer the second step. Without one, where the organisation
              // requires it, the dashboard's loader sends the user to the certificate page.
              const hasKey = await hasCertificateKey(session.user.id);
              await navigate(hasKey ? paths.certificateSignIn.getHref(target) : target, { replace: true });
            }}
          />
          <p className="sign-in__forgot">
            <Link to={paths.forgotPassword.getHref()}>{t("account.forgot.link")}</Link>
          </p>
          <p className="sign-in__register">
            {t("registration.applyPrompt")} <Link to={paths.register.getHref()}>{t("registration.applyLink")}</Link>
          </p>
        </section>
        <aside className="panel panel--subtle sign-in__aside" aria-labelledby={verifyHeadingId}>
          <h2 id={verifyHeadingId}>{t("signIn.verifyTitle")}</h2>
          <p>{t("signIn.verifyText")}</p>
          <Link className="arrow-link" to={paths.verify.getHref()}>
            {t("signIn.verifyLink")}
          </Link>
        </aside>
      </div>
    </PublicLayout>
  );
}
