import type { OrganizationUser, UpdateUserBody } from "@pwp/shared/users";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { usersQueryKey } from "./get-users";

export function updateUser({ userId, changes }: { userId: string; changes: UpdateUserBody }): Promise<OrganizationUser> {
  return request<OrganizationUser>(`/users/${encodeURIComponent(userId)}`, { method: "PATCH", body: changes });
}

/** onChanged: a deactivation also revokes delegations, which the app layer may want to refresh. */
export function useUpdateUser(onChanged?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: async () => {
      onChanged?.();
      await queryClient.invalidateQueries({ queryKey: usersQueryKey });
    },
  });
}
