import type { PasswordResetRequestBody, PasswordResetRequested } from "@pwp/shared/users";
import { useMutation } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

export function requestPasswordReset(body: PasswordResetRequestBody): Promise<PasswordResetRequested> {
  return apiClient.post<PasswordResetRequested>("/auth/password-reset", body, { canRefresh: false });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}
