import type { RegistrationApplication, RegistrationCreated } from "@pwp/shared/registration";
import { useMutation } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

export type SubmitRegistrationInput = { application: RegistrationApplication; documents: readonly File[] };

/** multipart/form-data: the application as JSON in `application`, each file in `documents`. */
export function submitRegistration({ application, documents }: SubmitRegistrationInput): Promise<RegistrationCreated> {
  const form = new FormData();
  form.append("application", JSON.stringify(application));
  for (const document of documents) form.append("documents", document, document.name);
  // Public: nobody is signed in yet, so a 401 can only be the server's own answer.
  return apiClient.post<RegistrationCreated>("/registrations", form, { canRefresh: false });
}

export function useSubmitRegistration() {
  return useMutation({ mutationFn: submitRegistration });
}
