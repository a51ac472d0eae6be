import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { OfflineGuaranteeFormPage } from "@/features/guarantees/components/offline-guarantee-form-page";

export function OfflineGuaranteeNewRoute() {
  const { data: user } = useCurrentUser();
  if (!user) return null;
  return <OfflineGuaranteeFormPage user={user} />;
}
