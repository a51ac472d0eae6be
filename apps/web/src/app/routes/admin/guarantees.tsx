import { AdminGuaranteesPage } from "@/features/admin-console/components/records-pages";

export function AdminGuaranteesRoute() {
  return <AdminGuaranteesPage />;
}
