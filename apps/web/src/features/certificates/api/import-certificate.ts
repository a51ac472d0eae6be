import type { Certificate, ImportCertificateBody } from "@pwp/shared/certificates";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";
import { importPkcs12File } from "../key-workflows";
import { certificatesQueryKey } from "./get-my-certificates";

export function importCertificate(body: ImportCertificateBody): Promise<Certificate> {
  return apiClient.post<Certificate>("/certificates/import", body);
}

/** Opens the PKCS#12 file here (its key never leaves the browser) and registers only the certificate. */
export function useImportCertificate(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, password, registered }: { file: File; password: string; registered: readonly Certificate[] }) =>
      importPkcs12File({ userId, bytes: new Uint8Array(await file.arrayBuffer()), password, registered, send: importCertificate }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: certificatesQueryKey }),
  });
}
