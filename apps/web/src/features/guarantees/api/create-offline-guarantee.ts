import type { GuaranteeDetail, OfflineGuaranteeData } from "@pwp/shared/guarantees";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { storeChangedGuarantee } from "./get-guarantee";

/** A guarantee issued outside the platform: its metadata as JSON in "data", the scan or PDF in "file". */
export function createOfflineGuarantee({ data, file }: { data: OfflineGuaranteeData; file: File }): Promise<GuaranteeDetail> {
  const form = new FormData();
  form.append("data", JSON.stringify(data));
  form.append("file", file, file.name);
  return request<GuaranteeDetail>("/guarantees/offline", { method: "POST", body: form });
}

export function useCreateOfflineGuarantee() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createOfflineGuarantee, onSuccess: (detail) => storeChangedGuarantee(queryClient, detail) });
}
