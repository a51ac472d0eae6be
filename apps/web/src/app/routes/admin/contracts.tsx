import { AdminContractsPage } from "@/features/admin-console/components/records-pages";

export function AdminContractsRoute() {
  return <AdminContractsPage />;
}
