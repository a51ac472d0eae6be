import { COUNTRIES, ORGANIZATION_STATUSES, type OrganizationStatus } from "@pwp/shared/enums";
import { APPLICANT_KINDS, type AdminRegistrationListQuery, type ApplicantKind } from "@pwp/shared/registration";
import { formatRegistrationNumber } from "@pwp/shared/registration-number";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { isApiError } from "@/lib/api-client";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useAdminRegistrations } from "../api/list-admin-registrations";
import { StatusBadge } from "./status-badge";
import "./registration.css";

const PAGE_SIZE = 50;
const ALL = "ALL";

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

/** The filters live in the address, so a reload or a shared link shows the same page of the same queue. */
function readQuery(params: URLSearchParams): AdminRegistrationListQuery {
  const status = params.get("status") === ALL ? ALL : (pick(params.get("status"), ORGANIZATION_STATUSES) ?? "PENDING");
  const kind = pick(params.get("kind"), APPLICANT_KINDS);
  const country = pick(params.get("country"), COUNTRIES);
  const cursor = params.get("cursor") ?? undefined;
  return { status, limit: PAGE_SIZE, ...(kind ? { kind } : {}), ...(country ? { country } : {}), ...(cursor ? { cursor } : {}) };
}

/** The current search with some parameters set (a string) or removed (null). */
function searchWith(params: URLSearchParams, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    if (value) next.set(name, value);
    else next.delete(name);
  }
  return next.toString();
}

/** Ops' queue of applications: first come, first reviewed, filterable by status, kind and country. */
export function AdminRegistrationQueue() {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const list = useAdminRegistrations(query);

  function setFilter(name: "status" | "kind" | "country", value: string) {
    // New filters start from the first page.
    setParams(searchWith(params, { [name]: value || null, cursor: null }));
  }

  const statusOptions = [
    ...ORGANIZATION_STATUSES.map((status: OrganizationStatus) => ({ value: status, label: t(`registration.statuses.${status}`) })),
    { value: ALL, label: t("registration.admin.filters.all") },
  ];
  const kindOptions = [
    { value: "", label: t("registration.admin.filters.all") },
    ...APPLICANT_KINDS.map((kind: ApplicantKind) => ({ value: kind, label: t(`organizationKinds.${kind}`) })),
  ];
  const countryOptions = [
    { value: "", label: t("registration.admin.filters.all") },
    ...COUNTRIES.map((country) => ({ value: country, label: t(`countries.${country}`) })),
  ];

  return (
    <div className="registration-queue">
      <DocumentTitle page={t("registration.admin.title")} />
      <div className="page-heading">
        <h1>{t("registration.admin.title")}</h1>
        <p className="page-heading__lead">{t("registration.admin.intro")}</p>
      </div>

      <fieldset className="registration-filters">
        <legend className="visually-hidden">{t("registration.admin.filters.title")}</legend>
        <Select
          label={t("registration.admin.filters.status")}
          value={query.status ?? "PENDING"}
          options={statusOptions}
          onChange={(event) => setFilter("status", event.target.value)}
        />
        <Select
          label={t("registration.admin.filters.kind")}
          value={query.kind ?? ""}
          options={kindOptions}
          onChange={(event) => setFilter("kind", event.target.value)}
        />
        <Select
          label={t("registration.admin.filters.country")}
          value={query.country ?? ""}
          options={countryOptions}
          onChange={(event) => setFilter("country", event.target.value)}
        />
      </fieldset>

      {list.isPending && <Spinner label={t("app.loading")} />}
      {list.isError && <Alert>{isApiError(list.error, "NETWORK_ERROR") ? t("errors.network") : t("errors.unexpected")}</Alert>}
      {list.data && (
        <>
          <p role="status">{t("registration.admin.total", { count: list.data.total })}</p>
          {list.data.items.length === 0 ? (
            <p className="empty-state">{t("registration.admin.empty")}</p>
          ) : (
            <div className="registration-table-wrap">
              <table className="registration-table">
                <thead>
                  <tr>
                    <th scope="col">{t("registration.admin.columns.name")}</th>
                    <th scope="col">{t("registration.admin.columns.kind")}</th>
                    <th scope="col">{t("registration.admin.columns.registrationNumber")}</th>
                    <th scope="col">{t("registration.admin.columns.status")}</th>
                    <th scope="col">{t("registration.admin.columns.submittedAt")}</th>
                    <th scope="col">{t("registration.admin.columns.lastChangedAt")}</th>
                    <th scope="col">{t("registration.admin.columns.documentCount")}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((item) => (
                    <tr key={item.id}>
                      <td>
                        <Link to={paths.adminRegistration.getHref(item.id)} lang={item.country === "KR" ? "ko" : "ja"}>
                          {item.nameLocal}
                        </Link>
                        <span className="registration-table__latin" lang="en">
                          {item.nameLatin}
                        </span>
                      </td>
                      <td>
                        {t(`organizationKinds.${item.kind}`)}
                        <span className="registration-table__latin">{t(`countries.${item.country}`)}</span>
                      </td>
                      <td className="details__number">{formatRegistrationNumber(item.country, item.registrationNumber)}</td>
                      <td>
                        <StatusBadge status={item.status} />
                      </td>
                      <td>{formatDateTime(new Date(item.submittedAt), language)}</td>
                      <td>{formatDateTime(new Date(item.lastChangedAt), language)}</td>
                      <td>{item.documentCount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="registration-pager">
            {query.cursor ? (
              <Link to={{ search: searchWith(params, { cursor: null }) }}>
                {t("registration.admin.firstPage")}
              </Link>
            ) : (
              <span />
            )}
            {list.data.nextCursor && (
              <Link className="arrow-link" to={{ search: searchWith(params, { cursor: list.data.nextCursor }) }}>
                {t("registration.admin.nextPage")}
              </Link>
            )}
          </div>
        </>
      )}
    </div>
  );
}
