import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { GuaranteesPage } from "@/features/guarantees/components/guarantees-page";

export function GuaranteesRoute() {
  const { data: user } = useCurrentUser();
  if (!user) return null;
  // Contractors apply and record offline guarantees; sureties review and issue.
  return <GuaranteesPage isContractor={user.organization.kind === "CONTRACTOR"} />;
}
