import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { trustedRootsQueryKey } from "./get-trusted-roots";

/** Certificates already registered under the root stay registered; new imports under it are refused. */
export function removeTrustedRoot(trustedRootId: string): Promise<void> {
  return request<void>(`/admin/trusted-roots/${encodeURIComponent(trustedRootId)}`, { method: "DELETE" });
}

export function useRemoveTrustedRoot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeTrustedRoot,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trustedRootsQueryKey }),
  });
}
