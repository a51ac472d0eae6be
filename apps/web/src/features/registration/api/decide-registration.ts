import type { RegistrationDecisionBody, RegistrationDecisionResult } from "@pwp/shared/registration";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { adminRegistrationQueryOptions } from "./get-admin-registration";
import { adminRegistrationsQueryKey } from "./list-admin-registrations";

export function decideRegistration(organizationId: string, body: RegistrationDecisionBody): Promise<RegistrationDecisionResult> {
  return apiClient.post<RegistrationDecisionResult>(`/admin/registrations/${encodeURIComponent(organizationId)}/decision`, body);
}

export function useDecideRegistration(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RegistrationDecisionBody) => decideRegistration(organizationId, body),
    // A refused decision (409: someone else decided) also means the view on screen is out of date.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminRegistrationQueryOptions(organizationId).queryKey }),
        queryClient.invalidateQueries({ queryKey: adminRegistrationsQueryKey }),
      ]),
  });
}
