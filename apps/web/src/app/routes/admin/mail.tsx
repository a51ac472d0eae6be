import { OutboxPage } from "@/features/notifications/components/outbox-page";

export function AdminMailRoute() {
  return <OutboxPage />;
}
