import type { PasswordResetConfirmBody } from "@pwp/shared/users";
import { useMutation } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

export function confirmPasswordReset(body: PasswordResetConfirmBody): Promise<void> {
  return apiClient.post<void>("/auth/password-reset/confirm", body, { canRefresh: false });
}

export function useConfirmPasswordReset() {
  return useMutation({ mutationFn: confirmPasswordReset });
}
