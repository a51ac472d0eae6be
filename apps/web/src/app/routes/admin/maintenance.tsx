import { AdminMaintenancePage } from "@/features/notices/components/admin-maintenance-page";

export function AdminMaintenanceRoute() {
  return <AdminMaintenancePage />;
}
