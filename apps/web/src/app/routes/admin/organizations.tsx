import { AdminOrganizationsPage } from "@/features/admin-console/components/organizations-page";

export function AdminOrganizationsRoute() {
  return <AdminOrganizationsPage />;
}
