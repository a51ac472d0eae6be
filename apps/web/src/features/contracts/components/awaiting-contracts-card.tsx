import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { useAwaitingContractsCount } from "../api/get-contracts";
import { describeContractError } from "./describe-contract-error";

/** The dashboard's contracts card: how many wait on the user's organisation, and the way to them. */
export function AwaitingContractsCard({ canCreate }: { canCreate: boolean }) {
  const { t } = useTranslation();
  const awaiting = useAwaitingContractsCount();
  return (
    <Card title={t("contracts.dashboard.title")}>
      {awaiting.isPending && <Spinner label={t("app.loading")} />}
      {awaiting.error && <Alert>{describeContractError(awaiting.error, t)}</Alert>}
      {awaiting.data && (
        <p className="contracts-card__count">
          <Link to={paths.contracts.getHref({ awaitingMe: true })}>
            {awaiting.data.hasMore
              ? t("contracts.dashboard.countMore", { number: awaiting.data.count })
              : t("contracts.dashboard.count", { number: awaiting.data.count })}
          </Link>
        </p>
      )}
      <ul className="plain-list">
        <li>
          <Link className="arrow-link" to={paths.contracts.getHref()}>
            {t("contracts.dashboard.allLink")}
          </Link>
        </li>
        {canCreate && (
          <li>
            <Link className="arrow-link" to={paths.contractNew.getHref()}>
              {t("contracts.list.newContract")}
            </Link>
          </li>
        )}
      </ul>
    </Card>
  );
}
