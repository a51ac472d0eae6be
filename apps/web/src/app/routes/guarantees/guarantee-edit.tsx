import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { useCurrentUser } from "@/features/auth/api/get-current-user";
import { useGuarantee } from "@/features/guarantees/api/get-guarantee";
import { describeGuaranteeError } from "@/features/guarantees/components/describe-guarantee-error";
import { GuaranteeFormPage } from "@/features/guarantees/components/guarantee-form-page";

export function GuaranteeEditRoute() {
  const { t } = useTranslation();
  const { guaranteeId = "" } = useParams();
  const { data: user } = useCurrentUser();
  const guarantee = useGuarantee(guaranteeId);
  if (!user) return null;
  if (guarantee.isPending) return <Spinner label={t("app.loading")} size="large" />;
  if (guarantee.error) {
    return (
      <>
        <h1>{t("guarantees.detail.notFoundTitle")}</h1>
        <Alert>{describeGuaranteeError(guarantee.error, t)}</Alert>
      </>
    );
  }
  const detail = guarantee.data;
  // Only drafts and applications sent back for correction can be revised; another one leads back to its page.
  if (!detail.allowedActions.includes("EDIT")) {
    return (
      <>
        <h1>{detail.worksTitle}</h1>
        <Alert tone="warning">{t("guarantees.form.notEditable")}</Alert>
        <p>
          <Link to={paths.guarantee.getHref(detail.id)}>{t("guarantees.form.backToGuarantee")}</Link>
        </p>
      </>
    );
  }
  // Keyed by id only: a refetch after saving must not wipe what is being typed.
  return <GuaranteeFormPage key={detail.id} mode="edit" user={user} guarantee={detail} onReload={async () => (await guarantee.refetch()).data} />;
}
