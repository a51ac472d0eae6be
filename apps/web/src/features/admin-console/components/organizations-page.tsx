import { COUNTRIES, ORGANIZATION_KINDS, ORGANIZATION_STATUSES } from "@pwp/shared/enums";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/select";
import { TextField } from "@/components/ui/text-field";
import { paths } from "@/config/paths";
import { useAdminOrganizations, type OrganizationFilter } from "../api/admin-console";
import "./admin-console.css";
import { PagedResults } from "./paged-results";

type FilterForm = { q: string; kind: string; country: string; status: string; suspended: string };
const EMPTY: FilterForm = { q: "", kind: "", country: "", status: "", suspended: "" };

function toFilter(form: FilterForm): OrganizationFilter {
  return {
    ...(form.q.trim() ? { q: form.q.trim() } : {}),
    ...(form.kind ? { kind: form.kind as OrganizationFilter["kind"] } : {}),
    ...(form.country ? { country: form.country as OrganizationFilter["country"] } : {}),
    ...(form.status ? { status: form.status as OrganizationFilter["status"] } : {}),
    ...(form.suspended ? { suspended: form.suspended === "true" } : {}),
  };
}

/** Ops: every organisation on the platform, searchable, each opening its users and suspension controls. */
export function AdminOrganizationsPage() {
  const { t } = useTranslation();
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const [filter, setFilter] = useState<OrganizationFilter>({});
  const list = useAdminOrganizations(filter);
  const any = { value: "", label: t("adminConsole.any") };

  function search(event: FormEvent) {
    event.preventDefault();
    setFilter(toFilter(form));
  }

  return (
    <div className="admin-organizations">
      <DocumentTitle page={t("adminConsole.organizations.title")} />
      <div className="page-heading">
        <h1>{t("adminConsole.organizations.title")}</h1>
        <p className="page-heading__lead">{t("adminConsole.organizations.intro")}</p>
      </div>
      <Card title={t("adminConsole.organizations.listTitle")}>
        <form className="admin-search" onSubmit={search} noValidate role="search">
          <TextField label={t("adminConsole.organizations.search")} value={form.q} onChange={(event) => setForm({ ...form, q: event.target.value })} />
          <Select
            label={t("adminConsole.organizations.kind")}
            value={form.kind}
            onChange={(event) => setForm({ ...form, kind: event.target.value })}
            options={[any, ...ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: t(`organizationKinds.${kind}`) }))]}
          />
          <Select
            label={t("adminConsole.organizations.country")}
            value={form.country}
            onChange={(event) => setForm({ ...form, country: event.target.value })}
            options={[any, ...COUNTRIES.map((country) => ({ value: country, label: t(`countries.${country}`) }))]}
          />
          <Select
            label={t("adminConsole.organizations.status")}
            value={form.status}
            onChange={(event) => setForm({ ...form, status: event.target.value })}
            options={[any, ...ORGANIZATION_STATUSES.map((status) => ({ value: status, label: t(`adminConsole.organizationStatuses.${status}`) }))]}
          />
          <Select
            label={t("adminConsole.organizations.suspension")}
            value={form.suspended}
            onChange={(event) => setForm({ ...form, suspended: event.target.value })}
            options={[any, { value: "true", label: t("adminConsole.suspended") }, { value: "false", label: t("adminConsole.notSuspended") }]}
          />
          <Button type="submit">{t("adminConsole.searchButton")}</Button>
        </form>
        <PagedResults query={list} isEmpty={list.data?.pages[0]?.organizations.length === 0}>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("adminConsole.organizations.name")}</th>
                  <th scope="col">{t("adminConsole.organizations.registrationNumber")}</th>
                  <th scope="col">{t("adminConsole.organizations.kind")}</th>
                  <th scope="col">{t("adminConsole.organizations.status")}</th>
                  <th scope="col">{t("adminConsole.organizations.users")}</th>
                </tr>
              </thead>
              <tbody>
                {list.data?.pages.flatMap((page) =>
                  page.organizations.map((organization) => (
                    <tr key={organization.id}>
                      <th scope="row">
                        <Link to={paths.adminOrganization.getHref(organization.id)} lang={organization.country === "KR" ? "ko" : "ja"}>
                          {organization.nameLocal}
                        </Link>
                        <div className="admin-records__muted">{organization.nameLatin}</div>
                      </th>
                      <td>{organization.registrationNumber}</td>
                      <td>
                        {t(`organizationKinds.${organization.kind}`)} · {organization.country}
                      </td>
                      <td>
                        {t(`adminConsole.organizationStatuses.${organization.status}`)}
                        {organization.suspendedAt && <span className="badge badge--suspended">{t("adminConsole.suspended")}</span>}
                      </td>
                      <td>{organization.userCount}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        </PagedResults>
      </Card>
    </div>
  );
}
