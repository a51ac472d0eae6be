import { AdminNoticesPage } from "@/features/notices/components/admin-notices-page";

export function AdminNoticesRoute() {
  return <AdminNoticesPage />;
}
