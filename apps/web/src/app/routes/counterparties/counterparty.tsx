import { useParams } from "react-router";
import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { CounterpartyDetailPage } from "@/features/counterparties/components/counterparty-detail-page";

export function CounterpartyRoute() {
  const { counterpartyId = "" } = useParams();
  const { data: user } = useCurrentUser();
  if (!user) return null;
  const canDelete = user.role === "REPRESENTATIVE" || user.role === "MANAGER";
  // Keyed by id: moving from one counterparty to another starts its forms afresh.
  return <CounterpartyDetailPage key={counterpartyId} id={counterpartyId} canDelete={canDelete} />;
}
