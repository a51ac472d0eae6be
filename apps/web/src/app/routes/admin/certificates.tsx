import { AdminCertificatesPage } from "@/features/admin-console/components/certificates-page";

export function AdminCertificatesRoute() {
  return <AdminCertificatesPage />;
}
