import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { GuaranteeFormPage } from "@/features/guarantees/components/guarantee-form-page";

export function GuaranteeNewRoute() {
  const { data: user } = useCurrentUser();
  if (!user) return null;
  return <GuaranteeFormPage mode="create" user={user} />;
}
