import type { CounterpartyDetail, UpdateCounterpartyBody } from "@pwp/shared/counterparties";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { counterpartyQueryOptions } from "./get-counterparty";
import { counterpartiesQueryKey } from "./get-counterparties";

export function updateCounterparty({ id, body }: { id: string; body: UpdateCounterpartyBody }): Promise<CounterpartyDetail> {
  return request<CounterpartyDetail>(`/counterparties/${encodeURIComponent(id)}`, { method: "PATCH", body });
}

export function useUpdateCounterparty() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCounterparty,
    onSuccess: (detail) => {
      queryClient.setQueryData(counterpartyQueryOptions(detail.id).queryKey, detail);
      return queryClient.invalidateQueries({ queryKey: counterpartiesQueryKey });
    },
  });
}
