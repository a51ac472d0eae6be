import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient, setAccessToken } from "@/lib/api-client";
import { resetSessionCache } from "./get-current-user";

export async function signOut(): Promise<void> {
  try {
    // Refreshing on a 401 is allowed here: an expired access token must not leave the refresh cookie alive.
    await apiClient.post<void>("/auth/sign-out");
  } finally {
    // Even if the server could not be told, this tab must stop acting for the user.
    setAccessToken(null);
  }
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSettled: () => resetSessionCache(queryClient, null),
  });
}
