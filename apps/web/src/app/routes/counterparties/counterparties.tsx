import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { CounterpartiesPage } from "@/features/counterparties/components/counterparties-page";

/** The loader has let in only members of approved orderer, contractor and surety organisations. */
export function CounterpartiesRoute() {
  const { data: user } = useCurrentUser();
  return user ? <CounterpartiesPage organizationCountry={user.organization.country} /> : null;
}
