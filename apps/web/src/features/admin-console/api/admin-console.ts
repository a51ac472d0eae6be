import type {
  AdminCertificateList,
  AdminCertificateQuery,
  AdminContractList,
  AdminContractQuery,
  AdminGuaranteeList,
  AdminGuaranteeQuery,
  AdminOrganization,
  AdminOrganizationDetail,
  AdminOrganizationList,
  AdminOrganizationQuery,
  AdminUser,
  CrlStatus,
  SystemStatus,
} from "@pwp/shared/admin-console";
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiClient } from "@/lib/api-client";

/** Only the parameters that are set: an empty filter means "any". */
function toQueryString(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** A newest-first (or oldest-first) list paged by the API's cursor, shown with "show more". */
function usePagedList<Page extends { nextCursor: string | null }>(name: string, path: string, filter: Record<string, string | number | boolean | undefined>) {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: ["admin", name, path, filter],
      queryFn: ({ signal, pageParam }) => apiClient.get<Page>(`${path}${toQueryString({ ...filter, cursor: pageParam || undefined })}`, { signal }),
      initialPageParam: "",
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    }),
  );
}

export function useSystemStatus() {
  return useQuery(
    queryOptions({
      queryKey: ["admin", "status"],
      queryFn: ({ signal }) => apiClient.get<SystemStatus>("/admin/status", { signal }),
      refetchInterval: 30_000,
    }),
  );
}

export type OrganizationFilter = Omit<AdminOrganizationQuery, "cursor" | "limit">;
/** Every page of every filter of the organisations list starts with this. */
const organizationsQueryKeyPrefix = ["admin", "organizations"] as const;
export const useAdminOrganizations = (filter: OrganizationFilter) => usePagedList<AdminOrganizationList>("organizations", "/admin/organizations", filter);

const organizationQueryKey = (organizationId: string) => ["admin", "organization", organizationId] as const;

export function useAdminOrganization(organizationId: string) {
  return useQuery(
    queryOptions({
      queryKey: organizationQueryKey(organizationId),
      queryFn: ({ signal }) => apiClient.get<AdminOrganizationDetail>(`/admin/organizations/${encodeURIComponent(organizationId)}`, { signal }),
    }),
  );
}

type SuspensionTarget = { kind: "organization" | "user"; id: string; action: "suspension" | "reactivation"; reason: string };

/** Suspends or reactivates an organisation or one of its users; the organisation's page is read again after. */
export function useChangeSuspension(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, id, action, reason }: SuspensionTarget) =>
      apiClient.post<AdminOrganization | AdminUser>(`/admin/${kind === "organization" ? "organizations" : "users"}/${encodeURIComponent(id)}/${action}`, { reason }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: organizationQueryKey(organizationId) }),
        queryClient.invalidateQueries({ queryKey: organizationsQueryKeyPrefix }),
      ]);
    },
  });
}

export type CertificateFilter = Omit<AdminCertificateQuery, "cursor" | "limit">;
export const useAdminCertificates = (filter: CertificateFilter) => usePagedList<AdminCertificateList>("certificates", "/admin/certificates", filter);

export type ContractFilter = Omit<AdminContractQuery, "cursor" | "limit">;
export const useAdminContracts = (filter: ContractFilter) => usePagedList<AdminContractList>("contracts", "/admin/contracts", filter);

export type GuaranteeFilter = Omit<AdminGuaranteeQuery, "cursor" | "limit">;
export const useAdminGuarantees = (filter: GuaranteeFilter) => usePagedList<AdminGuaranteeList>("guarantees", "/admin/guarantees", filter);

const crlQueryKey = ["admin", "crl"] as const;

export function useCrlStatus() {
  return useQuery(queryOptions({ queryKey: crlQueryKey, queryFn: ({ signal }) => apiClient.get<CrlStatus>("/admin/crl", { signal }) }));
}

export function usePublishCrl() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiClient.post<CrlStatus>("/admin/crl/publication"),
    onSuccess: (status) => queryClient.setQueryData(crlQueryKey, status),
  });
}
