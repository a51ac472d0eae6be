import type { RegistrationView } from "@pwp/shared/registration";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { ownRegistrationQueryOptions } from "./get-own-registration";

export type AddRegistrationDocumentsInput = { documents: readonly File[]; message: string };

/** While on hold this is the answer that puts the application back in the queue; while pending it adds files. */
export function addRegistrationDocuments({ documents, message }: AddRegistrationDocumentsInput): Promise<RegistrationView> {
  const form = new FormData();
  if (message.trim() !== "") form.append("message", message);
  for (const document of documents) form.append("documents", document, document.name);
  return apiClient.post<RegistrationView>("/registration/documents", form);
}

export function useAddRegistrationDocuments() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addRegistrationDocuments,
    onSuccess: (view) => queryClient.setQueryData(ownRegistrationQueryOptions().queryKey, view),
  });
}
