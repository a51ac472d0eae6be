import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { ContractsPage } from "@/features/contracts/components/contracts-page";

export function ContractsRoute() {
  const { data: user } = useCurrentUser();
  if (!user) return null;
  // Orderers draft contracts; contractors receive them.
  return <ContractsPage canCreate={user.organization.kind === "ORDERER"} />;
}
