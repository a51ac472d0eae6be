import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { useAwaitingGuaranteesCount } from "../api/get-guarantees";
import { describeGuaranteeError } from "./describe-guarantee-error";
import "../guarantees.css";

/** The dashboard's guarantees card: how many wait on the user's organisation, and the way to them. */
export function AwaitingGuaranteesCard({ isContractor }: { isContractor: boolean }) {
  const { t } = useTranslation();
  const awaiting = useAwaitingGuaranteesCount();
  return (
    <Card title={t("guarantees.dashboard.title")}>
      {awaiting.isPending && <Spinner label={t("app.loading")} />}
      {awaiting.error && <Alert>{describeGuaranteeError(awaiting.error, t)}</Alert>}
      {awaiting.data && (
        <p className="guarantees-card__count">
          <Link to={paths.guarantees.getHref({ awaitingMe: true })}>
            {awaiting.data.hasMore
              ? t("guarantees.dashboard.countMore", { number: awaiting.data.count })
              : t("guarantees.dashboard.count", { number: awaiting.data.count })}
          </Link>
        </p>
      )}
      <ul className="plain-list">
        <li>
          <Link className="arrow-link" to={paths.guarantees.getHref()}>
            {t("guarantees.dashboard.allLink")}
          </Link>
        </li>
        {isContractor && (
          <li>
            <Link className="arrow-link" to={paths.guaranteeNew.getHref()}>
              {t("guarantees.list.apply")}
            </Link>
          </li>
        )}
      </ul>
    </Card>
  );
}
