import type { Session, SignInBody } from "@pwp/shared/auth";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient, setAccessToken } from "@/lib/api-client";
import { resetSessionCache } from "./get-current-user";

export async function signIn(body: SignInBody): Promise<Session> {
  // A 401 here means wrong credentials, not an expired token: never answer it with a refresh.
  const session = await apiClient.post<Session>("/auth/sign-in", body, { canRefresh: false });
  setAccessToken(session.accessToken);
  return session;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (session) => resetSessionCache(queryClient, session.user),
  });
}
