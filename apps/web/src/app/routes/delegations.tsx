import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { signInCertificatesQueryOptions } from "@/features/auth/api/get-sign-in-certificates";
import { DelegationsPage } from "@/features/delegations/components/delegations-page";
import { useUsers } from "@/features/users/api/get-users";

/**
 * The loader has let in only users of approved organisations. The agent list comes from the users feature; the
 * certificates that can sign (valid, key in this browser) from the auth feature, which finds them for certificate
 * sign-in by the same rule.
 */
export function DelegationsRoute() {
  const { data: user } = useCurrentUser();
  const users = useUsers();
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = users;
  const signers = useQuery({ ...signInCertificatesQueryOptions(user?.id ?? ""), enabled: user !== undefined });

  // The agent select needs every user; organisations rarely have more than one page of them.
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (!user) return null;
  const candidates = users.data?.pages.flatMap((page) => page.users);
  return <DelegationsPage currentUser={user} candidates={candidates} signers={signers.data} hasSignersError={signers.isError} />;
}
