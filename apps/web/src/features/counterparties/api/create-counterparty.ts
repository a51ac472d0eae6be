import type { CreateCounterpartyBody, CreateCounterpartyResponse } from "@pwp/shared/counterparties";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { counterpartiesQueryKey } from "./get-counterparties";

export function createCounterparty(body: CreateCounterpartyBody): Promise<CreateCounterpartyResponse> {
  return apiClient.post<CreateCounterpartyResponse>("/counterparties", body);
}

export function useCreateCounterparty() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCounterparty,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: counterpartiesQueryKey }),
  });
}
