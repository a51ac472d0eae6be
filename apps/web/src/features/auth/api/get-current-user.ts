import type { CurrentUser } from "@pwp/shared/auth";
import { queryOptions, useQuery, type QueryClient } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { apiClient, hasAccessToken, isApiError, isCertificateSession, refreshSession, subscribeToSessionChange } from "@/lib/api-client";

/**
 * The signed-in user, or null when nobody is signed in. Without an access token in memory (a fresh page load)
 * the refresh cookie is traded for one first: that single call is the session bootstrap.
 */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  try {
    if (!hasAccessToken()) return (await refreshSession()).user;
    return await apiClient.get<CurrentUser>("/me");
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function currentUserQueryOptions() {
  return queryOptions({
    queryKey: ["auth", "current-user"],
    queryFn: getCurrentUser,
    // Sign-in, sign-out and a lost session update this entry themselves; nothing else changes who is signed in.
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** Starts the cache over for whoever is signed in now (or nobody): everything cached belonged to the one before. */
export function resetSessionCache(queryClient: QueryClient, user: CurrentUser | null): void {
  queryClient.getQueryCache().clear();
  queryClient.setQueryData(currentUserQueryOptions().queryKey, user);
}

export function useCurrentUser() {
  return useQuery(currentUserQueryOptions());
}

/** Whether this session was opened by certificate sign-in: known with the access token, not from /me. */
export function useIsCertificateSession(): boolean {
  return useSyncExternalStore(subscribeToSessionChange, isCertificateSession);
}
