import type { Country } from "@pwp/shared/enums";
import { formatRegistrationNumber } from "@pwp/shared/registration-number";
import { useDeferredValue, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { TextField } from "@/components/ui/text-field";
import { paths } from "@/config/paths";
import { useCounterparties } from "../api/get-counterparties";
import { AddCounterpartyPanel } from "./add-counterparty-panel";
import { CounterpartyStatusBadge } from "./counterparty-status";
import { describeRequestError } from "./form-support";
import "../counterparties.css";

/** 거래처 관리: the member's counterparty list, its search, and the way to add one. */
export function CounterpartiesPage({ organizationCountry }: { organizationCountry: Country }) {
  const { t } = useTranslation();
  const panelId = useId();
  const addButtonId = useId();
  const [isAdding, setIsAdding] = useState(false);
  const [search, setSearch] = useState("");
  const query = useDeferredValue(search.trim());
  const list = useCounterparties(query);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  function closePanel() {
    setIsAdding(false);
    // Back to where the member opened the panel, rather than to the top of the page.
    document.getElementById(addButtonId)?.focus();
  }

  return (
    <div className="counterparties">
      <DocumentTitle page={t("counterparties.title")} />
      <div className="page-heading page-heading--with-action">
        <div>
          <h1>{t("counterparties.title")}</h1>
          <p className="page-heading__lead">{t("counterparties.intro")}</p>
        </div>
        <Button id={addButtonId} aria-expanded={isAdding} aria-controls={isAdding ? panelId : undefined} onClick={() => setIsAdding((open) => !open)}>
          {t("counterparties.addButton")}
        </Button>
      </div>

      {isAdding && <AddCounterpartyPanel id={panelId} defaultCountry={organizationCountry} onClose={closePanel} />}

      <section className="panel counterparty-list" aria-label={t("counterparties.listCaption")}>
        <TextField
          className="counterparty-list__search"
          label={t("counterparties.listSearchLabel")}
          hint={t("counterparties.listSearchHint")}
          type="search"
          name="counterpartySearch"
          autoComplete="off"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        {list.isPending && <Spinner label={t("counterparties.loading")} />}
        {list.error && <Alert>{describeRequestError(list.error, t)}</Alert>}
        {list.isSuccess && items.length === 0 && (
          <p className="empty-state">{query ? t("counterparties.noMatches", { query }) : t("counterparties.empty")}</p>
        )}
        {items.length > 0 && (
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t("counterparties.listCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("counterparties.columns.name")}</th>
                  <th scope="col">{t("counterparties.columns.kind")}</th>
                  <th scope="col">{t("counterparties.columns.registrationNumber")}</th>
                  <th scope="col">{t("counterparties.columns.status")}</th>
                  <th scope="col" className="data-table__number">
                    {t("counterparties.columns.contacts")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((counterparty) => (
                  <tr key={counterparty.id}>
                    <th scope="row">
                      <Link to={paths.counterparty.getHref(counterparty.id)} lang={counterparty.country === "KR" ? "ko" : "ja"}>
                        {counterparty.name}
                      </Link>
                    </th>
                    <td>{t(`organizationKinds.${counterparty.kind}`)}</td>
                    <td className="details__number">{formatRegistrationNumber(counterparty.country, counterparty.registrationNumber)}</td>
                    <td>
                      <CounterpartyStatusBadge counterparty={counterparty} />
                    </td>
                    <td className="data-table__number">{counterparty.contactCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.hasNextPage && (
          <Button variant="secondary" isLoading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t("counterparties.loadMore")}
          </Button>
        )}
      </section>
    </div>
  );
}
