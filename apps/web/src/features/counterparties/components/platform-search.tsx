import { ORGANIZATION_SEARCH_MIN_LENGTH, type OrganizationSearchResult } from "@pwp/shared/counterparties";
import { formatRegistrationNumber } from "@pwp/shared/registration-number";
import { useDeferredValue, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { TextField } from "@/components/ui/text-field";
import { useCreateCounterparty } from "../api/create-counterparty";
import { useOrganizationSearch } from "../api/search-organizations";
import { describeRequestError } from "./form-support";

/** Find an approved organisation on the platform and add it with one click. */
export function PlatformSearch() {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  // The query follows the typing at the pace rendering allows, not at every keystroke.
  const query = useDeferredValue(text);
  const search = useOrganizationSearch(query);
  const create = useCreateCounterparty();
  const [addedName, setAddedName] = useState<string | null>(null);
  const isSearchable = query.trim().length >= ORGANIZATION_SEARCH_MIN_LENGTH;
  const items = isSearchable ? (search.data?.items ?? []) : [];

  function add(organization: OrganizationSearchResult) {
    setAddedName(null);
    create.mutate({ organizationId: organization.id }, { onSuccess: (created) => setAddedName(created.name) });
  }

  const createError = describeRequestError(create.error, t);
  return (
    <div className="platform-search">
      <TextField
        label={t("counterparties.add.searchLabel")}
        hint={t("counterparties.add.searchHint")}
        type="search"
        name="organizationSearch"
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <div role="status" className="platform-search__status">
        {addedName && t("counterparties.add.added", { name: addedName })}
        {isSearchable && search.isFetching && <Spinner label={t("counterparties.add.searching")} />}
      </div>
      {createError && <Alert>{createError}</Alert>}
      {search.error && <Alert>{describeRequestError(search.error, t)}</Alert>}
      {isSearchable && search.isSuccess && items.length === 0 && <p className="platform-search__empty">{t("counterparties.add.noResults")}</p>}
      {items.length > 0 && (
        <ul className="search-results" aria-label={t("counterparties.add.resultsLabel")}>
          {items.map((organization) => (
            <li key={organization.id} className="search-results__item">
              <div className="search-results__text">
                <span id={`organization-${organization.id}-name`} className="search-results__name" lang={organization.country === "KR" ? "ko" : "ja"}>
                  {organization.nameLocal}
                </span>
                {organization.nameLatin && organization.nameLatin !== organization.nameLocal && (
                  <span className="search-results__latin">{organization.nameLatin}</span>
                )}
                <span className="search-results__meta">
                  {t(`organizationKinds.${organization.kind}`)} · {t(`countries.${organization.country}`)} ·{" "}
                  <span className="details__number">{formatRegistrationNumber(organization.country, organization.registrationNumber)}</span>
                </span>
              </div>
              {organization.isCounterparty ? (
                <span className="search-results__added">{t("counterparties.add.alreadyAdded")}</span>
              ) : (
                <Button
                  variant="secondary"
                  isLoading={create.isPending && create.variables && "organizationId" in create.variables && create.variables.organizationId === organization.id}
                  disabled={create.isPending}
                  // The name stays "Add"; the organisation's name, read as its description, says which one.
                  aria-describedby={`organization-${organization.id}-name`}
                  onClick={() => add(organization)}
                >
                  {t("counterparties.add.addResult")}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
