import { useParams } from "react-router";
import { PublicLayout } from "@/components/layout/public-layout";
import { paths } from "@/config/paths";
import { AcceptInvitationPage } from "@/features/users/components/accept-invitation-page";

/** Public: the invitee has no account yet. */
export function InvitationRoute() {
  const { token = "" } = useParams();
  return (
    <PublicLayout>
      <AcceptInvitationPage token={token} signInHref={paths.signIn.getHref()} />
    </PublicLayout>
  );
}
