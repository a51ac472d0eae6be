import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { getDashboardPath } from "@/config/paths";
import { resetSessionCache } from "@/features/auth/api/get-current-user";
import { RegistrationStatusPage } from "@/features/registration/components/registration-status-page";
import { refreshSession } from "@/lib/api-client";

/** Any signed-in applicant, whatever the status: approved organisations keep their history here. */
export function RegistrationStatusRoute() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [isGoingToDashboard, setIsGoingToDashboard] = useState(false);

  async function goToDashboard() {
    setIsGoingToDashboard(true);
    try {
      // The access token still says what the status was at sign-in; a refresh picks up the approval.
      const session = await refreshSession();
      resetSessionCache(queryClient, session.user);
      await navigate(getDashboardPath(session.user.organization.kind));
    } catch {
      // A lost session is handled by the api client's session-end listener (back to sign-in); anything else
      // leaves the user here to try again.
    } finally {
      setIsGoingToDashboard(false);
    }
  }

  return <RegistrationStatusPage onGoToDashboard={() => void goToDashboard()} isGoingToDashboard={isGoingToDashboard} />;
}
