import type { AddTrustedRootBody, TrustedRoot } from "@pwp/shared/certificates";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { trustedRootsQueryKey } from "./get-trusted-roots";

export function addTrustedRoot(body: AddTrustedRootBody): Promise<TrustedRoot> {
  return apiClient.post<TrustedRoot>("/admin/trusted-roots", body);
}

export function useAddTrustedRoot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addTrustedRoot,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trustedRootsQueryKey }),
  });
}
