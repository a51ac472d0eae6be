import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { PublicLayout } from "@/components/layout/public-layout";
import { paths } from "@/config/paths";
import { useSignIn } from "@/features/auth/api/sign-in";
import { RegistrationForm, type RegistrationCredentials } from "@/features/registration/components/registration-form";

/** Public: the application form. After it is accepted the applicant is signed in and sees the status page. */
export function RegisterRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const signIn = useSignIn();
  const invitationToken = searchParams.get("invitation");

  async function signInAndFollowReview({ email, password }: RegistrationCredentials) {
    try {
      await signIn.mutateAsync({ email, password });
      await navigate(paths.registration.getHref(), { replace: true });
    } catch {
      // The application is saved; only the automatic sign-in failed (e.g. a rate limit). Sign in by hand.
      await navigate(paths.signIn.getHref(paths.registration.getHref()), { replace: true });
    }
  }

  return (
    <PublicLayout>
      <DocumentTitle page={t("registration.form.title")} />
      <div className="page-heading">
        <h1>{t("registration.form.title")}</h1>
        <p className="page-heading__lead">{t("registration.form.intro")}</p>
      </div>
      <RegistrationForm invitationToken={invitationToken} onSubmitted={signInAndFollowReview} />
      <p className="page-footer-link">
        <Link to={paths.signIn.getHref()}>{t("signIn.title")}</Link>
      </p>
    </PublicLayout>
  );
}
