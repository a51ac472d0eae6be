import type { OrganizationSettings, UpdateOrganizationSettingsBody } from "@pwp/shared/certificates";
import { useMutation } from "@tanstack/react-query";
import { request } from "@/lib/api-client";

export function updateOrganizationSettings(body: UpdateOrganizationSettingsBody): Promise<OrganizationSettings> {
  return request<OrganizationSettings>("/organizations/current/settings", { method: "PATCH", body });
}

/** onSaved: the setting is part of the signed-in user's organisation, which the app layer keeps. */
export function useUpdateOrganizationSettings(onSaved: (settings: OrganizationSettings) => void) {
  return useMutation({ mutationFn: updateOrganizationSettings, onSuccess: onSaved });
}
