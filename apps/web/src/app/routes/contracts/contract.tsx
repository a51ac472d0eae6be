import { useParams } from "react-router";
import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { ContractDetailPage } from "@/features/contracts/components/contract-detail-page";

export function ContractRoute() {
  const { contractId = "" } = useParams();
  const { data: user } = useCurrentUser();
  if (!user) return null;
  // Keyed by id: moving to another contract starts its dialogs and signing panel afresh.
  return <ContractDetailPage key={contractId} contractId={contractId} user={user} />;
}
