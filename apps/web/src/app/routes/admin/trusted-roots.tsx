import { TrustedRootsPage } from "@/features/trusted-roots/components/trusted-roots-page";

export function AdminTrustedRootsRoute() {
  return <TrustedRootsPage />;
}
