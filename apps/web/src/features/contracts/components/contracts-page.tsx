import { CONTRACT_STATUSES, type ContractStatus, type ContractSummary } from "@pwp/shared/contracts";
import type { Locale } from "@pwp/shared/enums";
import { useDeferredValue, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Tabs } from "@/components/ui/tabs";
import { TextField } from "@/components/ui/text-field";
import { paths } from "@/config/paths";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useContracts } from "../api/get-contracts";
import { formatAmountWithCurrency } from "@/lib/amount-format";
import { ContractStatusBadge } from "./contract-status-badge";
import { describeContractError } from "./describe-contract-error";
import "../contracts.css";

type View = "awaiting" | "all";

function isStatus(value: string | null): value is ContractStatus {
  return (CONTRACT_STATUSES as readonly (string | null)[]).includes(value);
}

/** 전자계약 목록 · 契約一覧: the organisation's contracts on either side, with what waits on it first in mind. */
export function ContractsPage({ canCreate }: { canCreate: boolean }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  // The view and the status live in the URL: the dashboard links to the waiting list, and Back keeps the filter.
  const [searchParams, setSearchParams] = useSearchParams();
  const view: View = searchParams.get("view") === "awaiting" ? "awaiting" : "all";
  const statusParam = searchParams.get("status");
  const status = isStatus(statusParam) ? statusParam : null;
  const [search, setSearch] = useState("");
  const q = useDeferredValue(search.trim());
  const list = useContracts({ awaitingMe: view === "awaiting", status, q });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  function setFilter(name: "view" | "status", value: string | null) {
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null || (name === "view" && value === "all")) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );
  }

  const statusOptions = [
    { value: "", label: t("contracts.list.anyStatus") },
    ...CONTRACT_STATUSES.map((value) => ({ value, label: t(`contracts.statuses.${value}`) })),
  ];

  return (
    <div className="contracts">
      <DocumentTitle page={t("contracts.list.title")} />
      <div className="page-heading page-heading--with-action">
        <div>
          <h1>{t("contracts.list.title")}</h1>
          <p className="page-heading__lead">{t("contracts.list.intro")}</p>
        </div>
        {canCreate && (
          <Link className="button button--primary" to={paths.contractNew.getHref()}>
            {t("contracts.list.newContract")}
          </Link>
        )}
      </div>

      <section className="panel" aria-label={t("contracts.list.caption")}>
        <Tabs
          label={t("contracts.list.viewsLabel")}
          tabs={[
            { value: "awaiting", label: t("contracts.list.views.awaiting") },
            { value: "all", label: t("contracts.list.views.all") },
          ]}
          selected={view}
          onSelect={(value) => setFilter("view", value)}
        >
          <div className="contracts__filters">
            <Select
              label={t("contracts.list.statusFilter")}
              name="status"
              options={statusOptions}
              value={status ?? ""}
              onChange={(event) => setFilter("status", event.target.value || null)}
            />
            <TextField
              label={t("contracts.list.search")}
              hint={t("contracts.list.searchHint")}
              type="search"
              name="contractSearch"
              autoComplete="off"
              maxLength={100}
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          </div>

          {list.isPending && <Spinner label={t("app.loading")} />}
          {list.error && <Alert>{describeContractError(list.error, t)}</Alert>}
          {list.isSuccess && items.length === 0 && (
            <p className="empty-state">{view === "awaiting" && !status && !q ? t("contracts.list.emptyAwaiting") : t("contracts.list.empty")}</p>
          )}
          {items.length > 0 && (
            <div className="table-scroll">
              <table className="data-table">
                <caption className="visually-hidden">{t("contracts.list.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("contracts.list.columns.number")}</th>
                    <th scope="col">{t("contracts.list.columns.title")}</th>
                    <th scope="col">{t("contracts.list.columns.counterparty")}</th>
                    <th scope="col" className="data-table__number">
                      {t("contracts.list.columns.amount")}
                    </th>
                    <th scope="col">{t("contracts.list.columns.status")}</th>
                    <th scope="col">{t("contracts.list.columns.updated")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((contract) => (
                    <ContractRow key={contract.id} contract={contract} language={language} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {list.hasNextPage && (
            <Button variant="secondary" isLoading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {t("contracts.list.loadMore")}
            </Button>
          )}
        </Tabs>
      </section>
    </div>
  );
}

function ContractRow({ contract, language }: { contract: ContractSummary; language: Locale }) {
  const { t } = useTranslation();
  const other = contract.mySide === "ORDERER" ? contract.contractor : contract.orderer;
  const isMyTurn = contract.awaitingSide === contract.mySide;
  return (
    <tr>
      <td className="details__number">{contract.contractNumber}</td>
      <th scope="row">
        <Link to={paths.contract.getHref(contract.id)}>{contract.title}</Link>
      </th>
      <td lang={other.country === "KR" ? "ko" : "ja"}>
        {other.nameLocal}
        {contract.mySide === "ORDERER" && contract.jointVentureName && (
          <span className="muted contract-detail__party-extra">{t("contracts.list.jointVenture", { name: contract.jointVentureName })}</span>
        )}
      </td>
      <td className="data-table__number details__number">{formatAmountWithCurrency(contract.amount, contract.currency, language)}</td>
      <td>
        <ContractStatusBadge status={contract.status} />
        {isMyTurn && contract.status !== "DRAFT" && <span className="badge contracts__turn">{t("contracts.list.yourTurn")}</span>}
      </td>
      <td>{formatDateTime(new Date(contract.updatedAt), language)}</td>
    </tr>
  );
}
