import { useTranslation } from "react-i18next";
import { DocumentTitle } from "@/components/document-title";
import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { useSignIn } from "@/features/auth/api/sign-in";
import { ChangePasswordForm } from "@/features/account/components/change-password-form";
import { NotificationPreferencesCard } from "@/features/notifications/components/notification-preferences-card";

export function AccountRoute() {
  const { t } = useTranslation();
  const { data: user } = useCurrentUser();
  const signIn = useSignIn();
  if (!user) return null;

  return (
    <div className="account-page">
      <DocumentTitle page={t("account.title")} />
      <div className="page-heading">
        <h1>{t("account.title")}</h1>
        <p className="page-heading__lead">{t("account.intro")}</p>
      </div>
      <ChangePasswordForm
        // Changing the password ended every session, this tab's included: a fresh sign-in keeps the person here.
        onPasswordChanged={async (newPassword) => {
          await signIn.mutateAsync({ email: user.email, password: newPassword });
        }}
      />
      <NotificationPreferencesCard />
    </div>
  );
}
