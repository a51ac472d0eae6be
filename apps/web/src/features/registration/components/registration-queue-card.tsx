import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { useAdminRegistrations } from "../api/list-admin-registrations";

/** The operations console's summary of the queue: how many applications wait, and the way in. */
export function RegistrationQueueCard() {
  const { t } = useTranslation();
  const pending = useAdminRegistrations({ status: "PENDING", limit: 1 });
  return (
    <Card title={t("registration.card.title")} className="empty-state-card">
      <p className="empty-state-card__description">{t("registration.card.description")}</p>
      {pending.isPending ? (
        <Spinner label={t("app.loading")} />
      ) : (
        pending.data && <p>{t("registration.card.pending", { count: pending.data.total })}</p>
      )}
      <Link className="arrow-link" to={paths.adminRegistrations.getHref()}>
        {t("registration.card.open")}
      </Link>
    </Card>
  );
}
