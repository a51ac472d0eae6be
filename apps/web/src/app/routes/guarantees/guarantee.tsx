import { useParams } from "react-router";
import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { GuaranteeDetailPage } from "@/features/guarantees/components/guarantee-detail-page";

export function GuaranteeRoute() {
  const { guaranteeId = "" } = useParams();
  const { data: user } = useCurrentUser();
  if (!user) return null;
  // Keyed by id: moving to another guarantee starts its dialogs, key view and signing panel afresh.
  return <GuaranteeDetailPage key={guaranteeId} guaranteeId={guaranteeId} user={user} />;
}
