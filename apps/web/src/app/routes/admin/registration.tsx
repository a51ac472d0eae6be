import { useParams } from "react-router";
import { AdminRegistrationDetail } from "@/features/registration/components/admin-registration-detail";

/** Ops only (the loader checks). */
export function AdminRegistrationRoute() {
  const { organizationId = "" } = useParams();
  // Keyed so that moving to another application starts its decision form afresh.
  return <AdminRegistrationDetail key={organizationId} organizationId={organizationId} />;
}
