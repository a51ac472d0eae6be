import { formatAmount, type AmountLocale } from "@pwp/shared/amounts";
import { CONTRACT_STATUSES, type Currency } from "@pwp/shared/contracts";
import { GUARANTEE_STATUSES } from "@pwp/shared/guarantees";
import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { DocumentTitle } from "@/components/document-title";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select, type SelectOption } from "@/components/ui/select";
import { TextField } from "@/components/ui/text-field";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useAdminContracts, useAdminGuarantees } from "../api/admin-console";
import "./admin-console.css";
import { PagedResults } from "./paged-results";

/** The search of a records page: free text and a status, applied on submit. */
function useRecordSearch<Status extends string>() {
  const [q, setQ] = useState("");
  const [status, setStatus] = useState("");
  const [filter, setFilter] = useState<{ q?: string; status?: Status }>({});
  return {
    q,
    setQ,
    status,
    setStatus,
    filter,
    submit(event: FormEvent) {
      event.preventDefault();
      setFilter({ ...(q.trim() ? { q: q.trim() } : {}), ...(status ? { status: status as Status } : {}) });
    },
  };
}

type RecordSearch = Omit<ReturnType<typeof useRecordSearch>, "filter">;

/** A read-only records page: heading, the search (text and status) and the list under it. */
function RecordsPage(props: { area: "contracts" | "guarantees"; search: RecordSearch; statusOptions: readonly SelectOption[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { area, search } = props;
  return (
    <div className={`admin-${area}`}>
      <DocumentTitle page={t(`adminConsole.${area}.title`)} />
      <div className="page-heading">
        <h1>{t(`adminConsole.${area}.title`)}</h1>
        <p className="page-heading__lead">{t("adminConsole.readOnlyIntro")}</p>
      </div>
      <Card title={t(`adminConsole.${area}.listTitle`)}>
        <form className="admin-search" onSubmit={search.submit} noValidate role="search">
          <TextField label={t(`adminConsole.${area}.search`)} value={search.q} onChange={(event) => search.setQ(event.target.value)} />
          <Select
            label={t(`adminConsole.${area}.status`)}
            value={search.status}
            onChange={(event) => search.setStatus(event.target.value)}
            options={[{ value: "", label: t("adminConsole.any") }, ...props.statusOptions]}
          />
          <Button type="submit">{t("adminConsole.searchButton")}</Button>
        </form>
        {props.children}
      </Card>
    </div>
  );
}

function amountOf(value: string, currency: string, locale: AmountLocale): string {
  return formatAmount(BigInt(value), currency as Currency, locale);
}

/** Ops: every organisation's contracts, read-only (the parties act on them in their own pages). */
export function AdminContractsPage() {
  const { t } = useTranslation();
  const locale = getCurrentLocale();
  const search = useRecordSearch<(typeof CONTRACT_STATUSES)[number]>();
  const list = useAdminContracts(search.filter);
  const statusOptions = CONTRACT_STATUSES.map((value) => ({ value, label: t(`contracts.statuses.${value}`) }));
  return (
    <RecordsPage area="contracts" search={search} statusOptions={statusOptions}>
      <PagedResults query={list} isEmpty={list.data?.pages[0]?.contracts.length === 0}>
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("adminConsole.contracts.number")}</th>
                <th scope="col">{t("adminConsole.contracts.parties")}</th>
                <th scope="col">{t("adminConsole.contracts.amount")}</th>
                <th scope="col">{t("adminConsole.contracts.status")}</th>
                <th scope="col">{t("adminConsole.contracts.updatedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data?.pages.flatMap((page) =>
                page.contracts.map((contract) => (
                  <tr key={contract.id}>
                    <th scope="row">
                      {contract.contractNumber}
                      <div className="admin-records__muted">{contract.title}</div>
                    </th>
                    <td>
                      {contract.orderer.nameLocal} → {contract.jointVentureName ?? contract.contractor.nameLocal}
                    </td>
                    <td>{amountOf(contract.amount, contract.currency, locale)}</td>
                    <td>{t(`contracts.statuses.${contract.status as (typeof CONTRACT_STATUSES)[number]}`)}</td>
                    <td>{formatDateTime(new Date(contract.updatedAt), locale)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      </PagedResults>
    </RecordsPage>
  );
}

/** Ops: every guarantee's metadata, read-only; the authentication key is never sent to this page. */
export function AdminGuaranteesPage() {
  const { t } = useTranslation();
  const locale = getCurrentLocale();
  const search = useRecordSearch<(typeof GUARANTEE_STATUSES)[number]>();
  const list = useAdminGuarantees(search.filter);
  const statusOptions = GUARANTEE_STATUSES.map((value) => ({ value, label: t(`guarantees.statuses.${value}`) }));
  return (
    <RecordsPage area="guarantees" search={search} statusOptions={statusOptions}>
      <PagedResults query={list} isEmpty={list.data?.pages[0]?.guarantees.length === 0}>
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("adminConsole.guarantees.number")}</th>
                <th scope="col">{t("adminConsole.guarantees.parties")}</th>
                <th scope="col">{t("adminConsole.guarantees.amount")}</th>
                <th scope="col">{t("adminConsole.guarantees.period")}</th>
                <th scope="col">{t("adminConsole.guarantees.status")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data?.pages.flatMap((page) =>
                page.guarantees.map((guarantee) => (
                  <tr key={guarantee.id}>
                    <th scope="row">
                      {guarantee.guaranteeNumber ?? "—"}
                      <div className="admin-records__muted">{guarantee.worksTitle}</div>
                    </th>
                    <td>
                      {guarantee.contractor.nameLocal} · {guarantee.surety?.nameLocal ?? "—"}
                      <div className="admin-records__muted">{guarantee.ordererName}</div>
                    </td>
                    <td>{amountOf(guarantee.guaranteeAmount, guarantee.currency, locale)}</td>
                    <td>
                      {guarantee.guaranteeStartDate} – {guarantee.guaranteeEndDate}
                    </td>
                    <td>{t(`guarantees.statuses.${guarantee.status as (typeof GUARANTEE_STATUSES)[number]}`)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      </PagedResults>
    </RecordsPage>
  );
}
