import { AdminRegistrationQueue } from "@/features/registration/components/admin-registration-queue";

/** Ops only (the loader checks). */
export function AdminRegistrationsRoute() {
  return <AdminRegistrationQueue />;
}
