import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { DashboardPage } from "@/features/dashboard/components/dashboard-page";
import { RegistrationQueueCard } from "@/features/registration/components/registration-queue-card";

/** Serves all four dashboard paths: the loader has already sent the user to the one of their organisation's kind. */
export function DashboardRoute() {
  const { data: user } = useCurrentUser();
  if (!user) return null;
  // Operators see the registration queue's summary in place of its empty-state card.
  const sectionCards = user.organization.kind === "OPERATOR" ? { opsRegistrations: <RegistrationQueueCard /> } : {};
  return <DashboardPage user={user} sectionCards={sectionCards} />;
}
