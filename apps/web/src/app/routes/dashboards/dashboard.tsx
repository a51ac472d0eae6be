import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { DashboardPage } from "@/features/dashboard/components/dashboard-page";

/** Serves all four dashboard paths: the loader has already sent the user to the one of their organisation's kind. */
export function DashboardRoute() {
  const { data: user } = useCurrentUser();
  return user ? <DashboardPage user={user} /> : null;
}
