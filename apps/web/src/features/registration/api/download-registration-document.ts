import { apiClient } from "@/lib/api-client";

/** The applicant's own document, as a Blob (the access token cannot ride on a plain link). */
export function downloadOwnRegistrationDocument(documentId: string): Promise<Blob> {
  return apiClient.getBlob(`/registration/documents/${encodeURIComponent(documentId)}`);
}

/** Any application's document, for ops. */
export function downloadAdminRegistrationDocument(organizationId: string, documentId: string): Promise<Blob> {
  return apiClient.getBlob(
    `/admin/registrations/${encodeURIComponent(organizationId)}/documents/${encodeURIComponent(documentId)}`,
  );
}
