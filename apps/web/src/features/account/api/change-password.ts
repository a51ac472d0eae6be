import type { ChangePasswordBody } from "@pwp/shared/users";
import { useMutation } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

/** The server ends every session of the user on success (see users.service.ts); the caller signs in again. */
export function changePassword(body: ChangePasswordBody): Promise<void> {
  return apiClient.post<void>("/me/password", body);
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
