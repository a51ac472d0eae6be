import { useTranslation } from "react-i18next";
import { Outlet, useNavigate } from "react-router";
import { AppShell } from "@/components/layout/app-shell";
import { FullPageSpinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { useCurrentUser, useIsCertificateSession } from "@/features/auth/api/get-current-user";
import { useSignOut } from "@/features/auth/api/sign-out";

export function DashboardLayoutRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: user } = useCurrentUser();
  const isCertificateSession = useIsCertificateSession();
  const signOut = useSignOut();

  // The loader let us in with a user; none here means the session just ended and a redirect is on its way.
  if (!user) return <FullPageSpinner label={t("app.loading")} />;

  return (
    <AppShell
      user={user}
      isCertificateSession={isCertificateSession}
      isSigningOut={signOut.isPending}
      onSignOut={() => signOut.mutate(undefined, { onSettled: () => navigate(paths.signIn.getHref(), { replace: true }) })}
    >
      <Outlet />
    </AppShell>
  );
}
