import { useParams } from "react-router";
import { AdminOrganizationPage } from "@/features/admin-console/components/organization-page";

/** Ops only (the loader checks). */
export function AdminOrganizationRoute() {
  const { organizationId = "" } = useParams();
  return <AdminOrganizationPage key={organizationId} organizationId={organizationId} />;
}
