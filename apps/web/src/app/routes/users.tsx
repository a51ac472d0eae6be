import { useQueryClient } from "@tanstack/react-query";
import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { delegationsQueryKey } from "@/features/delegations/api/get-delegations";
import { UsersPage } from "@/features/users/components/users-page";

/** The loader has let in only users of approved organisations. */
export function UsersRoute() {
  const queryClient = useQueryClient();
  const { data: user } = useCurrentUser();
  // Deactivating a user revokes their delegations: the delegations page must not show them as active from cache.
  const forgetDelegations = () => void queryClient.invalidateQueries({ queryKey: delegationsQueryKey });
  return user ? <UsersPage currentUser={user} onUserChanged={forgetDelegations} /> : null;
}
