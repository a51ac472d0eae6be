import { CURRENCY_BY_COUNTRY } from "@pwp/shared/contracts";
import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { ContractFormPage } from "@/features/contracts/components/contract-form-page";

export function ContractNewRoute() {
  const { data: user } = useCurrentUser();
  if (!user) return null;
  // The amount is in the orderer's currency: won for Korean agencies, yen for Japanese ones.
  return <ContractFormPage mode="create" currency={CURRENCY_BY_COUNTRY[user.organization.country]} />;
}
