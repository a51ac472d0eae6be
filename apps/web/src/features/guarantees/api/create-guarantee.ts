import type { CreateGuaranteeBody, GuaranteeDetail } from "@pwp/shared/guarantees";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { createGuaranteeDrafts, type DraftsOutcome } from "../guarantee-form";
import { storeChangedGuarantee } from "./get-guarantee";
import { guaranteesQueryKey } from "./get-guarantees";

export function createGuarantee(body: CreateGuaranteeBody): Promise<GuaranteeDetail> {
  return request<GuaranteeDetail>("/guarantees", { method: "POST", body });
}

/** One draft per ticked kind (the API takes one kind per application), in order, stopping at the first failure. */
export function useCreateGuaranteeDrafts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (bodies: CreateGuaranteeBody[]): Promise<DraftsOutcome> => createGuaranteeDrafts(bodies, createGuarantee),
    onSuccess: async (outcome) => {
      for (const detail of outcome.created) await storeChangedGuarantee(queryClient, detail);
      if (outcome.created.length === 0) await queryClient.invalidateQueries({ queryKey: guaranteesQueryKey });
    },
  });
}
