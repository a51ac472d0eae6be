import { GUARANTEE_KINDS, type GuaranteeKind } from "@pwp/shared/contracts";
import type { Locale } from "@pwp/shared/enums";
import { GUARANTEE_STATUSES, type GuaranteeStatus, type GuaranteeSummary } from "@pwp/shared/guarantees";
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
import { getCurrentLocale } from "@/lib/i18n";
import { useGuarantees } from "../api/get-guarantees";
import { describeGuaranteeError } from "./describe-guarantee-error";
import { formatCalendarDate, formatMoney } from "./format";
import { GuaranteeStatusBadge } from "./guarantee-status-badge";
import "../guarantees.css";

type View = "awaiting" | "all";

function isStatus(value: string | null): value is GuaranteeStatus {
  return (GUARANTEE_STATUSES as readonly (string | null)[]).includes(value);
}

function isKind(value: string | null): value is GuaranteeKind {
  return (GUARANTEE_KINDS as readonly (string | null)[]).includes(value);
}

/** 보증 목록 · 保証契約一覧: the organisation's guarantees (as applicant or as surety), what waits on it first. */
export function GuaranteesPage({ isContractor }: { isContractor: boolean }) {
  const { t } = useTranslation();
  const language = getCurrentLocale();
  // View and filters live in the URL: the dashboard links to the waiting list, and Back keeps the filter.
  const [searchParams, setSearchParams] = useSearchParams();
  const view: View = searchParams.get("view") === "awaiting" ? "awaiting" : "all";
  const statusParam = searchParams.get("status");
  const status = isStatus(statusParam) ? statusParam : null;
  const kindParam = searchParams.get("kind");
  const kind = isKind(kindParam) ? kindParam : null;
  const [search, setSearch] = useState("");
  const q = useDeferredValue(search.trim());
  const list = useGuarantees({ awaitingMe: view === "awaiting", status, kind, q });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  function setFilter(name: "view" | "status" | "kind", value: string | null) {
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

  return (
    <div className="guarantees">
      <DocumentTitle page={t("guarantees.list.title")} />
      <div className="page-heading guarantees__heading">
        <div>
          <h1>{t("guarantees.list.title")}</h1>
          <p className="page-heading__lead">{isContractor ? t("guarantees.list.introContractor") : t("guarantees.list.introSurety")}</p>
        </div>
        {isContractor && (
          <div className="guarantees__heading-actions">
            <Link className="button button--primary" to={paths.guaranteeNew.getHref()}>
              {t("guarantees.list.apply")}
            </Link>
            <Link className="button button--secondary" to={paths.offlineGuaranteeNew.getHref()}>
              {t("guarantees.list.recordOffline")}
            </Link>
          </div>
        )}
      </div>

      <section className="panel" aria-label={t("guarantees.list.caption")}>
        <Tabs
          label={t("guarantees.list.viewsLabel")}
          tabs={[
            { value: "awaiting", label: t("guarantees.list.views.awaiting") },
            { value: "all", label: t("guarantees.list.views.all") },
          ]}
          selected={view}
          onSelect={(value) => setFilter("view", value)}
        >
          <div className="guarantees__filters">
            <Select
              label={t("guarantees.list.statusFilter")}
              name="status"
              options={[
                { value: "", label: t("guarantees.list.anyStatus") },
                ...GUARANTEE_STATUSES.map((value) => ({ value, label: t(`guarantees.statuses.${value}`) })),
              ]}
              value={status ?? ""}
              onChange={(event) => setFilter("status", event.target.value || null)}
            />
            <Select
              label={t("guarantees.list.kindFilter")}
              name="kind"
              options={[{ value: "", label: t("guarantees.list.anyKind") }, ...GUARANTEE_KINDS.map((value) => ({ value, label: t(`guarantees.kinds.${value}`) }))]}
              value={kind ?? ""}
              onChange={(event) => setFilter("kind", event.target.value || null)}
            />
            <TextField
              label={t("guarantees.list.search")}
              hint={t("guarantees.list.searchHint")}
              type="search"
              name="guaranteeSearch"
              autoComplete="off"
              maxLength={100}
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          </div>

          {list.isPending && <Spinner label={t("app.loading")} />}
          {list.error && <Alert>{describeGuaranteeError(list.error, t)}</Alert>}
          {list.isSuccess && items.length === 0 && (
            <p className="empty-state">{view === "awaiting" && !status && !kind && !q ? t("guarantees.list.emptyAwaiting") : t("guarantees.list.empty")}</p>
          )}
          {items.length > 0 && (
            <div className="table-scroll">
              <table className="data-table">
                <caption className="visually-hidden">{t("guarantees.list.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("guarantees.list.columns.number")}</th>
                    <th scope="col">{t("guarantees.list.columns.kind")}</th>
                    <th scope="col">{t("guarantees.list.columns.worksTitle")}</th>
                    <th scope="col">{t("guarantees.list.columns.orderer")}</th>
                    <th scope="col" className="data-table__number">
                      {t("guarantees.list.columns.amount")}
                    </th>
                    <th scope="col">{t("guarantees.list.columns.status")}</th>
                    <th scope="col">{isContractor ? t("guarantees.list.columns.surety") : t("guarantees.list.columns.contractor")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((guarantee) => (
                    <GuaranteeRow key={guarantee.id} guarantee={guarantee} language={language} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {list.hasNextPage && (
            <Button variant="secondary" isLoading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {t("guarantees.list.loadMore")}
            </Button>
          )}
        </Tabs>
      </section>
    </div>
  );
}

function GuaranteeRow({ guarantee, language }: { guarantee: GuaranteeSummary; language: Locale }) {
  const { t } = useTranslation();
  // The other party: the surety (or the outside issuer) for the contractor, the contractor for the surety.
  const counterpart = guarantee.mySide === "CONTRACTOR" ? (guarantee.surety?.nameLocal ?? guarantee.offlineIssuerName ?? "") : guarantee.contractor.nameLocal;
  return (
    <tr>
      <td className="details__number">{guarantee.guaranteeNumber ?? <span className="muted">{t("guarantees.list.notNumbered")}</span>}</td>
      <td>{t(`guarantees.kinds.${guarantee.kind}`)}</td>
      <th scope="row">
        <Link to={paths.guarantee.getHref(guarantee.id)}>{guarantee.worksTitle}</Link>
      </th>
      <td>{guarantee.ordererName}</td>
      <td className="data-table__number details__number">{formatMoney(guarantee.guaranteeAmount, guarantee.currency, language)}</td>
      <td>
        <GuaranteeStatusBadge status={guarantee.status} displayStatus={guarantee.displayStatus} />
        <span className="muted guarantees__until">{t("guarantees.list.until", { date: formatCalendarDate(guarantee.guaranteeEndDate, language) })}</span>
      </td>
      <td>{counterpart}</td>
    </tr>
  );
}
